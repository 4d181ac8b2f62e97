// Writes generated files into a workspace folder. workspace.fs for everything it can handle;
// private keys on local disk go through Node's fs instead, because workspace.fs cannot set a
// file mode and a key must be 0600 from the moment it exists (exclusive create, mode at open).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OutputFile, isSecretFile, modeOf, planWrite, relativePathProblem } from '../pki/output';
import { OutputError, writeNewFile } from '../pki/write';

export interface OutputLocation {
  workspaceFolder: vscode.WorkspaceFolder;
  /** Folder path relative to the workspace folder, forward slashes. */
  relativeFolder: string;
  directory: vscode.Uri;
}

export function outputLocation(workspaceFolder: vscode.WorkspaceFolder, relativeFolder: string): OutputLocation {
  const normalized = relativeFolder.replace(/\\/g, '/').replace(/^\.\/|\/+$/g, '');
  const problem = relativePathProblem(normalized);
  if (problem !== undefined) {
    throw new OutputError(`output folder: ${problem}`);
  }
  return { workspaceFolder, relativeFolder: normalized, directory: vscode.Uri.joinPath(workspaceFolder.uri, ...normalized.split('/')) };
}

export async function existingFiles(location: OutputLocation, files: readonly OutputFile[]): Promise<OutputFile[]> {
  const present: string[] = [];
  for (const file of files) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(location.directory, ...file.relativePath.split('/')));
      present.push(file.relativePath);
    } catch {
      // absent
    }
  }
  return planWrite(files, present).overwrite;
}

/** Writes `files`; `replace` says the user agreed to replace the ones that exist. */
export async function writeToWorkspace(location: OutputLocation, files: readonly OutputFile[], replace: boolean): Promise<vscode.Uri[]> {
  await vscode.workspace.fs.createDirectory(location.directory);
  const local = location.directory.scheme === 'file';
  const written: vscode.Uri[] = [];
  for (const file of files) {
    const problem = relativePathProblem(file.relativePath);
    if (problem !== undefined) {
      throw new OutputError(problem);
    }
    const target = vscode.Uri.joinPath(location.directory, ...file.relativePath.split('/'));
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    if (local) {
      await assertInsideWorkspace(location, target);
    }
    if (local && isSecretFile(file)) {
      await writeNewFile(target.fsPath, file.content, modeOf(file), { force: replace });
    } else {
      await vscode.workspace.fs.writeFile(target, Buffer.from(file.content, 'utf8'));
    }
    written.push(target);
  }
  return written;
}

/** A symbolic link inside the workspace must not carry a write (least of all a key) outside it. */
async function assertInsideWorkspace(location: OutputLocation, target: vscode.Uri): Promise<void> {
  const root = await fs.realpath(location.workspaceFolder.uri.fsPath);
  const parent = await fs.realpath(path.dirname(target.fsPath));
  if (parent !== root && !parent.startsWith(root + path.sep)) {
    throw new OutputError(`${target.fsPath} resolves outside the workspace folder`);
  }
  const stat = await fs.lstat(target.fsPath).catch(() => undefined);
  if (stat?.isSymbolicLink()) {
    throw new OutputError(`refusing to write through the symbolic link ${target.fsPath}`);
  }
}
