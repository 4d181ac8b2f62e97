// Wiring only: starts the Kuma TLS language server's client and registers the palette commands.
// `overrides` lets in-editor tests inject fakes (the vscode-stylelint pattern).
import * as vscode from 'vscode';
import { CertificateCommands, registerCertificateCommands } from './commands/certificates';
import { registerLifecycleCommands } from './commands/lifecycle';
import { CertificatePrompts } from './commands/prompts';
import { KumaTlsClient, SHOW_RULE_DOCS_COMMAND } from './editor/client';
import { KumaLanguageStatus } from './editor/languageStatus';
import { showRuleDocs } from './editor/ruleDocs';
import { showLintSummary } from './commands/lintSummary';
import { DIAGNOSTIC_SOURCE } from './server/protocol';

export interface ExtensionOverrides {
  certificatePrompts?: CertificatePrompts;
}

/** What activate() hands back, for in-editor tests and other extensions. */
export interface KumaTlsApi {
  lint: KumaTlsClient;
  certificates: CertificateCommands;
  /** How long activate() took, for the activation benchmark. */
  activationTimeMs: number;
}

export function activate(context: vscode.ExtensionContext, overrides: ExtensionOverrides = {}): KumaTlsApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Kuma TLS');
  const status = new KumaLanguageStatus();
  // The client starts the server in the background; activate() does not wait for it.
  const lint = new KumaTlsClient(context, status, output);
  context.subscriptions.push(
    output,
    status,
    lint,
    vscode.commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (rule: unknown) => showRuleDocs(context.extensionUri, rule)),
    vscode.commands.registerCommand('kumaTls.lintWorkspace', async () => {
      const files = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Kuma TLS: linting the workspace', cancellable: true },
        (_progress, token) => lint.lintWorkspace(token),
      );
      showLintSummary(files, DIAGNOSTIC_SOURCE);
      return files;
    }),
    vscode.commands.registerCommand('kumaTls.clearProblems', () => lint.clear()),
  );
  const certificates = registerCertificateCommands(context, overrides.certificatePrompts);
  registerLifecycleCommands(context, () => certificates.prompts());
  status.show(vscode.window.activeTextEditor?.document.uri);
  return { lint, certificates, activationTimeMs: performance.now() - started };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
