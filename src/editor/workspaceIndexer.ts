// Indexes the closed files of each workspace folder in the background, so the Problems panel
// shows cross-file findings without opening every file. Yields between files so the
// extension host stays responsive; cancellable; honours files.exclude and kumaTls.lint.exclude.
import * as vscode from 'vscode';
import { LintController } from './lintController';

const CANDIDATES = '**/{*.yaml,*.yml,*.env,.env,.env.*,*.envrc,*.pem,*.crt,*.cer,*.key,*.ca-bundle,*.sh,*.md}';
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];
const MAX_FILES_PER_FOLDER = 20_000;

export interface IndexProgress {
  (done: number, total: number): void;
}

function excludeGlob(folder: vscode.WorkspaceFolder): string {
  const filesExclude = vscode.workspace.getConfiguration('files', folder).get<Record<string, boolean>>('exclude', {});
  const ours = vscode.workspace.getConfiguration('kumaTls', folder).get<string[]>('lint.exclude', []);
  const patterns = [...ALWAYS_EXCLUDED, ...Object.entries(filesExclude).filter(([, on]) => on).map(([glob]) => glob), ...ours];
  return `{${patterns.join(',')}}`;
}

export class WorkspaceIndexer implements vscode.Disposable {
  private running: vscode.CancellationTokenSource | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly lint: LintController,
    private readonly onProgress: (state: { done: number; total: number } | undefined) => void,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(CANDIDATES);
    const reread = (uri: vscode.Uri): void => {
      if (!this.isIndexed(uri)) return;
      void vscode.workspace.fs.readFile(uri).then(
        (bytes) => this.lint.setFromDisk(uri, bytes),
        () => this.lint.setFromDisk(uri, undefined),
      );
    };
    // Deleting a folder is reported for the folder alone, not for the files inside it.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
    this.disposables.push(
      folders,
      folders.onDidDelete((uri) => this.isIndexed(uri) && this.lint.removeFolder(uri)),
      watcher,
      watcher.onDidCreate(reread),
      watcher.onDidChange(reread),
      watcher.onDidDelete((uri) => this.isIndexed(uri) && this.lint.setFromDisk(uri, undefined)),
      lint.onDidReset(() => void this.indexAll()),
    );
  }

  private isIndexed(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return !!folder && this.lint.indexedFolders.has(folder.uri.toString());
  }

  /** Indexes every folder; a new call cancels the one under way. Returns the number of files read. */
  async indexAll(token?: vscode.CancellationToken): Promise<number> {
    this.running?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.running = source;
    const cancelled = (): boolean => source.token.isCancellationRequested || !!token?.isCancellationRequested;
    let count = 0;
    try {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const files = await vscode.workspace.findFiles(
          new vscode.RelativePattern(folder, CANDIDATES),
          excludeGlob(folder),
          MAX_FILES_PER_FOLDER,
          source.token,
        );
        const maxBytes = vscode.workspace.getConfiguration('kumaTls', folder).get<number>('lint.maxFileSizeKB', 2048) * 1024;
        for (const [i, uri] of files.entries()) {
          if (cancelled()) return count;
          this.onProgress({ done: i, total: files.length });
          await this.readInto(uri, maxBytes);
          count++;
          // Give the extension host a turn between files.
          if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
        }
        this.lint.indexedFolders.add(folder.uri.toString());
        await this.lint.publishIndexed(files, cancelled);
      }
      return count;
    } finally {
      if (this.running === source) this.running = undefined;
      source.dispose();
      this.onProgress(undefined);
    }
  }

  private async readInto(uri: vscode.Uri, maxBytes: number): Promise<void> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) === 0) return;
      // A closed file over the size cap is not even read; opened, it gets the one "skipped" info.
      if (stat.size > maxBytes) return;
      this.lint.setFromDisk(uri, await vscode.workspace.fs.readFile(uri));
    } catch {
      // Deleted while indexing, or unreadable: nothing to lint.
      this.lint.setFromDisk(uri, undefined);
    }
  }

  cancel(): void {
    this.running?.cancel();
  }

  dispose(): void {
    this.cancel();
    for (const d of this.disposables) d.dispose();
  }
}
