// Wiring only: builds the editor services over the editor-free core and registers them.
// `overrides` lets in-editor tests inject fakes (the vscode-stylelint pattern).
import * as vscode from 'vscode';
import { CertificateCommands, registerCertificateCommands } from './commands/certificates';
import { CertificatePrompts } from './commands/prompts';
import { registerAuthoringProviders } from './editor/authoring';
import { LintBackendFactory } from './editor/lintBackend';
import { LintController } from './editor/lintController';
import { KumaLanguageStatus } from './editor/languageStatus';
import { QuickFixProvider, SHOW_RULE_DOCS_COMMAND } from './editor/quickFixes';
import { ruleDocsCommandUri, showRuleDocs } from './editor/ruleDocs';
import { showLintSummary } from './commands/lintSummary';
import { DIAGNOSTIC_SOURCE } from './editor/convert';
import { WorkspaceIndexer } from './editor/workspaceIndexer';
import { LintWorkspace } from './lint/workspace';

export interface ExtensionOverrides {
  createLintBackend?: LintBackendFactory;
  certificatePrompts?: CertificatePrompts;
}

/** What activate() hands back, for in-editor tests and other extensions. */
export interface KumaTlsApi {
  lint: LintController;
  indexer: WorkspaceIndexer;
  certificates: CertificateCommands;
  /** How long activate() took, for the activation benchmark. */
  activationTimeMs: number;
}

const LINTED_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file' },
  { scheme: 'vscode-remote' },
  { scheme: 'vscode-vfs' },
];

export function activate(context: vscode.ExtensionContext, overrides: ExtensionOverrides = {}): KumaTlsApi {
  const started = performance.now();
  const createBackend = overrides.createLintBackend ?? ((options) => new LintWorkspace(options));
  const lint = new LintController(createBackend, ruleDocsCommandUri);
  const status = new KumaLanguageStatus();
  const showActive = (): void => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    status.show(uri, uri ? lint.findingsFor(uri) : [], uri ? lint.kindsFor(uri) : []);
  };

  const indexer = new WorkspaceIndexer(lint, (state) => {
    status.indexing(state);
    if (!state) showActive();
  });

  context.subscriptions.push(
    lint,
    status,
    indexer,
    lint.onDidLint((uri) => {
      if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) showActive();
    }),
    vscode.window.onDidChangeActiveTextEditor(showActive),
    vscode.languages.registerCodeActionsProvider(LINTED_DOCUMENTS, new QuickFixProvider(lint), QuickFixProvider.metadata),
    vscode.commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (rule: unknown) => showRuleDocs(context.extensionUri, rule)),
    vscode.commands.registerCommand('kumaTls.lintWorkspace', async () => {
      const files = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Kuma TLS: linting the workspace', cancellable: true },
        (_progress, token) => indexer.indexAll(token),
      );
      showLintSummary(files, DIAGNOSTIC_SOURCE);
      return files;
    }),
    vscode.commands.registerCommand('kumaTls.clearProblems', () => {
      indexer.cancel();
      lint.clear();
    }),
  );
  const certificates = registerCertificateCommands(context, overrides.certificatePrompts);
  registerAuthoringProviders(context, { lint });
  showActive();
  // Closed files are indexed in the background so cross-file findings show without opening them.
  void indexer.indexAll();
  return { lint, indexer, certificates, activationTimeMs: performance.now() - started };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
