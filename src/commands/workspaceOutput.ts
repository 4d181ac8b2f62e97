// Writes generated files into a workspace folder. On local disk through the core's transactional
// writer (all files or none, keys 0600 from the moment they exist, nothing outside the workspace
// folder); workspace.fs only for other schemes, which have no file modes.
import * as vscode from 'vscode';
import { trimTrailing } from '../lint/trim-trailing';
import { OutputFile, planWrite, relativePathProblem } from '../pki/output';
import { OutputError, writeOutputFiles } from '../pki/write';

export interface OutputLocation {
  workspaceFolder: vscode.WorkspaceFolder;
  /** Folder path relative to the workspace folder, forward slashes. */
  relativeFolder: string;
  directory: vscode.Uri;
}

export function outputLocation(workspaceFolder: vscode.WorkspaceFolder, relativeFolder: string): OutputLocation {
  const unix = relativeFolder.replace(/\\/g, '/');
  const normalized = trimTrailing(unix.startsWith('./') ? unix.slice(2) : unix, '/');
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
  if (location.directory.scheme === 'file') {
    const report = await writeOutputFiles(location.directory.fsPath, files, { force: replace, confineTo: location.workspaceFolder.uri.fsPath });
    return report.written.map((written) => vscode.Uri.file(written));
  }
  for (const file of files) {
    const problem = relativePathProblem(file.relativePath);
    if (problem !== undefined) {
      throw new OutputError(problem);
    }
  }
  await vscode.workspace.fs.createDirectory(location.directory);
  const written: vscode.Uri[] = [];
  for (const file of files) {
    const target = vscode.Uri.joinPath(location.directory, ...file.relativePath.split('/'));
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    await vscode.workspace.fs.writeFile(target, Buffer.from(file.content, 'utf8'));
    written.push(target);
  }
  return written;
}
