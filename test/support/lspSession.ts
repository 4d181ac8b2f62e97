// Speaks JSON-RPC to the built language server as an editor would: spawns it, answers its
// requests (workspace/configuration), keeps what it pushes (diagnostics, log, status), and waits
// for what a test or benchmark expects. Shared by the protocol test and the server benchmark.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ClientCapabilities,
  createMessageConnection,
  Diagnostic,
  MessageConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';

export const REPO = path.resolve(__dirname, '..', '..', '..');

/** The server as users get it: the CLI bundle when it is built (npm test builds it), else tsc's output of the same entry. */
export function serverCommand(): string[] {
  const bundle = path.join(REPO, 'dist', 'cli.js');
  const compiled = path.join(REPO, 'out', 'src', 'cli', 'bin.js');
  return [fs.existsSync(bundle) ? bundle : compiled, 'lsp', '--stdio'];
}

export interface SessionOptions {
  folder: string;
  capabilities?: ClientCapabilities;
  /** The `kumaTls` section the server reads through workspace/configuration. */
  settings?: unknown;
  initializationOptions?: unknown;
}

export class LspSession {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly log: string[] = [];
  readonly statuses: unknown[] = [];
  readonly stderr: string[] = [];
  private readonly waiters: Array<() => void> = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: SessionOptions): Promise<{ session: LspSession; capabilities: Record<string, unknown> }> {
    const [script, ...args] = serverCommand();
    const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, connection);
    child.stderr!.on('data', (chunk: Buffer) => session.stderr.push(chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      session.diagnostics.set(params.uri, params.diagnostics);
      session.notify();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      session.log.push(params.message);
      session.notify();
    });
    connection.onNotification('kumaTls/status', (params: unknown) => {
      session.statuses.push(params);
      session.notify();
    });
    connection.onNotification('kumaTls/indexing', () => session.notify());
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => (item.section === 'kumaTls' ? options.settings ?? null : null)));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.listen();
    const uri = pathToFileURL(options.folder).href;
    const result = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(options.folder) }],
      capabilities: options.capabilities ?? { workspace: { configuration: true, workspaceEdit: { documentChanges: true } } },
      initializationOptions: options.initializationOptions ?? {},
    })) as { capabilities: Record<string, unknown> };
    await connection.sendNotification('initialized', {});
    return { session, capabilities: result.capabilities };
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves when `check` holds after something arrived; a hang guard, not a timing assertion. */
  async waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (this.child.exitCode !== null) throw new Error(`the server exited (${this.child.exitCode}) while waiting for ${what}; stderr: ${this.stderr.join('')}`);
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; diagnostics: ${JSON.stringify([...this.diagnostics].map(([u, ds]) => [path.basename(u), ds.map((d) => d.code)]))}; stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Diagnostics of a file once one of them has `rule`. */
  waitForRule(uri: string, rule: string): Promise<Diagnostic[]> {
    return this.waitFor(() => (this.diagnostics.get(uri)?.some((d) => d.code === rule) ? this.diagnostics.get(uri) : undefined), `${rule} on ${uri}`);
  }

  waitForNoRule(uri: string, rule: string): Promise<Diagnostic[]> {
    return this.waitFor(() => (this.diagnostics.has(uri) && !this.diagnostics.get(uri)!.some((d) => d.code === rule) ? this.diagnostics.get(uri) : undefined), `${rule} to go away on ${uri}`);
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** shutdown, exit; resolves with the process's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}
