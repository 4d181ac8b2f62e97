// One language status item (not notifications) that says what Kuma TLS checks in the current
// file and how many findings it has: the vscode-eslint pattern. The words come from the server
// (src/lint/services/status.ts); this file picks the icon and the severity.
import * as vscode from 'vscode';
import type { FileStatus } from '../lint/services/status';

export const STATUS_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml' },
  { language: 'dotenv' },
  { language: 'properties' },
  { language: 'shellscript' },
  { language: 'markdown' },
  { language: 'pem' },
  { language: 'plaintext' },
];

const SEVERITY = {
  error: vscode.LanguageStatusSeverity.Error,
  warning: vscode.LanguageStatusSeverity.Warning,
  info: vscode.LanguageStatusSeverity.Information,
} as const;

export class KumaLanguageStatus implements vscode.Disposable {
  readonly item = vscode.languages.createLanguageStatusItem('kumaTls.status', STATUS_SELECTOR);
  private readonly byUri = new Map<string, FileStatus>();
  /** Said when the server cannot read the workspace's files (a virtual workspace). */
  private limitation: string | undefined;

  constructor() {
    this.item.name = 'Kuma TLS';
    this.show(undefined);
  }

  update(uri: string, status: FileStatus): void {
    this.byUri.set(uri, status);
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri) this.show(vscode.window.activeTextEditor.document.uri);
  }

  forget(uri: vscode.Uri): void {
    this.byUri.delete(uri.toString());
  }

  show(uri: vscode.Uri | undefined): void {
    const item = this.item;
    const status = uri ? this.byUri.get(uri.toString()) : undefined;
    if (!status || !status.kuma) {
      item.text = 'Kuma TLS';
      item.detail = this.limitation ?? status?.detail ?? 'not a Kuma file: nothing to check';
      item.severity = SEVERITY.info;
      item.command = undefined;
      return;
    }
    item.text = status.findings === 0 ? `$(check) ${status.text}` : `$(shield) ${status.text}`;
    item.detail = this.limitation ? `${status.detail}; ${this.limitation}` : status.detail;
    item.severity = SEVERITY[status.severity];
    item.command = status.findings > 0 ? { command: 'workbench.actions.view.problems', title: 'Show Problems' } : undefined;
  }

  /** Workspace indexing shows here, not in a notification: busy spinner plus a count. */
  indexing(state: { done: number; total: number } | undefined): void {
    this.item.busy = state !== undefined;
    if (state) this.item.detail = `indexing the workspace: ${state.done}/${state.total} files`;
    else this.show(vscode.window.activeTextEditor?.document.uri);
  }

  limited(text: string): void {
    this.limitation = text;
    this.show(vscode.window.activeTextEditor?.document.uri);
  }

  /** The server did not start: say so where a person looks for it. */
  failed(text: string): void {
    this.item.text = '$(error) Kuma TLS';
    this.item.detail = text;
    this.item.severity = SEVERITY.error;
    this.item.busy = false;
  }

  dispose(): void {
    this.item.dispose();
  }
}
