// A set of files linted together: the editor's open and indexed files, or everything under the
// CLI's paths. Documents are parsed once per version; findings are cached until the document,
// the options, a file they read or an answer of the workspace index they used changes. The index
// (crossfile/workspace-index.ts) is patched per changed file before the next lint, never rebuilt.
import { isUtf8 } from 'node:buffer';
import { echo } from '../pki/redact';
import { derContent } from './certs';
import { guardFindings } from './guard';
import { DER_KEY_ADVICE } from './material';
import { resolveOptions, runRules } from './engine';
import { buildDocument, LintDocument, SourceEncoding } from './model/document';
import { formatOf } from './model/kinds';
import { IndexChange, recordingIndex, WorkspaceIndex, WorkspaceIndexState } from './crossfile/workspace-index';
import { mayBeKumaFile } from './model/prescan';
import { addMember, removeMember } from './multimap';
import { ResolvedLintOptions, Rule, SecretReference, WorkspaceView } from './rule';
import { ALL_RULES } from './rules';
import { ConfigAnswer, ConfigKey, ConfigSet, isConfigKey } from './config/config-set';
import { ConfigProblem, isConfigFileName } from './config/parse';
import { Finding, KumaFileKind, LintOptions } from './types';

interface CachedFindings {
  version: number;
  optionsRevision: number;
  /** The minute of the clock the findings were computed at: validity findings move with time. */
  clockMinute: number;
  /** Versions of the files the findings depend on (-1: absent). */
  deps: Map<string, number>;
  /** Revisions of the workspace-index answers the findings used (crossfile/workspace-index.ts IndexKey). */
  keys: Map<string, number>;
  /** Set when the findings depend on the whole workspace (its revision then). */
  workspaceRevision: number | null;
  findings: Finding[];
}

interface Entry {
  version: number;
  /** The entry's place in the workspace order (kept while the path stays; the index answers in this order). */
  seq: number;
  /** Null when skipped, and for a file the pre-parse scan found no Kuma marker in (`inert`). */
  text: string | null;
  /** The scan found nothing Kuma could be in it: never parsed, lints to nothing, nothing of it kept. */
  inert?: boolean;
  /** Why the file is not linted (too large, binary); null when it is. */
  skipReason: string | null;
  /** A binary PEM-named file that is a DER certificate or key: worth an error, not a skip note. */
  der?: 'certificate' | 'private-key' | null;
  /** How the bytes were encoded (UTF-16 files are decoded and linted, and Kuma may not read them). */
  encoding: SourceEncoding;
  doc: LintDocument | null;
  /** Set when parsing threw (a bug): reported once as internal-error, not retried per call. */
  buildError?: string;
  cached: CachedFindings | null;
  /** The host can read the file again (`reread`): its text may be dropped between lints. */
  rereadable?: boolean;
  /** The length of the text that was dropped (`release`), null while it is held. */
  releasedLength?: number | null;
}

export class LintWorkspace implements WorkspaceView {
  private readonly entries = new Map<string, Entry>();
  private options: ResolvedLintOptions;
  /** Set when the caller pinned `options.now` (tests do); else each lint reads the clock. */
  private pinnedNow: Date | undefined;
  private optionsRevision = 0;
  private revision = 0;
  private nextVersion = 1;
  private builds = 0;
  private nextSeq = 0;
  private readonly indexState = new WorkspaceIndexState((p) => this.get(p));
  /** Paths whose entry holds a parse tree or a text read again (what release visits). */
  private readonly held = new Set<string>();
  /** Files whose contribution to the index is out of date: patched before the next lint. */
  private readonly pending = new Set<string>();
  /** The index keys each file's last change touched: what `dependentsOf` looks up. */
  private readonly lastTouched = new Map<string, ReadonlySet<string>>();
  /** dependency (`path:` + a path, or an index key) -> files whose cached findings used it. */
  private readonly dependents = new Map<string, Set<string>>();
  /** Files whose cached findings iterated every document (a rule outside this project may). */
  private readonly wholeWorkspaceDependents = new Set<string>();
  /** `.kuma-tls.yaml` files given as documents: per-path options under the host's (config/). */
  private readonly configs = new ConfigSet();
  private hostOptions: LintOptions;

  /**
   * False for a workspace nobody asks `dependentsOf` (the CLI): each lint still records what it
   * read, so that its findings are known stale after a later file changes an answer
   * (lint/batches.ts), but no reverse map (files by Secret name, by path) is kept for re-checks
   * that never come.
   */
  private readonly tracksDependents: boolean;
  /** Reads a file again whose text `release` dropped (the CLI: from disk); without it texts are kept. */
  private readonly reread: ((path: string) => Uint8Array) | undefined;

  constructor(
    options: LintOptions = {},
    private readonly rules: readonly Rule[] = ALL_RULES,
    workspaceOptions: { tracksDependents?: boolean; reread?: (path: string) => Uint8Array } = {},
  ) {
    this.tracksDependents = workspaceOptions.tracksDependents ?? true;
    this.reread = workspaceOptions.reread;
    this.hostOptions = options;
    this.options = resolveOptions(options);
    this.pinnedNow = options.now;
  }

  /** The host's options (CLI flags, editor settings): on top of what config files say. */
  setOptions(options: LintOptions): void {
    this.hostOptions = options;
    this.options = resolveOptions(options);
    this.pinnedNow = options.now;
    this.optionsRevision++;
  }

  /**
   * What applies to `path`: the nearest `.kuma-tls.yaml` given to this workspace, its matching
   * overrides, then the host's options (config/config-set.ts). Plain options, for hosts that
   * show them (`--print-config`) or lint elsewhere.
   */
  optionsFor(path: string): LintOptions {
    return this.configAnswer(path).options;
  }

  /** The config answer for `path`, also whether a config's `ignore` covers it and which file applies. */
  configAnswer(path: string): ConfigAnswer {
    return this.configs.answer(path, this.hostOptions);
  }

  /** Whether a config file's `ignore` covers the path (a file, or a folder the CLI is about to walk). */
  isIgnored(path: string, isDirectory = false): boolean {
    return this.configs.isIgnored(path, isDirectory);
  }

  /** The `.kuma-tls.yaml` files given to this workspace (they are not lintable documents: `paths()` leaves them out). */
  configPaths(): string[] {
    return this.configs.paths();
  }

  /** Invalid config files given to the workspace (the CLI exits 2 on one; an editor shows them). */
  configProblems(): ConfigProblem[] {
    return this.configs.problems();
  }

  /** One config file for every path, whatever `.kuma-tls.yaml` files are given (`--config`). */
  useConfigFile(path: string, text: string): ConfigProblem | undefined {
    const problem = this.configs.useExplicit(path, text);
    this.optionsRevision++;
    return problem;
  }

  /**
   * `rereadable`: the content is the file's on disk, which `reread` can read again (the CLI's
   * files; not standard input), so `release` may drop its text.
   */
  setDocument(path: string, content: string | Uint8Array, rereadable = false): void {
    if (isConfigFileName(path)) {
      this.setConfigDocument(path, typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content));
      return;
    }
    const previous = this.entries.get(path);
    if (this.isInertOverCap(path, content)) {
      this.setInert(path, previous, 'utf-8');
      return;
    }
    const { text, skipReason, encoding } = decode(content, this.options.maxFileBytes);
    const der = text === null && typeof content !== 'string' && content.byteLength <= this.options.maxFileBytes && formatOf(path, '') === 'pem' ? derContent(Buffer.from(content.buffer, content.byteOffset, content.byteLength)) : null;
    // The same content again (a save, a watcher event, the editor's providers and its debounced
    // lint handing over one version) keeps the parse and the cached findings.
    if (previous && text !== null && previous.text === text && previous.skipReason === skipReason && previous.encoding === encoding) return;
    if (text !== null && !mayBeKumaFile(path, text)) {
      this.setInert(path, previous, encoding);
      return;
    }
    this.replace(path, { version: this.nextVersion++, seq: previous?.seq ?? this.nextSeq++, text, skipReason, der, encoding, doc: null, cached: null, rereadable });
  }

  /** Records `path` as no Kuma file: nothing of its text is kept. */
  private setInert(path: string, previous: Entry | undefined, encoding: SourceEncoding): void {
    // One inert text is as good as another: nothing to re-lint when it stays inert.
    if (previous?.inert) return;
    this.replace(path, { version: this.nextVersion++, seq: previous?.seq ?? this.nextSeq++, text: null, inert: true, skipReason: null, encoding, doc: null, cached: null });
  }

  /** A config file is no document to lint: the files below it depend on it by key (`dependentsOf`). */
  private setConfigDocument(path: string, text: string): void {
    this.lastTouched.set(path, new Set(this.configs.set(path, text)));
  }

  private replace(path: string, entry: Entry): void {
    const previous = this.entries.get(path);
    if (previous?.cached) this.forgetDependencies(path, previous.cached);
    this.entries.set(path, entry);
    this.pending.add(path);
    this.revision++;
  }

  /** How many documents were parsed (built) so far; what the pre-parse scan saves shows here. */
  get parsedDocuments(): number {
    return this.builds;
  }

  /** Registers a file that is not read (the CLI saw its size first); it lints to one file-skipped finding. */
  setSkipped(path: string, reason: string): void {
    this.replace(path, { version: this.nextVersion++, seq: this.entries.get(path)?.seq ?? this.nextSeq++, text: null, skipReason: reason, encoding: 'utf-8', doc: null, cached: null });
  }

  /** The size limit a caller can check before reading a file. */
  get maxFileBytes(): number {
    return this.options.maxFileBytes;
  }

  /**
   * Whether a file of `size` bytes over the size cap is still screened (isInertOverCap): a YAML
   * or Markdown file (the formats the screen reads, known by the name alone) of at most
   * SCREENED_OVER_CAP times the cap. A caller may skip any other file over the cap unread.
   */
  screensOverCap(path: string, size: number): boolean {
    const max = this.options.maxFileBytes;
    if (size <= max || size > max * SCREENED_OVER_CAP) return false;
    const format = formatOf(path, '');
    return format === 'yaml' || format === 'markdown';
  }

  /**
   * Whether content over the size cap is still no Kuma file: the pre-parse screen a file under the
   * cap gets (a CRD bundle, another chart's template of a few MB). Such a file is passed over as
   * any non-Kuma file is, instead of reported as not linted; one that may be Kuma's is reported.
   */
  private isInertOverCap(path: string, content: string | Uint8Array): boolean {
    const max = this.options.maxFileBytes;
    // A UTF-16 unit is at most three UTF-8 bytes: count bytes only when the cap may be passed.
    const size = typeof content !== 'string' ? content.byteLength : content.length * 3 <= max ? content.length : Buffer.byteLength(content, 'utf8');
    if (!this.screensOverCap(path, size)) return false;
    const { text } = decode(content, Number.POSITIVE_INFINITY);
    return text !== null && !mayBeKumaFile(path, text);
  }

  removeDocument(path: string): void {
    if (isConfigFileName(path)) {
      this.lastTouched.set(path, new Set(this.configs.remove(path)));
      return;
    }
    const entry = this.entries.get(path);
    if (!entry) return;
    if (entry.cached) this.forgetDependencies(path, entry.cached);
    this.entries.delete(path);
    this.pending.add(path);
    this.revision++;
  }

  /** Index maintenance so far (files visited): linear in the files and changes, whatever the lints. */
  get indexWork(): number {
    return this.indexState.work;
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** Whether linting `path` parses a text (false for a file the screen passed over, a skipped or a DER file). */
  parsesWhenLinted(path: string): boolean {
    const entry = this.entries.get(path);
    return entry !== undefined && !entry.inert && entry.skipReason === null && !entry.der && (entry.text !== null || entry.releasedLength != null);
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  /** The parsed document (null when skipped or unknown). Parsing happens here, once per version. */
  get(path: string): LintDocument | undefined {
    const entry = this.entries.get(path);
    if (entry?.releasedLength != null) this.restore(path, entry);
    if (!entry || entry.text === null) return undefined;
    if (!entry.doc && entry.buildError === undefined) {
      try {
        this.builds++;
        entry.doc = buildDocument(path, entry.text, entry.version, entry.encoding);
        this.held.add(path);
      } catch (error) {
        entry.buildError = error instanceof Error ? error.message : String(error);
      }
    }
    return entry.doc ?? undefined;
  }

  /**
   * Drops every parse tree, and the text of every file the host can read again (`reread`),
   * keeping the cached findings: a later read reads and parses the file anew. The CLI releases
   * after each batch it lints (lint/batches.ts), so a 20,000-file run holds one batch of trees
   * and texts, not 20,000 (a tree is some ten times its text). A file the index has not seen yet
   * keeps both for the index's next patch.
   */
  release(): void {
    for (const path of this.held) {
      if (this.pending.has(path)) continue;
      const entry = this.entries.get(path);
      this.held.delete(path);
      if (!entry) continue;
      entry.doc = null;
      if (this.reread && entry.rereadable && entry.text !== null) {
        entry.releasedLength = entry.text.length;
        entry.text = null;
      }
    }
  }

  /**
   * Reads a released file again. Should it differ from what was linted (gone, or of another length
   * or encoding: changed while the run went on), it is not linted against what the rest of the
   * workspace saw: it is skipped, with the reason. The check is the length, not a hash of every
   * text a run releases: an edit that keeps the length is linted as the file now is.
   */
  private restore(path: string, entry: Entry): void {
    const length = entry.releasedLength!;
    entry.releasedLength = null;
    let reason: string;
    try {
      const { text, encoding } = decode(this.reread!(path), this.options.maxFileBytes);
      if (text !== null && text.length === length && encoding === entry.encoding) {
        entry.text = text;
        this.held.add(path);
        return;
      }
      reason = 'it changed while kuma-tls read the workspace';
    } catch (error) {
      reason = `it could not be read again (${error instanceof Error ? echo(error.message, undefined, 200) : 'unknown error'})`;
    }
    entry.skipReason = reason;
    entry.doc = null;
  }

  /** How many files hold a parse tree now (tests and benchmarks check that release let go). */
  get heldTrees(): number {
    let held = 0;
    for (const entry of this.entries.values()) if (entry.doc) held++;
    return held;
  }

  /** How many files that the host can read again hold their text now. */
  get heldRereadableTexts(): number {
    let held = 0;
    for (const entry of this.entries.values()) if (entry.rereadable && entry.text !== null) held++;
    return held;
  }

  /** The text of `path` as linted, without parsing it (undefined when skipped, inert or unknown). */
  textOf(path: string): string | undefined {
    const entry = this.entries.get(path);
    if (entry?.releasedLength != null) this.restore(path, entry);
    return entry?.text ?? undefined;
  }

  *documents(): Iterable<LintDocument> {
    for (const path of this.entries.keys()) {
      const doc = this.get(path);
      if (doc) yield doc;
    }
  }

  /**
   * The workspace index as it stands (patched first), for services outside a lint: a hover looks
   * up the Secret a caBundle's values name here instead of indexing every document again. Nothing
   * it answers is recorded as a dependency.
   */
  index(): WorkspaceIndex {
    this.flush();
    return recordingIndex(this.indexState, () => undefined);
  }

  secretReferences(secretName: string): SecretReference[] {
    this.flush();
    return this.indexState.secretReferences(secretName);
  }

  kindsOf(path: string): KumaFileKind[] {
    return this.get(path)?.kinds ?? [];
  }

  /**
   * The findings of one file. `now` is the clock of this lint (the editor passes the time of each
   * request, so a certificate that expires during a session is reported expired); without it the
   * pinned `options.now`, else the current time.
   */
  lint(path: string, now?: Date): Finding[] {
    const entry = this.entries.get(path);
    if (!entry) return [];
    if (entry.inert) return [];
    const config = this.configs.size > 0 ? this.configAnswer(path) : undefined;
    const clock = now ?? this.pinnedNow ?? new Date();
    const clockMinute = Math.floor(clock.getTime() / 60_000);
    const resolved = config ? resolveOptions({ ...config.options, now: clock }) : this.options;
    const options: ResolvedLintOptions = resolved.now === clock ? resolved : { ...resolved, now: clock };
    // An ignored file lints to nothing, cached under the config keys like any result, so that a
    // config edit that stops ignoring it lists it among the dependents to re-lint.
    const ignored = config?.ignored ?? false;
    if (!ignored && entry.der) return this.derFinding(path, entry.der, options);
    if (!ignored && entry.skipReason !== null) return this.skippedFinding(path, entry.skipReason, options);
    this.flush();
    if (entry.cached && this.isFresh(entry, entry.cached, clockMinute)) return entry.cached.findings;
    const deps = new Map<string, number>();
    const keys = new Map<string, number>();
    let wholeWorkspace = false;
    const record = (key: string) => {
      if (!keys.has(key)) keys.set(key, this.keyRevision(key));
    };
    // Which config files apply is an answer too: editing one re-lints the files below it.
    for (const key of config?.keys ?? [ConfigKey.any]) record(key);
    let index: WorkspaceIndex | undefined;
    const view: WorkspaceView = {
      get: (p) => {
        deps.set(p, this.entries.get(p)?.version ?? -1);
        return this.get(p);
      },
      documents: () => {
        wholeWorkspace = true;
        return this.documents();
      },
      index: () => (index ??= recordingIndex(this.indexState, record)),
    };
    const findings = this.findingsOf(path, entry, options, ignored, view, (p) => deps.set(p, this.entries.get(p)?.version ?? -1));
    if (entry.cached) this.forgetDependencies(path, entry.cached);
    entry.cached = { version: entry.version, optionsRevision: this.optionsRevision, clockMinute, deps, keys, workspaceRevision: wholeWorkspace ? this.revision : null, findings };
    this.rememberDependencies(path, entry.cached);
    return findings;
  }

  private findingsOf(path: string, entry: Entry, options: ResolvedLintOptions, ignored: boolean, view: WorkspaceView, dependOn: (path: string) => void): Finding[] {
    let findings: Finding[];
    try {
      const doc = ignored ? undefined : this.get(path);
      if (ignored) findings = [];
      // Read again after a release, and changed or gone since: skipped, not linted against the rest.
      else if (entry.skipReason !== null) findings = this.skippedFinding(path, entry.skipReason, options);
      else if (entry.buildError !== undefined) throw new Error(`parsing failed: ${entry.buildError}`);
      else if (doc?.yaml?.unparsable) findings = this.skippedFinding(path, doc.yaml.unparsable, options);
      else findings = doc ? runRules(doc, this.rules, options, view, { dependOn }) : [];
    } catch (error) {
      findings = [internalError(path, error)];
    }
    guardFindings(findings, this.get(path)?.text ?? '');
    return findings;
  }

  lintAll(now?: Date): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    // One clock for the whole run: every file is judged at the same moment.
    const clock = now ?? this.pinnedNow ?? new Date();
    for (const path of this.entries.keys()) out.set(path, this.lint(path, clock));
    return out;
  }

  /**
   * Files whose last findings depended on `path`: they read it, or asked the index a question
   * whose answer its last change (old and new content) may have changed. Lint them again after
   * `path` changes; no other file's findings can have changed.
   */
  dependentsOf(path: string): string[] {
    // No reverse map kept: every other file may depend on it.
    if (!this.tracksDependents) return this.paths().filter((p) => p !== path);
    this.flush();
    const out = new Set<string>();
    const add = (dependency: string) => {
      for (const p of this.dependents.get(dependency) ?? []) if (p !== path) out.add(p);
    };
    add(pathDependency(path));
    for (const key of this.lastTouched.get(path) ?? []) add(key);
    for (const p of this.wholeWorkspaceDependents) if (p !== path) out.add(p);
    return [...out].sort((a, b) => (this.entries.get(a)?.seq ?? 0) - (this.entries.get(b)?.seq ?? 0));
  }

  /** Patches the index with every file changed since the last lint; keys their changes touched get new revisions. */
  private flush(): void {
    if (this.pending.size === 0) return;
    const changes = new Map<string, IndexChange>();
    for (const path of this.pending) {
      const entry = this.entries.get(path);
      changes.set(path, this.indexState.update(path, entry ? this.get(path) : undefined, entry?.seq ?? 0));
    }
    this.pending.clear();
    const bumped = this.indexState.settle();
    if (!this.tracksDependents) return; // nobody asks dependentsOf
    for (const [path, change] of changes) {
      for (const aggregate of change.aggregates) if (bumped.has(aggregate)) change.keys.add(aggregate);
      this.lastTouched.set(path, change.keys);
    }
  }

  private rememberDependencies(path: string, cached: CachedFindings): void {
    if (!this.tracksDependents) return;
    for (const p of cached.deps.keys()) addMember(this.dependents, pathDependency(p), path);
    for (const key of cached.keys.keys()) addMember(this.dependents, key, path);
    if (cached.workspaceRevision !== null) this.wholeWorkspaceDependents.add(path);
  }

  private forgetDependencies(path: string, cached: CachedFindings): void {
    if (!this.tracksDependents) return;
    for (const p of cached.deps.keys()) removeMember(this.dependents, pathDependency(p), path);
    for (const key of cached.keys.keys()) removeMember(this.dependents, key, path);
    this.wholeWorkspaceDependents.delete(path);
  }

  private isFresh(entry: Entry, cached: CachedFindings, clockMinute: number): boolean {
    if (cached.version !== entry.version || cached.optionsRevision !== this.optionsRevision || cached.clockMinute !== clockMinute) return false;
    if (cached.workspaceRevision !== null && cached.workspaceRevision !== this.revision) return false;
    for (const [p, version] of cached.deps) if ((this.entries.get(p)?.version ?? -1) !== version) return false;
    for (const [key, revision] of cached.keys) if (this.keyRevision(key) !== revision) return false;
    return true;
  }

  private keyRevision(key: string): number {
    return isConfigKey(key) ? this.configs.revision(key) : this.indexState.revision(key);
  }

  private derFinding(path: string, content: 'certificate' | 'private-key', options: ResolvedLintOptions): Finding[] {
    const severity = options.severities['pem-malformed'] ?? 'error';
    if (severity === 'off') return [];
    const zero = { line: 0, character: 0 };
    const message =
      content === 'certificate'
        ? 'This file holds a DER (binary) certificate, not PEM; Kuma and Kubernetes read PEM only ("unable to parse bytes as PEM block"). Convert it: openssl x509 -inform der -in FILE -out FILE.pem.'
        : `This file holds a DER (binary) private key, not PEM; ${DER_KEY_ADVICE}`;
    return [{ rule: 'pem-malformed', severity, message, path, range: { start: zero, end: zero }, related: [], fixes: [] }];
  }

  private skippedFinding(path: string, reason: string, options: ResolvedLintOptions): Finding[] {
    const severity = options.severities['file-skipped'] ?? 'info';
    if (severity === 'off' || formatOf(path, '') === 'other') return [];
    const zero = { line: 0, character: 0 };
    return [{ rule: 'file-skipped', severity, message: `kuma-tls did not lint this file: ${reason}.`, path, range: { start: zero, end: zero }, related: [], fixes: [] }];
  }
}

/** Index keys never start like this: a file read and an index answer share one dependents map. */
function pathDependency(path: string): string {
  return `path:${path}`;
}

/** Lints one text on its own (no other files); for tests and one-off checks. */
export function lintText(path: string, text: string, options: LintOptions = {}): Finding[] {
  const workspace = new LintWorkspace(options);
  workspace.setDocument(path, text);
  return workspace.lint(path);
}

/**
 * Files over the size cap are still screened up to this many times the cap (32 MB by default):
 * reading and screening a few MB costs milliseconds, while a finding for every CRD bundle of a
 * chart repository is noise. Larger files are reported unread.
 */
const SCREENED_OVER_CAP = 16;

interface Decoded {
  text: string | null;
  skipReason: string | null;
  encoding: SourceEncoding;
}

function decode(content: string | Uint8Array, maxBytes: number): Decoded {
  if (typeof content === 'string') return { ...decodeString(content, maxBytes), encoding: 'utf-8' };
  if (content.byteLength > maxBytes) return { text: null, skipReason: tooLargeReason(content.byteLength, maxBytes), encoding: 'utf-8' };
  // UTF-16 with a byte order mark is what Windows PowerShell 5 writes with `>` and Out-File.
  const utf16 = content[0] === 0xff && content[1] === 0xfe ? 'utf-16le' : content[0] === 0xfe && content[1] === 0xff ? 'utf-16be' : null;
  if (utf16) {
    try {
      const text = new TextDecoder(utf16, { fatal: true }).decode(content);
      if (text.includes('\u0000')) return { text: null, skipReason: 'it looks binary (NUL characters)', encoding: utf16 };
      // The decoder drops the byte order mark; a second one is the file's first character.
      return { text, skipReason: null, encoding: utf16 };
    } catch {
      return { text: null, skipReason: 'it is neither valid UTF-8 nor valid UTF-16 text (binary?)', encoding: utf16 };
    }
  }
  if (content.includes(0)) return { text: null, skipReason: 'it looks binary (NUL bytes)', encoding: 'utf-8' };
  // Node's native validation and decoding: what a fatal TextDecoder accepts and gives (pinned by
  // a test), without building a decoder per file, which was a twentieth of linting a repository.
  if (!isUtf8(content)) return { text: null, skipReason: 'it is not valid UTF-8 text (binary?)', encoding: 'utf-8' };
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return { text: stripBom(bytes.toString('utf8')), skipReason: null, encoding: 'utf-8' };
}

function decodeString(content: string, maxBytes: number): { text: string | null; skipReason: string | null } {
  // Every UTF-16 unit is at least one UTF-8 byte and at most three: count bytes only when it matters.
  const size = content.length > maxBytes ? content.length : content.length > maxBytes / 3 ? Buffer.byteLength(content, 'utf8') : content.length;
  if (size > maxBytes) return { text: null, skipReason: tooLargeReason(size, maxBytes) };
  if (content.includes('\u0000')) return { text: null, skipReason: 'it looks binary (NUL bytes)' };
  return { text: stripBom(content), skipReason: null };
}

export function tooLargeReason(size: number, max: number): string {
  return `it is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${(max / 1024 / 1024).toFixed(1)} MB limit (setting kumaTls.lint.maxFileSizeKB)`;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function internalError(path: string, error: unknown): Finding {
  const zero = { line: 0, character: 0 };
  const text = error instanceof Error ? error.message : String(error);
  return { rule: 'internal-error', severity: 'info', message: `kuma-tls could not check this file (${echo(text, undefined, 200)}); please report it.`, path, range: { start: zero, end: zero }, related: [], fixes: [] };
}
