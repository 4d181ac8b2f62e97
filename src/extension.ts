// Wiring only: builds the editor services over the editor-free core and registers them.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const status = vscode.languages.createLanguageStatusItem('kumaTls.status', [
    { language: 'yaml' },
    { language: 'pem' },
  ]);
  status.name = 'Kuma TLS';
  status.text = 'Kuma TLS';
  context.subscriptions.push(status);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
