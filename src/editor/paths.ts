// The core speaks in absolute paths; the editor in URIs. Local files map to their fs path so
// the CLI and the editor report the same thing; other schemes keep their full URI string.
import * as vscode from 'vscode';

export function keyOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

export function uriOf(key: string): vscode.Uri {
  return key.startsWith('/') || /^[A-Za-z]:[\\/]/.test(key) ? vscode.Uri.file(key) : vscode.Uri.parse(key);
}
