// Completions where Kuma's TLS configuration is written, as plain data: KUMA_* names and their
// values in env files and in Helm `controlPlane.envVars`, `controlPlane.tls.*` keys at the right
// nesting, and the workspace's Secret names for `secretName` values.
import { ALL_SETTINGS, CatalogueSetting, HELM_TLS_VALUES, helmValueByPath, helmValueMarkdown, kumaChartPath, settingByEnv, settingMarkdown } from '../../kuma';
import { echo } from '../../pki/redact';
import { formatOf } from '../model/kinds';
import { LintDocument } from '../model/document';
import { definedSecrets, DefinedSecret } from '../secretNames';
import { Pos, Span } from '../types';
import { yamlCursor, YamlCursor } from './yamlContext';

/** Not ' ' or ':': a popup on every indentation space would get in the way; accepted names re-trigger suggest instead. */
export const COMPLETION_TRIGGERS = ['=', '"'];

export type CompletionKind = 'variable' | 'value' | 'property' | 'module' | 'reference';

export interface Completion {
  label: string;
  /** Shown beside the label (the component a setting belongs to). */
  description?: string;
  kind: CompletionKind;
  range: Span;
  insertText: string;
  /** `insertText` is a snippet (`$0` marks where the cursor goes). */
  snippet?: boolean;
  filterText?: string;
  sortText?: string;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  deprecated?: boolean;
  /** Accepting it should open the suggestions again (a name is followed by its values). */
  retrigger?: boolean;
}

export interface CompletionInput {
  path: string;
  /** The document's current lines (it may be half typed and not parse). */
  lines: readonly string[];
  pos: Pos;
  /** The core's model of the current text, null when it is not a Kuma file (yet). */
  doc: LintDocument | null;
  /** The other parsed files of the workspace, for Secret names. */
  documents: () => Iterable<LintDocument>;
  /** How a path is shown to the user (workspace-relative). */
  displayPath: (path: string) => string;
}

const LOOPBACK = [
  { value: '127.0.0.1', doc: 'IPv4 loopback: reachable from this host only (what Kuma\'s docs recommend for the plain-HTTP API).' },
  { value: '::1', doc: 'IPv6 loopback: reachable from this host only.' },
];
const SECRET_NAME_KEYS = new Set(['secretName', 'caSecretName', 'clientCertsSecretName']);

export function completionsAt(input: CompletionInput): Completion[] | undefined {
  const format = formatOf(input.path, '');
  const { line, character } = input.pos;
  if (format === 'env') return envCompletions((input.lines[line] ?? '').slice(0, character), input.pos);
  if (format !== 'yaml') return undefined;
  const cursor = yamlCursor(input.lines, line, character);
  if (!cursor) return undefined;
  return yamlCompletions(input, cursor);
}

function span(line: number, from: number, to: number): Span {
  return { start: { line, character: from }, end: { line, character: to } };
}

function yamlCompletions(input: CompletionInput, cursor: YamlCursor): Completion[] | undefined {
  const range = span(input.pos.line, cursor.prefixStart, input.pos.character);
  // Kong Mesh's values nest Kuma's under `kuma:`; below it, everything is as in Kuma's chart.
  const chartParents = kumaChartPath(cursor.parents);
  const parents = chartParents.join('.');
  if (parents === 'controlPlane.envVars') {
    if (cursor.at === 'key') return settingNameItems(range, 'yaml');
    const setting = cursor.key ? settingByEnv(cursor.key) : undefined;
    return setting ? settingValueItems(setting, range, cursor.quote === null ? '"' : '') : undefined;
  }
  const isValues = chartParents[0] === 'controlPlane' || chartParents[0] === 'postgres' || (input.doc?.kinds.includes('helm-values') ?? false);
  if (!isValues) return undefined;
  if (cursor.at === 'key') return helmKeyItems(chartParents, range);
  const path = [...chartParents, cursor.key ?? ''].join('.');
  const value = helmValueByPath(path);
  if (!value) return undefined;
  if (cursor.key && SECRET_NAME_KEYS.has(cursor.key)) return secretItems(input, range);
  if (value.defaultValue === 'true' || value.defaultValue === 'false') return plainValues(['true', 'false'], value.defaultValue, range);
  if (path.endsWith('issuerRef.kind')) return plainValues(['Issuer', 'ClusterIssuer'], value.defaultValue, range);
  return undefined;
}

function secretItems(input: CompletionInput, range: Span): Completion[] {
  const documents: LintDocument[] = [...input.documents()];
  if (input.doc && !documents.some((d) => d.path === input.doc?.path)) documents.push(input.doc);
  return definedSecrets(documents).map((secret) => secretItem(secret, range, input.displayPath));
}

function secretItem(secret: DefinedSecret, range: Span, displayPath: (path: string) => string): Completion {
  const files = secret.paths.map((p) => `\`${displayPath(p)}\``).join(', ');
  return {
    label: secret.name,
    kind: 'reference',
    range,
    insertText: secret.name,
    detail: `Secret${secret.namespace ? ` in ${echo(secret.namespace)}` : ''}${secret.type ? ` (${echo(secret.type)})` : ''}`,
    // Differing definitions: describing the keys of one of them would be a guess (secret-ambiguous).
    documentation: secret.differ
      ? `Defined ${secret.definitions} times with different content: ${files}`
      : `Defined in ${files} with keys: ${secret.keys.map((k) => `\`${echo(k)}\``).join(', ') || 'none'}`,
  };
}

function envCompletions(before: string, pos: Pos): Completion[] | undefined {
  const name = /^\s*(?:export\s+)?([A-Za-z0-9_]*)$/.exec(before);
  if (name) return settingNameItems(span(pos.line, pos.character - name[1].length, pos.character), 'env');
  const value = /^\s*(?:export\s+)?([A-Za-z0-9_.-]+)=(["']?)([^"'#\s]*)$/.exec(before);
  if (!value) return undefined;
  const setting = settingByEnv(value[1].toUpperCase());
  if (!setting) return undefined;
  return settingValueItems(setting, span(pos.line, pos.character - value[3].length, pos.character), '');
}

function hasValueCompletions(setting: CatalogueSetting): boolean {
  return setting.kind === 'bool' || setting.kind === 'interface' || setting.values !== undefined || setting.defaultValue !== '';
}

function settingNameItems(range: Span, style: 'env' | 'yaml'): Completion[] {
  const settings = style === 'yaml' ? ALL_SETTINGS.filter((s) => s.component === 'kuma-cp') : ALL_SETTINGS;
  return settings.map((setting) => ({
    label: setting.env,
    description: setting.component,
    kind: 'variable',
    range,
    insertText: style === 'env' ? `${setting.env}=` : `${setting.env}: `,
    filterText: setting.env,
    detail: `${setting.yamlPath} · default ${setting.defaultValue === '' ? '(empty)' : setting.defaultValue}`,
    documentation: settingMarkdown(setting),
    ...(setting.removedIn ? { deprecated: true } : {}),
    ...(hasValueCompletions(setting) ? { retrigger: true } : {}),
  }));
}

function settingValueItems(setting: CatalogueSetting, range: Span, quote: string): Completion[] {
  const candidates: Array<{ value: string; doc?: string }> = [];
  if (setting.kind === 'bool') candidates.push({ value: 'true' }, { value: 'false' });
  else if (setting.kind === 'interface') candidates.push(...LOOPBACK);
  for (const value of setting.values ?? []) candidates.push({ value });
  if (setting.defaultValue !== '' && !candidates.some((c) => c.value === setting.defaultValue) && setting.kind !== 'interface') candidates.push({ value: setting.defaultValue });
  return candidates.map(({ value, doc }, index) => ({
    label: value,
    kind: 'value',
    range,
    insertText: `${quote}${value}${quote}`,
    sortText: String(index).padStart(3, '0'),
    detail: value === setting.defaultValue ? `${setting.env} · Kuma's default` : setting.env,
    documentation: doc ?? settingMarkdown(setting),
  }));
}

function plainValues(values: readonly string[], defaultValue: string, range: Span): Completion[] {
  return values.map((value) => ({ label: value, kind: 'value', range, insertText: value, ...(value === defaultValue ? { detail: 'chart default' } : {}) }));
}

/** The next key segments under `parents` among the chart's TLS-related values. */
function helmKeyItems(parents: readonly string[], range: Span): Completion[] {
  const prefix = parents.length === 0 ? '' : `${parents.join('.')}.`;
  const children = new Map<string, { leaf: boolean; path: string }>();
  for (const value of HELM_TLS_VALUES) {
    if (!value.path.startsWith(prefix)) continue;
    const rest = value.path.slice(prefix.length).split('.');
    const existing = children.get(rest[0]);
    const leaf = rest.length === 1;
    if (!existing || leaf) children.set(rest[0], { leaf: leaf || (existing?.leaf ?? false), path: `${prefix}${rest[0]}` });
  }
  return [...children].map(([segment, { leaf, path }]): Completion => {
    const value = helmValueByPath(path);
    if (leaf && value) {
      return {
        label: segment,
        kind: 'property',
        range,
        insertText: `${segment}: `,
        detail: `default ${value.defaultValue === '' ? '""' : value.defaultValue}`,
        documentation: helmValueMarkdown(value),
        ...(value.removedIn ? { deprecated: true } : {}),
        ...(SECRET_NAME_KEYS.has(segment) || value.defaultValue === 'true' || value.defaultValue === 'false' ? { retrigger: true } : {}),
      };
    }
    return { label: segment, kind: 'module', range, insertText: `${segment}:\n\t$0`, snippet: true, detail: `${path}.*`, retrigger: true };
  });
}
