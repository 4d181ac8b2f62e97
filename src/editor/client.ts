// The extension as a client of the Kuma TLS language server (`dist/cli.js lsp --node-ipc`, the CLI's lsp chunk): documents,
// settings and file events go to the server; diagnostics, quick fixes, hovers, lenses and
// completions come back through vscode-languageclient. The server's log and, with
// `kumaTls.trace.server`, the protocol trace go to the "Kuma TLS" output channel.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, RevealOutputChannelOn, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import type { Finding, KumaFileKind } from '../lint/types';
import {
  CLEAR_REQUEST,
  FINDINGS_REQUEST,
  FindingsResult,
  INDEXED_PATHS_REQUEST,
  INDEXING_NOTIFICATION,
  IndexingParams,
  KumaInitializationOptions,
  LINT_WORKSPACE_REQUEST,
  STATUS_NOTIFICATION,
  StatusParams,
} from '../server/protocol';
import { KumaLanguageStatus } from './languageStatus';

export const SHOW_RULE_DOCS_COMMAND = 'kumaTls.showRuleDocs';
const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];
/** Languages a Kuma file may be opened as; the server decides from path and content what the file is. */
const LANGUAGES = ['yaml', 'helm', 'dotenv', 'properties', 'shellscript', 'markdown', 'plaintext', 'ini', 'pem'];
const NAMES = '**/*.{yaml,yml,json,env,envrc,pem,crt,cer,key,ca-bundle,sh,md}';
const CLEAR_WAIT_MS = 5_000;

export function documentSelector(): LanguageClientOptions['documentSelector'] {
  return [...LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme }))), ...SCHEMES.map((scheme) => ({ scheme, pattern: NAMES }))];
}

/** The `kumaTls.*` settings set in user, workspace or folder scope, as one nested object. */
function explicitSettings(context: vscode.ExtensionContext, scopeUri: string | undefined): Record<string, unknown> {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const config = vscode.workspace.getConfiguration('kumaTls', scope);
  const declared = Object.keys((context.extension.packageJSON as { contributes?: { configuration?: { properties?: Record<string, unknown> } } }).contributes?.configuration?.properties ?? {});
  const out: Record<string, unknown> = {};
  for (const name of declared) {
    if (!name.startsWith('kumaTls.')) continue;
    const key = name.slice('kumaTls.'.length);
    const inspected = config.inspect(key);
    const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (value === undefined) continue;
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}

export class KumaTlsClient implements vscode.Disposable {
  readonly client: LanguageClient;
  /** Settles when the server answered `initialize` (or failed to start). */
  readonly ready: Promise<void>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    context: vscode.ExtensionContext,
    status: KumaLanguageStatus,
    readonly output: vscode.OutputChannel,
  ) {
    // The server is the CLI's own `kuma-tls lsp` (its chunks ship in the .vsix anyway), started
    // with --node-ipc: one copy of the core in the package instead of two.
    const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module, args: ['lsp'], transport: TransportKind.ipc },
      debug: { module, args: ['lsp'], transport: TransportKind.ipc, options: { execArgv: ['--nolazy'] } },
    };
    const initializationOptions: KumaInitializationOptions = {
      ruleDocsBase: `${vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString()}/`,
      showRuleDocsCommand: SHOW_RULE_DOCS_COMMAND,
      ruleDocsLinkCommand: SHOW_RULE_DOCS_COMMAND,
      triggerSuggestCommand: 'editor.action.triggerSuggest',
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(watcher);
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      synchronize: { fileEvents: watcher },
      initializationOptions,
      outputChannel: output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      diagnosticPullOptions: { onChange: true, onSave: true },
      middleware: {
        workspace: {
          // The server gets only the kumaTls settings a user set (any scope): they override
          // `.kuma-tls.yaml`, so VS Code's defaults must not be sent as if they were chosen.
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (!Array.isArray(answers)) return answers;
            return params.items.map((item, i) => (item.section === 'kumaTls' ? explicitSettings(context, item.scopeUri) : answers[i]));
          },
        },
      },
    };
    // The id names the trace setting: kumaTls.trace.server.
    this.client = new LanguageClient('kumaTls', 'Kuma TLS', serverOptions, clientOptions);
    this.disposables.push(
      this.client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params.uri, params.status)),
      this.client.onNotification(INDEXING_NOTIFICATION, (params: IndexingParams) => {
        if (params.limitation) status.limited('the language server cannot read this workspace\'s closed files: only open files are checked');
        else status.indexing(params.done === undefined || params.total === undefined ? undefined : { done: params.done, total: params.total });
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => status.show(editor?.document.uri)),
      vscode.workspace.onDidCloseTextDocument((document) => status.forget(document.uri)),
    );
    this.ready = this.client.start().catch((error: unknown) => {
      const text = `the Kuma TLS language server did not start: ${error instanceof Error ? error.message : String(error)}`;
      output.appendLine(text);
      status.failed(text);
    });
  }

  /** Lints a document now (commands and tests): the server's findings for its current text. */
  async lintNow(document: vscode.TextDocument): Promise<Finding[]> {
    return (await this.findings(document.uri)).findings;
  }

  async kindsFor(uri: vscode.Uri): Promise<KumaFileKind[]> {
    return (await this.findings(uri)).kinds;
  }

  /** Every path the server indexed in the folder of `uri`. */
  async indexedPaths(uri: vscode.Uri): Promise<string[]> {
    await this.ready;
    return this.client.sendRequest<string[]>(INDEXED_PATHS_REQUEST, { uri: uri.toString() });
  }

  /** Walks every workspace folder again; resolves with the number of files read. */
  async lintWorkspace(token?: vscode.CancellationToken): Promise<number> {
    await this.ready;
    return this.client.sendRequest<number>(LINT_WORKSPACE_REQUEST, token);
  }

  /** Empties the Problems panel of Kuma findings until the files change again. */
  async clear(): Promise<void> {
    await this.ready;
    await this.client.sendRequest(CLEAR_REQUEST);
    // Closed files' diagnostics come with the next workspace pull: wait for it, boundedly.
    const deadline = Date.now() + CLEAR_WAIT_MS;
    while (Date.now() < deadline && vscode.languages.getDiagnostics().some(([, ds]) => ds.some((d) => d.source === 'kuma-tls'))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async findings(uri: vscode.Uri): Promise<FindingsResult> {
    await this.ready;
    return this.client.sendRequest<FindingsResult>(FINDINGS_REQUEST, { uri: this.client.code2ProtocolConverter.asUri(uri) });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    void this.client.stop().catch(() => undefined);
  }
}
