// Files of the workspace for the pickers, found by the core's walker (the CLI's and the language
// server's) on local folders: VS Code's findFiles runs ripgrep, which a fresh machine may lack,
// and then finds nothing without saying so. Other file systems still use findFiles.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { discoverFiles } from '../lint/discover';

/** Up to `limit` files whose extension is one of `extensions` (no dot); node_modules and .git left out. */
export async function workspaceFilesWith(extensions: readonly string[], limit: number, folder?: vscode.WorkspaceFolder): Promise<vscode.Uri[]> {
  const folders = folder ? [folder] : [...(vscode.workspace.workspaceFolders ?? [])];
  const wanted = new Set(extensions.map((e) => `.${e.toLowerCase()}`));
  const out: vscode.Uri[] = [];
  for (const f of folders) {
    if (f.uri.scheme !== 'file') {
      out.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(f, `**/*.{${extensions.join(',')}}`), '**/node_modules/**', limit - out.length)));
    } else {
      // .gitignore is not consulted: a repository that does it right ignores its keys, and often
      // the whole folder of generated certificates, which is exactly what these pickers list.
      for await (const file of discoverFiles([f.uri.fsPath], () => undefined, { gitignore: false })) {
        if (!wanted.has(path.extname(file.path).toLowerCase())) continue;
        out.push(vscode.Uri.file(file.path));
        if (out.length >= limit) break;
      }
    }
    if (out.length >= limit) break;
  }
  return out;
}
