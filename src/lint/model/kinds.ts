// Which files are Kuma files (lint-rules.md, "Which files are Kuma files"). Rules only see
// documents recognised here, so unrelated YAML and .env files never get a diagnostic.
import { isMap, isSeq } from 'yaml';
import { KONG_MESH_VALUES_ROOT } from '../../kuma/helm-values';
import { KumaFileKind } from '../types';
import { KUMA_CP_CONFIG_SECTIONS } from './settings';
import { YamlDocument, YamlFile } from './yaml';

export type FileFormat = 'yaml' | 'env' | 'pem' | 'shell' | 'markdown' | 'other';

export function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}

const PEM_EXTENSIONS = ['.pem', '.crt', '.cer', '.key', '.ca-bundle'];

/** The format a path suggests; `text` decides PEM for files whose first non-blank line is BEGIN. */
export function formatOf(path: string, text: string): FileFormat {
  const name = baseName(path).toLowerCase();
  if (PEM_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'pem';
  // JSON is YAML; read as such, an ECS task definition or CloudFormation template (.json) is workload env.
  if (name.endsWith('.yaml') || name.endsWith('.yml') || name.endsWith('.json')) return 'yaml';
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env') || name.endsWith('.envrc')) return 'env';
  if (name.endsWith('.sh') || name.endsWith('.bash')) return 'shell';
  if (name.endsWith('.md') || name.endsWith('.markdown')) return 'markdown';
  if (firstNonBlankLineStartsPem(text)) return 'pem';
  return 'other';
}

function firstNonBlankLineStartsPem(text: string): boolean {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return text.startsWith('-----BEGIN ', i);
}

/** Sub-keys kuma-cp's config defines under each section; enough to tell a kuma-cp config from look-alikes. */
const KUMA_CP_SUBKEYS: Record<string, readonly string[]> = {
  general: ['tlsCertFile', 'tlsKeyFile', 'tlsMinVersion', 'tlsMaxVersion', 'tlsCipherSuites', 'workDir', 'dnsDomain', 'resilientComponentBaseBackoff', 'certGenerationBaseBackoff'],
  apiServer: ['http', 'https', 'auth', 'authn', 'readOnly', 'corsAllowedDomains', 'basePath', 'rootUrl', 'gui'],
  dpServer: ['port', 'tlsCertFile', 'tlsKeyFile', 'tlsMinVersion', 'tlsMaxVersion', 'tlsCipherSuites', 'authn', 'hds', 'readHeaderTimeout'],
  multizone: ['global', 'zone'],
  monitoringAssignmentServer: ['port', 'grpcPort', 'defaultFetchTimeout', 'apiVersions', 'assignmentRefreshInterval', 'tlsEnabled', 'tlsCertFile', 'tlsKeyFile', 'tlsMinVersion', 'tlsMaxVersion', 'tlsCipherSuites', 'enabled'],
  diagnostics: ['serverPort', 'debugEndpoints', 'tlsEnabled', 'tlsCertFile', 'tlsKeyFile', 'tlsMinVersion', 'tlsMaxVersion', 'tlsCipherSuites'],
  bootstrapServer: ['params', 'apiVersion'],
  store: ['type', 'kubernetes', 'postgres', 'cache', 'upsert', 'unsafeDelete'],
  runtime: ['kubernetes', 'universal'],
  interCp: ['catalog', 'server'],
};

export function isKumaCpConfig(file: YamlFile, doc: YamlDocument): boolean {
  const root = doc.root;
  if (!root || !isMap(root)) return false;
  for (const section of KUMA_CP_CONFIG_SECTIONS) {
    const node = file.getNode(doc, [section]);
    if (!node || !isMap(node)) continue;
    const known = KUMA_CP_SUBKEYS[section];
    if (file.entries(doc, node).some((e) => known.includes(String(e.path[0])))) return true;
  }
  return false;
}

export function isHelmValues(file: YamlFile, doc: YamlDocument): boolean {
  const node = file.getNode(doc, ['controlPlane']);
  return node !== null && isMap(node);
}

/**
 * The document as Kuma's chart reads it: itself for Kuma's layout, and for Kong Mesh's (Kuma's
 * values under `kuma:`) a view whose root is that mapping, so every `controlPlane.…` lookup of
 * every rule, fix and hover works unchanged. Null when the document is not chart values.
 */
export function helmValuesView(file: YamlFile, doc: YamlDocument): YamlDocument | null {
  if (isHelmValues(file, doc)) return doc;
  const wrapped = file.getNode(doc, [KONG_MESH_VALUES_ROOT]);
  if (!wrapped || !isMap(wrapped)) return null;
  const view: YamlDocument = { ...doc, root: wrapped };
  return isHelmValues(file, view) ? view : null;
}

export function isKumactlConfig(file: YamlFile, doc: YamlDocument): boolean {
  const planes = file.getNode(doc, ['controlPlanes']);
  if (!planes || !isSeq(planes)) return false;
  return file.items(doc, planes).some((item) => file.getString(doc, ['coordinates', 'apiServer', 'url'], item.value) !== undefined);
}

/**
 * kuma-cp, kuma-dp and kumactl by any path or as a `…/kuma-dp:<tag>` image; `helm install|upgrade|template`
 * naming Kuma's or Kong Mesh's chart or its values; `kubectl create secret`. Continuations joined,
 * also behind a docs template tag (`\{% endif_version %}`).
 */
const COMMAND_MARKER = /(?:^|[\s/;|&(`"'=])(?:kumactl|kuma-cp|kuma-dp)(?=[\s:@;|&)`"']|$)|\bhelm[ \t]+(?:install|upgrade|template)\b[^\n]*?(?:kuma|kong-mesh|controlPlane\.)|\bkubectl[ \t]+create[ \t]+secret\b/m;

/** Shell text that contains one of the Kuma-relevant command lines (continuations joined). */
export function hasKumaCommand(text: string): boolean {
  const joined = text.replace(/\\(?:[ \t]*(?:\{%[^\n]*?%\}|\{\{[^\n]*?\}\}))*[ \t]*\r?\n/g, ' ');
  return COMMAND_MARKER.test(joined);
}

/** The contents of a Markdown file's fenced code blocks (``` or ~~~), where commands are written. */
export function fencedCode(text: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of text.split(/\r?\n|\r/)) {
    const trimmed = line.trimStart();
    if (fence === null) {
      if (trimmed.startsWith('```') || trimmed.startsWith('~~~')) fence = trimmed.slice(0, 3);
    } else if (trimmed.startsWith(fence)) {
      fence = null;
    } else {
      out.push(line);
    }
  }
  return out.join('\n');
}

export function addKind(kinds: KumaFileKind[], kind: KumaFileKind): void {
  if (!kinds.includes(kind)) kinds.push(kind);
}
