// Which Kuma version a file's settings are judged against: the `kumaVersion` option
// (`--kuma-version`, `kumaTls.kumaVersion`), else the version the file itself installs, else the one
// the workspace installs (when its files agree), else none: then any catalogued version counts.
import { KumaVersion, resolveKumaVersion } from '../kuma';
import { LintDocument } from './model/document';
import { baseName, fencedCode } from './model/kinds';
import { isMap, isScalar, isSeq } from 'yaml';
import { scalarString } from './model/yaml';
import { RuleContext } from './rule';

export interface JudgedVersion {
  version: KumaVersion;
  /** Where it came from, for messages: "kumaTls.kumaVersion / --kuma-version", "this file", "the workspace". */
  source: 'option' | 'file' | 'workspace';
}

// Kong Mesh (chart kong-mesh, images kong/kuma-cp) numbers its releases itself, and which Kuma a
// Kong Mesh release carries is not something the catalogue knows: its versions name no Kuma
// version (kong-mesh-ecs defaults to kong/kuma-cp:2.1.1 and sets keys Kuma added in 2.2).
const KUMA_CHARTS = /^(?:oci:\/\/\S+\/|[\w.-]+\/)?kuma$/;
const VERSION_TEXT = /^v?\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.-]+)?$/;
// `…/kuma-cp:2.9.3`, `kuma-dp:v2.9.3` in any file: container specs, compose, docker run, values.
const IMAGE_TAG = /(?:^|[\s"'=])((?:[\w.:-]+\/)*)kuma-(?:cp|dp):(v?\d+\.\d+(?:\.\d+)?)(?![\w.])/gm;
const KONG_MESH_IMAGE = /(?:^|\/)kong\/$/;

const cache = new WeakMap<LintDocument, readonly string[]>();

/**
 * The Kuma versions a document names (install lines, Chart.yaml, image tags), as written, also
 * those the catalogue cannot judge (`kuma-cp:0.0.1` test images, 1.x): they make the workspace name
 * more than one version. Markdown counts only in its fenced blocks: prose and changelogs name
 * versions nobody installs.
 */
export function kumaVersionsIn(doc: LintDocument): readonly string[] {
  const cached = cache.get(doc);
  if (cached) return cached;
  const versions: string[] = [];
  if (doc.format !== 'pem') {
    const text = doc.format === 'markdown' ? fencedCode(doc.text) : doc.text;
    versions.push(...helmInstallVersions(text));
    versions.push(...imageTagVersions(text));
    if (doc.yaml && baseName(doc.path) === 'Chart.yaml') versions.push(...chartVersions(doc));
  }
  cache.set(doc, versions);
  return versions;
}

/**
 * Tags of kuma-cp / kuma-dp images. IMAGE_TAG is tried only on the lines that name one: a match
 * never spans a line, and over a whole manifest its registry-path prefix backtracks through every
 * base64 line (the slashes of base64 read as path separators).
 */
function imageTagVersions(text: string): string[] {
  const out: string[] = [];
  const mention = /kuma-[cd]p:/g;
  let found: RegExpExecArray | null;
  while ((found = mention.exec(text)) !== null) {
    const lineStart = text.lastIndexOf('\n', found.index) + 1;
    let lineEnd = text.indexOf('\n', found.index);
    if (lineEnd < 0) lineEnd = text.length;
    for (const m of text.slice(lineStart, lineEnd).matchAll(IMAGE_TAG)) if (!KONG_MESH_IMAGE.test(m[1])) out.push(m[2]);
    mention.lastIndex = lineEnd;
  }
  return out;
}

/** `--version X` of `helm install|upgrade|template … kuma/kuma` lines, `\` continuations joined. */
function helmInstallVersions(text: string): string[] {
  if (!text.includes('helm')) return [];
  const out: string[] = [];
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n|;|&&|\|\|/)) {
    const m = /\bhelm\s+(?:install|upgrade|template)\b(.*)$/.exec(line);
    if (!m) continue;
    const words = m[1].trim().split(/\s+/).map((word) => word.replace(/^["']|["']$/g, ''));
    if (!words.some((word) => KUMA_CHARTS.test(word))) continue;
    for (let i = 0; i < words.length; i++) {
      const inline = /^--version=(.+)$/.exec(words[i]);
      const value = inline ? inline[1].replace(/^["']|["']$/g, '') : words[i] === '--version' ? words[i + 1] : undefined;
      if (value && VERSION_TEXT.test(value)) out.push(value);
    }
  }
  return out;
}

/** A Chart.yaml's `dependencies:` entry named kuma with an exact or `~` version; Kuma's own chart's appVersion. */
function chartVersions(doc: LintDocument): string[] {
  const out: string[] = [];
  const file = doc.yaml!;
  for (const d of file.documents) {
    const name = file.getString(d, ['name']);
    const appVersion = file.getString(d, ['appVersion']);
    if (name === 'kuma' && appVersion && VERSION_TEXT.test(appVersion)) out.push(appVersion);
    const dependencies = file.getNode(d, ['dependencies']);
    if (!dependencies || !isSeq(dependencies)) continue;
    for (const item of file.items(d, dependencies)) {
      if (!item.value || !isMap(item.value)) continue;
      const dependency = file.get(d, ['name'], item.value);
      const version = file.get(d, ['version'], item.value);
      if (!dependency?.value || !isScalar(dependency.value) || !version?.value || !isScalar(version.value)) continue;
      if (scalarString(dependency.value) !== 'kuma') continue;
      // `^2.9.0` or a range lets Helm pick any later minor: it names no one version.
      // Trimmed first: `^\s*(~|=)?\s*` backtracks over a long run of spaces between its two `\s*`.
      const m = /^(~|=)?\s*(v?\d+\.\d+(?:\.\d+)?)$/.exec(scalarString(version.value).trim());
      if (m) out.push(m[1] === '~' ? m[2].split('.').slice(0, 2).join('.') : m[2]);
    }
  }
  return out;
}

/**
 * One version when the texts agree: the same text, else their common minor; none when minors
 * differ or one of them is a version the catalogue cannot judge.
 */
export function agreedVersion(texts: Iterable<string>): KumaVersion | undefined {
  return agreeWith(NOTHING_AGREED, texts).version;
}

/** Where agreement stands after some texts: a list that only grows is judged by its new texts alone (agreeWith). */
export interface VersionAgreement {
  readonly version: KumaVersion | undefined;
  /** Minors differed, or a text was no version the catalogue knows: no later text can agree again. */
  readonly disagreed: boolean;
}

export const NOTHING_AGREED: VersionAgreement = { version: undefined, disagreed: false };

/** agreedVersion as a left fold: `agreeWith(agreeWith(start, a), b)` is `agreeWith(start, [...a, ...b])`. */
export function agreeWith(start: VersionAgreement, texts: Iterable<string>): VersionAgreement {
  if (start.disagreed) return start;
  let agreed = start.version;
  for (const text of texts) {
    const version = resolveKumaVersion(text);
    if (!version || (agreed && agreed.label !== version.label)) return { version: undefined, disagreed: true };
    if (!agreed) agreed = version;
    else if (agreed.patch !== version.patch) agreed = { label: agreed.label, text: agreed.label };
  }
  return { version: agreed, disagreed: false };
}

/**
 * The versions the documents of the workspace install (the workspace caches this per revision).
 * Markdown judges its own settings by the versions its fences name, but says nothing about the
 * workspace: a docs site shows an example install of one version beside reference files of every
 * other (kuma-website: one `kuma-dp:2.6.2` example made every versioned kuma-cp.yaml "2.6.2").
 */
export function workspaceVersionTexts(documents: Iterable<LintDocument>): string[] {
  const out: string[] = [];
  for (const doc of documents) if (doc.format !== 'markdown') out.push(...kumaVersionsIn(doc));
  return out;
}

/** The version `doc`'s settings are judged against, or undefined for "any catalogued version". */
export function judgedKumaVersion(doc: LintDocument, ctx: RuleContext): JudgedVersion | undefined {
  const option = ctx.options.kumaVersion ? resolveKumaVersion(ctx.options.kumaVersion) : undefined;
  if (option) return { version: option, source: 'option' };
  const own = agreedVersion(kumaVersionsIn(doc));
  if (own) return { version: own, source: 'file' };
  const workspace = ctx.workspace.index ? ctx.workspace.index().agreedKumaVersion() : agreedVersion(workspaceVersionTexts(ctx.workspace.documents()));
  return workspace ? { version: workspace, source: 'workspace' } : undefined;
}
