// Completions where Kuma's TLS configuration is written: KUMA_* names and their values in env
// files and in Helm `controlPlane.envVars`, `controlPlane.tls.*` keys at the right nesting, and
// the workspace's Secret names for `secretName` values.
import * as vscode from 'vscode';
import { ALL_SETTINGS, CatalogueSetting, HELM_TLS_VALUES, helmValueByPath, helmValueMarkdown, kumaChartPath, settingByEnv, settingMarkdown } from '../kuma';
import { formatOf } from '../lint/model/kinds';
import { definedSecrets, DefinedSecret } from '../lint/secretNames';
import { LintDocument } from '../lint/model/document';
import { DocumentModels } from './authoring/documentModels';
import { yamlCursor, YamlCursor } from './authoring/yamlContext';
import { workspaceDocuments } from './authoring/workspaceDocuments';
import { LintBackend } from './lintBackend';
import { keyOf } from './paths';
import { echo } from '../pki/redact';

// Not ' ' or ':': a popup on every indentation space would get in the way; accepted names re-trigger suggest instead.
export const COMPLETION_TRIGGERS = ['=', '"'];

const LOOPBACK = [
  { value: '127.0.0.1', doc: 'IPv4 loopback: reachable from this host only (what Kuma\'s docs recommend for the plain-HTTP API).' },
  { value: '::1', doc: 'IPv6 loopback: reachable from this host only.' },
];
const SECRET_NAME_KEYS = new Set(['secretName', 'caSecretName', 'clientCertsSecretName']);
const TRIGGER_SUGGEST: vscode.Command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };

export class AuthoringCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly models: DocumentModels,
    private readonly backendFor: (uri: vscode.Uri) => LintBackend,
  ) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const format = formatOf(keyOf(document.uri), '');
    if (format === 'env') return envCompletions(document.lineAt(position.line).text.slice(0, position.character), position);
    if (format !== 'yaml') return undefined;
    const lines = document.getText().split(/\r?\n/);
    const cursor = yamlCursor(lines, position.line, position.character);
    if (!cursor) return undefined;
    return this.yamlCompletions(document, cursor, position);
  }

  private yamlCompletions(document: vscode.TextDocument, cursor: YamlCursor, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const range = new vscode.Range(position.line, cursor.prefixStart, position.line, position.character);
    // Kong Mesh's values nest Kuma's under `kuma:`; below it, everything is as in Kuma's chart.
    const chartParents = kumaChartPath(cursor.parents);
    const parents = chartParents.join('.');
    if (parents === 'controlPlane.envVars') {
      if (cursor.at === 'key') return settingNameItems(range, 'yaml');
      const setting = cursor.key ? settingByEnv(cursor.key) : undefined;
      return setting ? settingValueItems(setting, range, cursor.quote === null ? '"' : '') : undefined;
    }
    const isValues = chartParents[0] === 'controlPlane' || chartParents[0] === 'postgres' || (this.models.get(document)?.kinds.includes('helm-values') ?? false);
    if (!isValues) return undefined;
    if (cursor.at === 'key') return helmKeyItems(chartParents, range);
    const path = [...chartParents, cursor.key ?? ''].join('.');
    const value = helmValueByPath(path);
    if (!value) return undefined;
    if (cursor.key && SECRET_NAME_KEYS.has(cursor.key)) return this.secretItems(document, range);
    if (value.defaultValue === 'true' || value.defaultValue === 'false') return plainValues(['true', 'false'], value.defaultValue, range);
    if (path.endsWith('issuerRef.kind')) return plainValues(['Issuer', 'ClusterIssuer'], value.defaultValue, range);
    return undefined;
  }

  private secretItems(document: vscode.TextDocument, range: vscode.Range): vscode.CompletionItem[] {
    const own = this.models.get(document);
    const documents: LintDocument[] = [...workspaceDocuments(this.backendFor(document.uri)), ...(own ? [own] : [])];
    return definedSecrets(documents).map((secret) => secretItem(secret, range));
  }
}

function secretItem(secret: DefinedSecret, range: vscode.Range): vscode.CompletionItem {
  const item = new vscode.CompletionItem(secret.name, vscode.CompletionItemKind.Reference);
  item.range = range;
  item.detail = `Secret${secret.namespace ? ` in ${echo(secret.namespace)}` : ''}${secret.type ? ` (${echo(secret.type)})` : ''}`;
  const files = secret.paths.map((p) => `\`${vscode.workspace.asRelativePath(p)}\``).join(', ');
  // Differing definitions: describing the keys of one of them would be a guess (secret-ambiguous).
  item.documentation = new vscode.MarkdownString(
    secret.differ
      ? `Defined ${secret.definitions} times with different content: ${files}`
      : `Defined in ${files} with keys: ${secret.keys.map((k) => `\`${echo(k)}\``).join(', ') || 'none'}`,
  );
  return item;
}

function envCompletions(before: string, position: vscode.Position): vscode.CompletionItem[] | undefined {
  const name = /^\s*(?:export\s+)?([A-Za-z0-9_]*)$/.exec(before);
  if (name) {
    const range = new vscode.Range(position.line, position.character - name[1].length, position.line, position.character);
    return settingNameItems(range, 'env');
  }
  const value = /^\s*(?:export\s+)?([A-Za-z0-9_.-]+)=(["']?)([^"'#\s]*)$/.exec(before);
  if (!value) return undefined;
  const setting = settingByEnv(value[1].toUpperCase());
  if (!setting) return undefined;
  const range = new vscode.Range(position.line, position.character - value[3].length, position.line, position.character);
  return settingValueItems(setting, range, '');
}

function hasValueCompletions(setting: CatalogueSetting): boolean {
  return setting.kind === 'bool' || setting.kind === 'interface' || setting.values !== undefined || setting.defaultValue !== '';
}

function settingNameItems(range: vscode.Range, style: 'env' | 'yaml'): vscode.CompletionItem[] {
  const settings = style === 'yaml' ? ALL_SETTINGS.filter((s) => s.component === 'kuma-cp') : ALL_SETTINGS;
  return settings.map((setting) => {
    const item = new vscode.CompletionItem({ label: setting.env, description: setting.component }, vscode.CompletionItemKind.Variable);
    item.range = range;
    item.insertText = style === 'env' ? `${setting.env}=` : `${setting.env}: `;
    item.filterText = setting.env;
    item.detail = `${setting.yamlPath} · default ${setting.defaultValue === '' ? '(empty)' : setting.defaultValue}`;
    item.documentation = new vscode.MarkdownString(settingMarkdown(setting));
    if (setting.removedIn) item.tags = [vscode.CompletionItemTag.Deprecated];
    if (hasValueCompletions(setting)) item.command = TRIGGER_SUGGEST;
    return item;
  });
}

function settingValueItems(setting: CatalogueSetting, range: vscode.Range, quote: string): vscode.CompletionItem[] {
  const candidates: Array<{ value: string; doc?: string }> = [];
  if (setting.kind === 'bool') candidates.push({ value: 'true' }, { value: 'false' });
  else if (setting.kind === 'interface') candidates.push(...LOOPBACK);
  for (const value of setting.values ?? []) candidates.push({ value });
  if (setting.defaultValue !== '' && !candidates.some((c) => c.value === setting.defaultValue) && setting.kind !== 'interface') candidates.push({ value: setting.defaultValue });
  return candidates.map(({ value, doc }, index) => {
    const item = new vscode.CompletionItem(value, vscode.CompletionItemKind.Value);
    item.range = range;
    item.insertText = `${quote}${value}${quote}`;
    item.sortText = String(index).padStart(3, '0');
    item.detail = value === setting.defaultValue ? `${setting.env} · Kuma's default` : setting.env;
    item.documentation = new vscode.MarkdownString(doc ?? settingMarkdown(setting));
    return item;
  });
}

function plainValues(values: readonly string[], defaultValue: string, range: vscode.Range): vscode.CompletionItem[] {
  return values.map((value) => {
    const item = new vscode.CompletionItem(value, vscode.CompletionItemKind.Value);
    item.range = range;
    if (value === defaultValue) item.detail = 'chart default';
    return item;
  });
}

/** The next key segments under `parents` among the chart's TLS-related values. */
function helmKeyItems(parents: readonly string[], range: vscode.Range): vscode.CompletionItem[] {
  const prefix = parents.length === 0 ? '' : `${parents.join('.')}.`;
  const children = new Map<string, { leaf: boolean; path: string }>();
  for (const value of HELM_TLS_VALUES) {
    if (!value.path.startsWith(prefix)) continue;
    const rest = value.path.slice(prefix.length).split('.');
    const existing = children.get(rest[0]);
    const leaf = rest.length === 1;
    if (!existing || leaf) children.set(rest[0], { leaf: leaf || (existing?.leaf ?? false), path: `${prefix}${rest[0]}` });
  }
  return [...children].map(([segment, { leaf, path }]) => {
    const item = new vscode.CompletionItem(segment, leaf ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.Module);
    item.range = range;
    const value = helmValueByPath(path);
    if (leaf && value) {
      item.insertText = `${segment}: `;
      item.detail = `default ${value.defaultValue === '' ? '""' : value.defaultValue}`;
      item.documentation = new vscode.MarkdownString(helmValueMarkdown(value));
      if (value.removedIn) item.tags = [vscode.CompletionItemTag.Deprecated];
      if (SECRET_NAME_KEYS.has(segment) || value.defaultValue === 'true' || value.defaultValue === 'false') item.command = TRIGGER_SUGGEST;
    } else {
      item.insertText = new vscode.SnippetString(`${segment}:\n\t$0`);
      item.detail = `${path}.*`;
      item.command = TRIGGER_SUGGEST;
    }
    return item;
  });
}
