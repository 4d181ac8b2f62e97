// The parsed form of one file that every rule sees. Built once per file version and cached
// by the workspace; everything here is computed eagerly except what is expensive and rare.
import { KumaFileKind } from '../types';
import { KumaCommand, readCommands } from './commands';
import { EnvFile, parseEnv } from './env';
import { addKind, fencedCode, FileFormat, formatOf, hasKumaCommand, helmValuesView, isKumaCpConfig, isKumactlConfig } from './kinds';
import { MarkdownFence, markdownFences, maskedText } from './markdown';
import { findPemBlocks, PemBlock } from './pem';
import { mayHoldKumaYaml } from './prescan';
import { isSecretDocument, readSecret, SecretManifest } from './secret';
import { readSecretProducers, SecretProducer } from './secret-producers';
import { commandScopes, envFileScope, SettingScope, yamlScopes } from './settings';
import { EmbeddedText, LineIndex, verbatimValue } from './text';
import { YamlDocument, YamlFile } from './yaml';

/** How the file's bytes were encoded; the model always holds the decoded text. */
export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface HelmValuesDocument {
  /** Rooted where Kuma's chart values start (the `kuma:` mapping of Kong Mesh's values). */
  doc: YamlDocument;
}

export interface LintDocument {
  /** Absolute path. */
  path: string;
  /** Increases with each change of the text (the workspace's counter). */
  version: number;
  text: string;
  /** The file's byte encoding (UTF-16 when it had a UTF-16 byte order mark). */
  encoding: SourceEncoding;
  lines: LineIndex;
  format: FileFormat;
  /** What the file was recognised as; empty = not a Kuma file, no rule runs. */
  kinds: KumaFileKind[];
  /** Parsed YAML (YAML files, and the YAML blocks of Markdown at their own lines). */
  yaml: YamlFile | null;
  /** Parsed env lines (env files, and the env blocks of Markdown). */
  env: EnvFile | null;
  /** PEM blocks of a PEM file, offsets into `text`. */
  pemBlocks: readonly PemBlock[];
  /** The whole text as an EmbeddedText, so PEM-file rules share code with embedded-PEM rules. */
  whole: EmbeddedText;
  secrets: SecretManifest[];
  /** cert-manager Certificates, ExternalSecrets, SealedSecrets, kustomize secretGenerator entries: Secrets made elsewhere. */
  secretProducers: SecretProducer[];
  helmValues: HelmValuesDocument[];
  kumaCpConfigs: YamlDocument[];
  kumactlConfigs: YamlDocument[];
  /** Kuma settings in any form (env lines, container env, envVars, kuma-cp YAML). */
  settings: SettingScope[];
  /** Kuma-relevant command lines of shell scripts and fenced shell blocks of Markdown. */
  commands: KumaCommand[];
}

export function buildDocument(path: string, text: string, version: number, encoding: SourceEncoding = 'utf-8'): LintDocument {
  const lines = new LineIndex(text);
  // Lone CR line ends (old Mac): VS Code, YAML and LineIndex count them as line breaks, but the
  // yaml package does not. The parsers read a copy with LF in their place: same length, same
  // lines, so every offset and range holds for the original text.
  const parseLines = hasLoneCr(text) ? new LineIndex(text.replace(/\r(?!\n)/g, '\n')) : lines;
  const format = formatOf(path, text);
  const document: LintDocument = {
    path,
    version,
    text,
    encoding,
    lines,
    format,
    kinds: [],
    yaml: null,
    env: null,
    pemBlocks: [],
    whole: verbatimValue(text, 0, lines),
    secrets: [],
    secretProducers: [],
    helmValues: [],
    kumaCpConfigs: [],
    kumactlConfigs: [],
    settings: [],
    commands: [],
  };
  switch (format) {
    case 'yaml':
      readYaml(document, parseLines);
      break;
    case 'env': {
      document.env = parseEnv(parseLines);
      const scope = envFileScope(document.env);
      if (scope) {
        document.settings.push(scope);
        addKind(document.kinds, 'env-file');
      }
      break;
    }
    case 'pem':
      document.pemBlocks = findPemBlocks(text);
      addKind(document.kinds, 'pem');
      break;
    case 'shell':
      if (hasKumaCommand(text)) {
        addKind(document.kinds, 'shell');
        document.commands = readCommands(text, lines, false);
        document.settings.push(...commandScopes(document.commands, lines));
      }
      break;
    case 'markdown':
      readMarkdown(document, parseLines);
      break;
    default:
      break;
  }
  return document;
}

/**
 * Shell blocks give command lines; YAML and env blocks are read as the files they hold, from a
 * masked copy of the text so that their ranges are the Markdown file's own.
 */
function readMarkdown(document: LintDocument, lines: LineIndex): void {
  const text = lines.text;
  if (hasKumaCommand(fencedCode(text))) {
    addKind(document.kinds, 'markdown');
    document.commands = readCommands(document.text, document.lines, true);
    document.settings.push(...commandScopes(document.commands, document.lines));
  }
  const fences = markdownFences(lines);
  // Each block is a YAML document of its own, screened as a YAML file's text is: a chart's README
  // shows dozens of its own values blocks beside the one with a Secret, and only that one is parsed.
  const yamlFences = fences.filter((f) => f.content === 'yaml' && mayHoldKumaYaml(fenceContent(lines, f)));
  if (yamlFences.length > 0) readYaml(document, new LineIndex(maskedText(text, lines, yamlFences, true)));
  const envFences = fences.filter((f) => f.content === 'env');
  if (envFences.length > 0) {
    document.env = parseEnv(new LineIndex(maskedText(text, lines, envFences, false)));
    // Each block is an env file of its own: what one sets says nothing about another.
    for (const f of envFences) {
      const scope = envFileScope({ entries: document.env.entries.filter((e) => e.line >= f.firstLine && e.line < f.endLine) });
      if (scope) {
        document.settings.push(scope);
        addKind(document.kinds, 'env-file');
      }
    }
  }
}

function fenceContent(lines: LineIndex, fence: MarkdownFence): string {
  const end = fence.endLine < lines.lineCount ? lines.lineStarts[fence.endLine] : lines.text.length;
  return fence.firstLine < lines.lineCount ? lines.text.slice(lines.lineStarts[fence.firstLine], end) : '';
}

function hasLoneCr(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true;
  return false;
}

function readYaml(document: LintDocument, lines: LineIndex): void {
  const file = new YamlFile(lines);
  document.yaml = file;
  for (const doc of file.documents) {
    if (isSecretDocument(file, doc)) {
      document.secrets.push(readSecret(file, doc));
      addKind(document.kinds, 'secret');
    }
    document.secretProducers.push(...readSecretProducers(file, doc));
    const values = helmValuesView(file, doc);
    if (values) {
      document.helmValues.push({ doc: values });
      addKind(document.kinds, 'helm-values');
    }
    const cpConfig = isKumaCpConfig(file, doc);
    if (cpConfig) {
      document.kumaCpConfigs.push(doc);
      addKind(document.kinds, 'kuma-cp-config');
    }
    if (isKumactlConfig(file, doc)) {
      document.kumactlConfigs.push(doc);
      addKind(document.kinds, 'kumactl-config');
    }
    for (const scope of yamlScopes(file, doc, cpConfig, values)) {
      document.settings.push(scope);
      if (scope.source === 'workload-env' || scope.source === 'compose') addKind(document.kinds, 'workload-env');
    }
  }
}
