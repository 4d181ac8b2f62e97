// The Kuma TLS language server: the core's linter, hovers, lenses and completions over LSP, for
// VS Code (its client in src/editor/client.ts) and any other editor (`kuma-tls lsp --stdio`).
// It owns the workspace index: it walks the folders itself (no `rg`, no editor search API),
// re-lints only the dependents of a change (`LintWorkspace.dependentsOf`), and reports closed
// files too. Diagnostics are pulled when the client can (VS Code), pushed otherwise (Neovim 0.7).
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  CancellationToken,
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CodeLens,
  CompletionList,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  FileChangeType,
  Hover,
  InitializeParams,
  InitializeResult,
  MarkupKind,
  TextDocumentSyncKind,
  TextDocuments,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { discoverFiles, isCandidateName } from '../lint/discover';
import { readRegularFile } from '../lint/read-regular-file';
import { baseName } from '../lint/model/kinds';
import { LintDocument } from '../lint/model/document';
import { isConfigFileName } from '../lint/config/parse';
import { renewLenses } from '../lint/lifecycle/renewLens';
import { certificateLenses } from '../lint/services/codeLens';
import { COMPLETION_TRIGGERS, completionsAt } from '../lint/services/completions';
import { hoverAt } from '../lint/services/hover';
import { fileStatus } from '../lint/services/status';
import { Finding, KumaFileKind } from '../lint/types';
import { tooLargeReason } from '../lint/workspace';
import { echo, escapeControlCharacters } from '../pki/redact';
import { DIAGNOSTIC_SOURCE, isDiagnosticData, Locator, toCompletionItem, toDiagnostic, toWorkspaceEdit } from './convert';
import { applySettings, fileUriOf, Folder, Folders, isLocalPath, pathOf } from './folders';
import {
  CLEAR_REQUEST,
  FINDINGS_REQUEST,
  FindingsParams,
  FindingsResult,
  INDEXED_PATHS_REQUEST,
  INDEXING_NOTIFICATION,
  IndexingParams,
  KumaInitializationOptions,
  LINT_WORKSPACE_REQUEST,
  STATUS_NOTIFICATION,
  StatusParams,
} from './protocol';
import { readSettings } from './settings';

const RULE_DOCS_ONLINE = 'https://github.com/kuma-tls/vscode-kuma-tls/blob/main/docs/rules/';
const MAX_FILES_PER_FOLDER = 20_000;
/** Sibling files are read for pairing only when they are this small (a PEM file is a few KB). */
const MAX_SIBLING_BYTES = 256 * 1024;
/** Files linted between two turns of the event loop, so requests are answered while a folder is re-checked. */
const FILES_PER_TURN = 20;
/** Re-check the open files this often: certificates expire while a session stays open. */
const CLOCK_TICK_MS = 60 * 60 * 1000;

interface Report {
  uri: string;
  resultId: string;
  signature: string;
  diagnostics: Diagnostic[];
}

interface PendingLint {
  timer: NodeJS.Timeout;
  done: Promise<void>;
  resolve: () => void;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class KumaTlsServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly folders = new Folders();
  private pull = false;
  private configurationSupport = false;
  private versionedEdits = false;
  private folderEvents = false;
  private init: KumaInitializationOptions = {};
  private readonly reports = new Map<string, Report>();
  /** Paths whose diagnostics the user cleared: empty until the file changes. */
  private readonly cleared = new Set<string>();
  private readonly pending = new Map<string, PendingLint>();
  /** Per path, bumped on every change: a re-check of an older version stops when it sees a newer one. */
  private readonly generations = new Map<string, number>();
  private indexRun = 0;
  /** File events and closes read the disk: one after another, or a create read before a delete lands after it. */
  private diskQueue: Promise<unknown> = Promise.resolve();
  private resultSeq = 0;
  private clockTimer: NodeJS.Timeout | undefined;
  private readonly locator: Locator = {
    uriOf: (p) => this.uriOf(p),
    ruleDocs: (rule) => {
      const page = /^[a-z0-9-]+$/.test(rule) ? rule : 'README';
      if (this.init.ruleDocsLinkCommand) return `command:${this.init.ruleDocsLinkCommand}?${encodeURIComponent(JSON.stringify([page]))}`;
      return `${this.init.ruleDocsBase ?? RULE_DOCS_ONLINE}${page}.md`;
    },
  };

  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onDidChangeConfiguration(() => void this.reloadSettings());
    c.onDidChangeWatchedFiles((params) => this.serially('file events', () => this.filesChanged(params.changes)));
    c.onHover((params) => this.guardSync('hover', () => this.hover(params.textDocument.uri, params.position), null));
    c.onCompletion((params) => this.guardSync('completion', () => this.completion(params.textDocument.uri, params.position), null));
    c.onCodeLens((params) => this.guardSync('code lens', () => this.codeLenses(params.textDocument.uri), []));
    c.onCodeAction((params) => this.guardSync('code action', () => this.codeActions(params), []));
    c.languages.diagnostics.on((params, token) => this.guard('diagnostics', () => this.documentDiagnostics(params.textDocument.uri, params.previousResultId, token), { kind: DocumentDiagnosticReportKind.Full, items: [] }));
    c.languages.diagnostics.onWorkspace((params) => this.workspaceDiagnostics(params.previousResultIds));
    c.onRequest(LINT_WORKSPACE_REQUEST, (token: CancellationToken) => {
      // Linting the workspace on request shows what "Clear" hid.
      this.cleared.clear();
      return this.indexAll(token);
    });
    c.onRequest(CLEAR_REQUEST, () => this.clear());
    c.onRequest(FINDINGS_REQUEST, (params: FindingsParams) => this.findingsNow(params.uri));
    c.onRequest(INDEXED_PATHS_REQUEST, (params: FindingsParams) => this.folders.of(pathOf(params.uri)).workspace.paths());
    c.onShutdown(() => {
      this.indexRun++;
      if (this.clockTimer) clearInterval(this.clockTimer);
      for (const p of this.pending.values()) clearTimeout(p.timer);
    });
    this.documents.onDidOpen((e) => this.changed(e.document, 0));
    this.documents.onDidChangeContent((e) => this.changed(e.document, this.folders.of(pathOf(e.document.uri)).settings.debounceMs));
    this.documents.onDidClose((e) => this.serially('close', () => this.closed(e.document.uri)));
    this.documents.listen(c);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const capabilities = params.capabilities;
    this.pull = !!capabilities.textDocument?.diagnostic;
    this.configurationSupport = !!capabilities.workspace?.configuration;
    this.versionedEdits = !!capabilities.workspace?.workspaceEdit?.documentChanges;
    this.folderEvents = !!capabilities.workspace?.workspaceFolders;
    this.init = (params.initializationOptions ?? {}) as KumaInitializationOptions;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders.set(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(this.pull ? { diagnosticProvider: { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        ...(this.folderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'kuma-tls', ...(typeof KUMA_TLS_VERSION === 'string' ? { version: KUMA_TLS_VERSION } : {}) },
    };
  }

  private async initialized(): Promise<void> {
    const c = this.connection;
    this.log(`started (diagnostics ${this.pull ? 'pulled by the client' : 'pushed'}; ${this.folders.all().length - 1} workspace folder(s))`);
    if (this.configurationSupport) void c.client.register(DidChangeConfigurationNotification.type, { section: 'kumaTls' }).catch(() => undefined);
    if (this.folderEvents) c.workspace.onDidChangeWorkspaceFolders(() => void this.guard('workspace folders', () => this.refreshFolders()));
    this.clockTimer = setInterval(() => void this.relintOpen(), CLOCK_TICK_MS);
    this.clockTimer.unref();
    await this.guard('settings', () => this.reloadSettings());
  }

  private async refreshFolders(): Promise<void> {
    const folders = (await this.connection.workspace.getWorkspaceFolders()) ?? [];
    this.folders.set(folders.map((f) => f.uri));
    await this.reloadSettings();
  }

  /** Settings of every folder; then everything is indexed and linted again with them. */
  private async reloadSettings(): Promise<void> {
    for (const folder of this.folders.all()) {
      let kumaTls: unknown = null;
      let files: unknown = null;
      if (this.configurationSupport) {
        const scope = folder.uri ? { scopeUri: folder.uri } : {};
        try {
          [kumaTls, files] = (await this.connection.workspace.getConfiguration([
            { ...scope, section: 'kumaTls' },
            { ...scope, section: 'files' },
          ])) as unknown[];
        } catch (error) {
          this.log(`could not read the settings (${this.errorText(error)}); using the defaults`, 'warn');
        }
      }
      applySettings(folder, readSettings(kumaTls, files));
    }
    for (const document of this.documents.all()) this.setOpenText(document);
    await this.indexAll();
  }

  // ---- documents -------------------------------------------------------------------------

  private setOpenText(document: TextDocument): void {
    const key = pathOf(document.uri);
    const folder = this.folders.of(key);
    if (!folder.settings.enable) return;
    folder.workspace.setDocument(key, document.getText());
  }

  private changed(document: TextDocument, delayMs: number): void {
    const key = pathOf(document.uri);
    this.setOpenText(document);
    this.cleared.delete(key);
    this.schedule(key, delayMs);
  }

  /** Re-checks a path and its dependents after `delayMs`; a newer change replaces the wait. */
  private schedule(key: string, delayMs: number): void {
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const previous = this.pending.get(key);
    if (previous) clearTimeout(previous.timer);
    let resolve: () => void = () => undefined;
    const done = previous?.done ?? new Promise<void>((r) => (resolve = r));
    if (previous) resolve = previous.resolve;
    const timer = setTimeout(() => {
      this.pending.delete(key);
      void this.guard('lint', () => this.relint(key, generation)).finally(resolve);
    }, delayMs);
    this.pending.set(key, { timer, done, resolve });
  }

  /** Lints `key` and then, a few at a time, the files that depend on it, unless `key` changes again meanwhile. */
  private async relint(key: string, generation: number): Promise<void> {
    const folder = this.folders.of(key);
    this.lintAndReport(folder, key);
    const dependents = folder.workspace.dependentsOf(key);
    for (const [i, dependent] of dependents.entries()) {
      if (this.generations.get(key) !== generation) {
        // The newer version's own re-check covers every dependent again.
        this.log(`re-check of ${this.shown(key)} stopped after ${i} of ${dependents.length} dependent file(s): the file changed again`);
        return;
      }
      this.lintAndReport(folder, dependent);
      if (i % FILES_PER_TURN === FILES_PER_TURN - 1) await turn();
    }
  }

  private async closed(uri: string): Promise<void> {
    const key = pathOf(uri);
    const folder = this.folders.of(key);
    const pending = this.pending.get(key);
    if (pending) {
      clearTimeout(pending.timer);
      this.pending.delete(key);
      pending.resolve();
    }
    if (folder.indexed && isLocalPath(key)) {
      // The workspace is indexed: the closed file goes back to its saved content and keeps its
      // findings, because other files' findings may depend on it.
      await this.readFromDisk(folder, key);
    } else {
      folder.workspace.removeDocument(key);
    }
    this.schedule(key, 0);
  }

  private async readFromDisk(folder: Folder, key: string): Promise<void> {
    try {
      const stat = await fsp.stat(key);
      if (!stat.isFile()) return;
      // A closed file over the size cap is not even read; opened, it gets the one "skipped" note.
      if (stat.size > folder.workspace.maxFileBytes) {
        folder.workspace.removeDocument(key);
        this.log(`skipped ${this.shown(key)}: ${tooLargeReason(stat.size, folder.workspace.maxFileBytes)}`);
        return;
      }
      folder.workspace.setDocument(key, await fsp.readFile(key));
    } catch {
      // Deleted, or unreadable: nothing to lint.
      folder.workspace.removeDocument(key);
    }
  }

  private async filesChanged(changes: ReadonlyArray<{ uri: string; type: FileChangeType }>): Promise<void> {
    const touched: string[] = [];
    for (const change of changes) {
      const key = pathOf(change.uri);
      const folder = this.folders.of(key);
      if (!folder.indexed) continue;
      if (change.type === FileChangeType.Deleted) {
        // A file deleted from disk goes, even if an editor still lists its (just closed)
        // document: VS Code keeps models for a while after their editor closes. A deleted
        // folder is reported alone, not the files inside it.
        const prefix = key.replace(/[\\/]$/, '') + (isLocalPath(key) ? path.sep : '/');
        for (const p of [...folder.workspace.paths(), ...folder.workspace.configPaths()]) {
          if (p !== key && !p.startsWith(prefix)) continue;
          folder.workspace.removeDocument(p);
          touched.push(p);
        }
        continue;
      }
      // An open document's text is the truth while it is open.
      if (this.documents.get(change.uri)) continue;
      if (!isCandidateName(baseName(key)) || folder.excluded(this.folders.relative(folder, key))) continue;
      await this.readFromDisk(folder, key);
      this.cleared.delete(key);
      touched.push(key);
    }
    for (const key of touched) this.schedule(key, 0);
  }

  // ---- diagnostics -----------------------------------------------------------------------

  private findingsOf(folder: Folder, key: string): Finding[] {
    if (!folder.settings.enable || this.cleared.has(key)) return [];
    return folder.workspace.lint(key, this.now()).filter((f) => f.path === key);
  }

  /** An invalid `.kuma-tls.yaml` is shown on itself: the key and line its problem names (the CLI exits 2 with the same words). */
  private configDiagnostics(folder: Folder, key: string): Diagnostic[] {
    if (!isConfigFileName(key) || !folder.settings.enable) return [];
    return folder.workspace.configProblems().filter((p) => p.path === key).map((p) => {
      const position = { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
      return {
        range: { start: position, end: { line: position.line, character: position.character + Math.max(1, p.key.length) } },
        severity: DiagnosticSeverity.Error,
        source: DIAGNOSTIC_SOURCE,
        message: `${p.key ? `${p.key}: ` : ''}${p.message} (until it is valid, this file sets nothing)`,
      };
    });
  }

  /** Lints one file, keeps its report, pushes it (push clients) and tells the status item (open files). */
  private lintAndReport(folder: Folder, key: string): Report {
    const findings = this.findingsOf(folder, key);
    const uri = this.uriOf(key);
    const open = this.documents.get(uri);
    const version = open?.version ?? null;
    const diagnostics = [...findings.map((f) => toDiagnostic(f, version, this.locator)), ...this.configDiagnostics(folder, key)];
    const signature = JSON.stringify(diagnostics);
    const previous = this.reports.get(key);
    const report: Report = previous && previous.signature === signature && previous.uri === uri ? previous : { uri, resultId: String(++this.resultSeq), signature, diagnostics };
    this.reports.set(key, report);
    if (!this.pull && report !== previous) void this.connection.sendDiagnostics({ uri, ...(version === null ? {} : { version }), diagnostics });
    if (open) this.sendStatus(uri, findings, folder.workspace.kindsOf(key));
    return report;
  }

  private sendStatus(uri: string, findings: readonly Finding[], kinds: readonly KumaFileKind[]): void {
    const params: StatusParams = { uri, status: fileStatus(findings, kinds) };
    void this.connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  private async documentDiagnostics(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const key = pathOf(uri);
    // A lint of this document is due (debounced typing): the pull waits for it rather than linting every keystroke.
    await this.pending.get(key)?.done;
    if (token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: previousResultId ?? '' };
    const document = this.documents.get(uri);
    if (document) this.setOpenText(document);
    const report = this.lintAndReport(this.folders.of(key), key);
    if (previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.diagnostics };
  }

  /** Reports of files the client has not got yet, or whose diagnostics changed since its last pull. */
  private workspaceDiagnostics(previous: ReadonlyArray<{ uri: string; value: string }>): WorkspaceDiagnosticReport {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const report of this.reports.values()) {
      const had = known.get(report.uri);
      if (had === report.resultId || (had === undefined && report.diagnostics.length === 0)) continue;
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri: report.uri, version: this.documents.get(report.uri)?.version ?? null, resultId: report.resultId, items: report.diagnostics });
    }
    return { items };
  }

  private clear(): void {
    this.indexRun++;
    for (const [key, report] of this.reports) {
      this.cleared.add(key);
      if (report.diagnostics.length === 0) continue;
      const empty: Report = { uri: report.uri, resultId: String(++this.resultSeq), signature: '[]', diagnostics: [] };
      this.reports.set(key, empty);
      if (!this.pull) void this.connection.sendDiagnostics({ uri: report.uri, diagnostics: [] });
    }
    if (this.pull) this.connection.languages.diagnostics.refresh();
  }

  private findingsNow(uri: string): FindingsResult {
    const key = pathOf(uri);
    const folder = this.folders.of(key);
    const document = this.documents.get(uri);
    if (document) this.setOpenText(document);
    return { findings: this.findingsOf(folder, key), kinds: folder.workspace.kindsOf(key) };
  }

  private async relintOpen(): Promise<void> {
    for (const document of this.documents.all()) {
      const key = pathOf(document.uri);
      this.lintAndReport(this.folders.of(key), key);
      await turn();
    }
    if (this.pull) this.connection.languages.diagnostics.refresh();
  }

  // ---- the workspace walk ----------------------------------------------------------------

  /** Walks every folder with the core's walker (the CLI's), reads its candidate files and lints them; a new call cancels the one under way. */
  private async indexAll(token?: CancellationToken): Promise<number> {
    const run = ++this.indexRun;
    const cancelled = (): boolean => this.indexRun !== run || !!token?.isCancellationRequested;
    let count = 0;
    try {
      for (const folder of this.folders.all()) {
        if (cancelled()) break;
        if (folder.uri === '') {
          await this.lintFolder(folder, cancelled);
          continue;
        }
        count += await this.indexFolder(folder, cancelled);
      }
    } finally {
      if (this.indexRun === run) this.progress({});
    }
    if (this.pull && !cancelled()) this.connection.languages.diagnostics.refresh();
    return count;
  }

  private async indexFolder(folder: Folder, cancelled: () => boolean): Promise<number> {
    if (!folder.settings.enable) {
      this.log(`${this.shown(folder.uri)}: kumaTls.lint.enable is off; nothing is linted`);
      for (const key of folder.workspace.paths()) this.lintAndReport(folder, key);
      return 0;
    }
    if (!folder.path) {
      const limitation = `${folder.uri} is not on a local file system: the server cannot read its closed files, so only open files are linted there (hovers, completions and quick fixes work in them)`;
      this.log(limitation, 'warn');
      this.progress({ limitation });
      return 0;
    }
    const started = Date.now();
    const files: Array<{ path: string; size: number }> = [];
    let excluded = 0;
    const problems: string[] = [];
    for await (const file of discoverFiles([folder.path], (problem) => problems.push(`${this.shown(problem.path)}: ${problem.reason}`))) {
      if (cancelled()) return 0;
      if (folder.excluded(this.folders.relative(folder, file.path))) {
        excluded++;
        continue;
      }
      if (files.length === MAX_FILES_PER_FOLDER) {
        problems.push(`more than ${MAX_FILES_PER_FOLDER} candidate files: the rest of the folder is not indexed`);
        break;
      }
      files.push(file);
    }
    const max = folder.workspace.maxFileBytes;
    let read = 0;
    for (const [i, file] of files.entries()) {
      if (cancelled()) return read;
      if (i % FILES_PER_TURN === 0) {
        this.progress({ done: i, total: files.length });
        await turn();
      }
      // An open document's text is the truth while it is open.
      if (this.documents.get(this.uriOf(file.path))) continue;
      if (file.size > max) {
        folder.workspace.removeDocument(file.path);
        problems.push(`${this.shown(file.path)}: skipped, ${tooLargeReason(file.size, max)}`);
        continue;
      }
      try {
        folder.workspace.setDocument(file.path, readRegularFile(file.path));
        read++;
      } catch {
        problems.push(`${this.shown(file.path)}: skipped, it cannot be read`);
      }
    }
    // What the index holds of this folder but the walk no longer found (deleted, now excluded)
    // goes, unless an editor has it open: a file event may have been missed.
    const walked = new Set(files.map((f) => f.path));
    const prefix = folder.path.endsWith(path.sep) ? folder.path : folder.path + path.sep;
    for (const key of folder.workspace.paths()) {
      if (!key.startsWith(prefix) || walked.has(key) || this.documents.get(this.uriOf(key))) continue;
      folder.workspace.removeDocument(key);
      this.lintAndReport(folder, key);
    }
    folder.indexed = true;
    await this.lintFolder(folder, cancelled);
    this.log(`indexed ${this.shown(folder.path)}: ${read} file(s) read, ${excluded} excluded by kumaTls.lint.exclude/files.exclude, ${problems.length} skipped, in ${Date.now() - started} ms`);
    for (const problem of problems) this.log(`  ${problem}`);
    return read;
  }

  private async lintFolder(folder: Folder, cancelled: () => boolean): Promise<void> {
    for (const [i, key] of folder.workspace.paths().entries()) {
      if (cancelled()) return;
      this.lintAndReport(folder, key);
      if (i % FILES_PER_TURN === FILES_PER_TURN - 1) await turn();
    }
  }

  private progress(params: IndexingParams): void {
    void this.connection.sendNotification(INDEXING_NOTIFICATION, params);
  }

  // ---- hovers, lenses, completions, quick fixes -------------------------------------------

  /** The core's model of an open document (the linter's own parse, never a second one). */
  private model(uri: string): { doc: LintDocument; folder: Folder } | null {
    const document = this.documents.get(uri);
    if (!document) return null;
    const key = pathOf(uri);
    const folder = this.folders.of(key);
    folder.workspace.setDocument(key, document.getText());
    const doc = folder.workspace.get(key);
    return doc && doc.format !== 'other' ? { doc, folder } : null;
  }

  private hover(uri: string, pos: { line: number; character: number }): Hover | null {
    const model = this.model(uri);
    if (!model) return null;
    const key = pathOf(uri);
    const hover = hoverAt({ doc: model.doc, pos, documents: () => model.folder.workspace.documents(), workspace: model.folder.workspace, readSibling: (name) => this.readSibling(key, name), now: this.now() });
    return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: hover.range } : null;
  }

  private readSibling(key: string, name: string): string | undefined {
    const sibling = isLocalPath(key) ? path.join(path.dirname(key), name) : `${key.slice(0, key.lastIndexOf('/'))}/${name}`;
    const open = this.documents.get(this.uriOf(sibling));
    if (open) return open.getText().length <= MAX_SIBLING_BYTES ? open.getText() : undefined;
    if (!isLocalPath(sibling)) return undefined;
    try {
      // A FIFO named like the sibling must not block the hover: readRegularFile refuses it.
      return readRegularFile(sibling, MAX_SIBLING_BYTES).toString('utf8');
    } catch {
      return undefined;
    }
  }

  private completion(uri: string, pos: { line: number; character: number }): CompletionList | null {
    const document = this.documents.get(uri);
    if (!document) return null;
    const key = pathOf(uri);
    const model = this.model(uri);
    const folder = this.folders.of(key);
    const items = completionsAt({
      path: key,
      lines: document.getText().split(/\r?\n/),
      pos,
      doc: model?.doc ?? null,
      documents: () => folder.workspace.documents(),
      displayPath: (p) => this.folders.relative(folder, p),
    });
    return items ? { isIncomplete: false, items: items.map((item) => toCompletionItem(item, this.init.triggerSuggestCommand)) } : null;
  }

  private codeLenses(uri: string): CodeLens[] {
    const model = this.model(uri);
    if (!model) return [];
    const now = this.now();
    const validity = certificateLenses(model.doc, now).map((lens) => ({ range: { start: lens.position, end: lens.position }, command: { title: lens.title, command: '' } }));
    // "Renew…" on a certificate close to its end, judged with the options that apply to this file.
    const options = this.folders.of(model.doc.path).workspace.optionsFor(model.doc.path);
    const renew = renewLenses(model.doc, now, options).map((lens) => ({ range: lens.range, command: { title: lens.title, command: lens.command, arguments: lens.arguments } }));
    return [...validity, ...renew];
  }

  private codeActions(params: CodeActionParams): CodeAction[] {
    const uri = params.textDocument.uri;
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const key = pathOf(uri);
    const document = this.documents.get(uri);
    const current = document?.version ?? null;
    const actions: CodeAction[] = [];
    const docsShown = new Set<string>();
    let stale = 0;
    for (const diagnostic of ours) {
      const rule = String(diagnostic.code ?? '');
      const data = isDiagnosticData(diagnostic.data) ? diagnostic.data : null;
      // Fixes computed for another version of the document are never offered (their ranges may
      // point anywhere now); the same finding in the current version brings its own.
      const fixes = data && data.version === current ? data.fixes : this.fixesOf(key, diagnostic);
      if (data && data.version !== current && fixes.length === 0 && data.fixes.length > 0) stale++;
      for (const fix of fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred === true,
          edit: toWorkspaceEdit(fix, { path: key, uri, version: current }, this.locator, this.versionedEdits),
        });
      }
      if (this.init.showRuleDocsCommand && rule && !docsShown.has(rule)) {
        docsShown.add(rule);
        const title = `Show documentation for ${rule}`;
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: this.init.showRuleDocsCommand, arguments: [rule] } });
      }
    }
    if (stale > 0) this.log(`quick fixes of ${stale} finding(s) of ${this.shown(key)} not offered: they were computed for an older version than ${current}, and the current version has no such finding`);
    return actions;
  }

  /** A client that drops `data`: the fixes of the current finding with the same rule, range and message. */
  private fixesOf(key: string, diagnostic: Diagnostic): Finding['fixes'] {
    const folder = this.folders.of(key);
    const same = (f: Finding): boolean =>
      f.rule === diagnostic.code && f.message === diagnostic.message && JSON.stringify(f.range) === JSON.stringify(diagnostic.range);
    return this.findingsOf(folder, key).find(same)?.fixes ?? [];
  }

  // ---- plumbing --------------------------------------------------------------------------

  private uriOf(key: string): string {
    const local = fileUriOf(key);
    // An open document keeps the URI spelling its client used.
    for (const document of this.documents.all()) if (document.uri === local || pathOf(document.uri) === key) return document.uri;
    return local;
  }

  /** A path or URI for the output channel: control characters escaped (a file name is user data). */
  private shown(key: string): string {
    return escapeControlCharacters(key);
  }

  private errorText(error: unknown): string {
    // An error may quote a document: bounded, escaped, key material withheld.
    return echo(error instanceof Error ? error.message : String(error), undefined, 300);
  }

  private log(message: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    this.connection.console[level](message);
  }

  private serially(what: string, run: () => Promise<void>): void {
    this.diskQueue = this.diskQueue.then(() => this.guard(what, run));
  }

  private guardSync<T>(what: string, run: () => T, fallback: T): T {
    try {
      return run();
    } catch (error) {
      this.log(`${what} failed: ${this.errorText(error)}`, 'error');
      return fallback;
    }
  }

  private async guard<T>(what: string, run: () => Promise<T> | T, fallback?: T): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.log(`${what} failed: ${this.errorText(error)}`, 'error');
      return fallback as T;
    }
  }
}

declare const KUMA_TLS_VERSION: string | undefined;
