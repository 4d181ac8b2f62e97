// Keeps the Problems panel in step with the documents: lint on open, on change (debounced per
// document, off the typing path), on save; clear on close. One lint backend per workspace
// folder, because each folder is its own deployment with its own settings.
import * as path from 'path';
import * as vscode from 'vscode';
import { LintDocument } from '../lint/model/document';
import { Finding, KumaFileKind, LintOptions } from '../lint/types';
import { LintBackend, LintBackendFactory } from './lintBackend';
import { toDiagnostic } from './convert';
import { keyOf, uriOf } from './paths';

/** Language ids whose documents may be Kuma files; the core decides from path and content. */
const CANDIDATE_LANGUAGES = new Set(['yaml', 'dotenv', 'properties', 'shellscript', 'markdown', 'pem', 'plaintext', 'ini', 'helm']);
const CANDIDATE_SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs']);

export interface LintResultListener {
  (uri: vscode.Uri, findings: readonly Finding[], kinds: readonly KumaFileKind[]): void;
}

export function readLintOptions(scope: vscode.ConfigurationScope | undefined): LintOptions {
  const config = vscode.workspace.getConfiguration('kumaTls', scope);
  return {
    severities: config.get<Record<string, 'off' | 'info' | 'warning' | 'error'>>('lint.rules', {}),
    expiryWindowDays: config.get<number>('lint.expiryWindowDays', 30),
    expiryLifetimeFraction: config.get<number>('lint.expiryLifetimeFraction', 0.1),
    maxFileBytes: config.get<number>('lint.maxFileSizeKB', 2048) * 1024,
    controlPlane: {
      namespace: config.get<string>('controlPlane.namespace', 'kuma-system'),
      serviceName: config.get<string>('controlPlane.serviceName', 'kuma-control-plane'),
    },
    ...kumaVersionOption(config.get<string>('kumaVersion', '')),
  };
}

/** An empty setting leaves the version to the workspace. */
function kumaVersionOption(value: string): Pick<LintOptions, 'kumaVersion'> {
  return value.trim() === '' ? {} : { kumaVersion: value.trim() };
}

export class LintController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kuma-tls');
  private readonly backends = new Map<string, LintBackend>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly findingsByUri = new Map<string, { uri: vscode.Uri; findings: Finding[] }>();
  private readonly listeners: LintResultListener[] = [];
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly createBackend: LintBackendFactory,
    private readonly docsUri: (rule: string) => vscode.Uri,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document, this.debounceMs());
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kumaTls')) this.reset();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reset()),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  onDidLint(listener: LintResultListener): vscode.Disposable {
    this.listeners.push(listener);
    return new vscode.Disposable(() => this.listeners.splice(this.listeners.indexOf(listener), 1));
  }

  /** The findings behind the current diagnostics of a document (quick fixes read them). */
  findingsFor(uri: vscode.Uri): readonly Finding[] {
    return this.findingsByUri.get(uri.toString())?.findings ?? [];
  }

  kindsFor(uri: vscode.Uri): readonly KumaFileKind[] {
    return this.backendFor(uri).kindsOf(keyOf(uri));
  }

  /** Lints a document now, bypassing the debounce (commands and tests). */
  lintNow(document: vscode.TextDocument): readonly Finding[] {
    this.cancel(document.uri);
    return this.lintDocument(document);
  }

  /**
   * The core's model of a document's current text, for hovers, lenses and completions: the same
   * parse the linter uses (handing over unchanged text is free), never a second one.
   */
  modelOf(document: vscode.TextDocument): LintDocument | undefined {
    const backend = this.backendFor(document.uri);
    const key = keyOf(document.uri);
    backend.setDocument(key, document.getText());
    return backend.get(key);
  }

  clear(): void {
    this.collection.clear();
    this.findingsByUri.clear();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }

  private debounceMs(): number {
    return vscode.workspace.getConfiguration('kumaTls').get<number>('lint.debounceMs', 200);
  }

  private isCandidate(document: vscode.TextDocument): boolean {
    if (!CANDIDATE_SCHEMES.has(document.uri.scheme)) return false;
    if (!vscode.workspace.getConfiguration('kumaTls', document.uri).get<boolean>('lint.enable', true)) return false;
    return CANDIDATE_LANGUAGES.has(document.languageId) || /\.(ya?ml|json|env|envrc|pem|crt|cer|key|ca-bundle|sh|md)$/i.test(document.uri.path);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!this.isCandidate(document)) return;
    this.cancel(document.uri);
    // Even with no delay, lint on a later turn so the edit that triggered it completes first.
    const timer = setTimeout(() => {
      this.timers.delete(document.uri.toString());
      if (!document.isClosed) this.lintDocument(document);
    }, delayMs);
    this.timers.set(document.uri.toString(), timer);
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  private lintDocument(document: vscode.TextDocument): Finding[] {
    const backend = this.backendFor(document.uri);
    const key = keyOf(document.uri);
    backend.setDocument(key, document.getText());
    const findings = this.publish(document.uri, backend);
    // Files whose findings depend on this one (a values file naming this Secret) are re-checked too.
    for (const dependent of backend.dependentsOf(key)) {
      const open = vscode.workspace.textDocuments.find((d) => keyOf(d.uri) === dependent);
      if (open && open !== document) this.publish(open.uri, backend);
    }
    return findings;
  }

  /** Indexes a file that is not open (workspace lint, file watcher) and republishes what depends on it. */
  setFromDisk(uri: vscode.Uri, content: Uint8Array | undefined): void {
    const backend = this.backendFor(uri);
    const key = keyOf(uri);
    // An open document's text is the truth while it is open; but a file deleted from disk goes,
    // even if its (just closed) document is still listed.
    if (content !== undefined && vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed)) return;
    if (content === undefined) {
      backend.removeDocument(key);
      this.collection.delete(uri);
      this.findingsByUri.delete(uri.toString());
    } else {
      backend.setDocument(key, content);
    }
    // While a folder is first indexed nothing is published per file (that would re-lint the
    // dependents of every file, quadratic); the indexer publishes the folder once at the end.
    if (!this.indexedFolders.has(vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '')) return;
    if (content !== undefined) this.publish(uri, backend);
    for (const dependent of backend.dependentsOf(key)) this.publish(uriOf(dependent), backend);
  }

  /** A folder was deleted: everything indexed below it goes (the watcher names only the folder). */
  removeFolder(folder: vscode.Uri): void {
    const backend = this.backendFor(folder);
    const prefix = keyOf(folder).replace(/[\\/]$/, '') + (folder.scheme === 'file' ? path.sep : '/');
    for (const key of backend.paths().filter((p) => p.startsWith(prefix))) this.setFromDisk(uriOf(key), undefined);
  }

  /** Publishes findings for indexed files, yielding to the extension host between batches. */
  async publishIndexed(uris: readonly vscode.Uri[], cancelled: () => boolean = () => false): Promise<void> {
    for (const [i, uri] of uris.entries()) {
      if (cancelled()) return;
      this.publish(uri, this.backendFor(uri));
      if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private publish(uri: vscode.Uri, backend: LintBackend): Finding[] {
    const key = keyOf(uri);
    const findings = backend.lint(key).filter((f) => f.path === key);
    this.findingsByUri.set(uri.toString(), { uri, findings });
    this.collection.set(
      uri,
      findings.map((f) => toDiagnostic(f, this.docsUri)),
    );
    const kinds = backend.kindsOf(key);
    for (const listener of this.listeners) listener(uri, findings, kinds);
    return findings;
  }

  private forget(uri: vscode.Uri): void {
    this.cancel(uri);
    if (this.indexedFolders.has(vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '')) {
      // The workspace is indexed: the closed file goes back to its saved content and keeps
      // its findings, because other files' findings may depend on it.
      void vscode.workspace.fs.readFile(uri).then(
        (bytes) => this.setFromDisk(uri, bytes),
        () => this.setFromDisk(uri, undefined),
      );
      return;
    }
    this.collection.delete(uri);
    this.findingsByUri.delete(uri.toString());
    this.backendFor(uri).removeDocument(keyOf(uri));
    for (const listener of this.listeners) listener(uri, [], []);
  }

  /** Folders whose closed files are indexed (set by the workspace indexer). */
  readonly indexedFolders = new Set<string>();

  backendFor(uri: vscode.Uri): LintBackend {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder?.uri.toString() ?? '';
    let backend = this.backends.get(key);
    if (!backend) {
      backend = this.createBackend(readLintOptions(folder ?? uri));
      this.backends.set(key, backend);
    }
    return backend;
  }

  private reset(): void {
    this.backends.clear();
    this.indexedFolders.clear();
    this.clear();
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
    for (const listener of this.resetListeners) listener();
  }

  private readonly resetListeners: (() => void)[] = [];

  /** Called when settings change and every index was dropped (the indexer re-indexes). */
  onDidReset(listener: () => void): vscode.Disposable {
    this.resetListeners.push(listener);
    return new vscode.Disposable(() => this.resetListeners.splice(this.resetListeners.indexOf(listener), 1));
  }
}
