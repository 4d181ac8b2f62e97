// Quick fixes for Kuma TLS diagnostics. The fixes were computed with the finding, so nothing
// is re-analysed here; every diagnostic also gets "Show documentation".
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, sameDiagnostic, toWorkspaceEdit } from './convert';
import { LintController } from './lintController';
import { keyOf } from './paths';

export const SHOW_RULE_DOCS_COMMAND = 'kumaTls.showRuleDocs';

export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly lint: LintController) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const findings = this.lint.findingsFor(document.uri);
    const same = { key: keyOf(document.uri), uri: document.uri };
    const actions: vscode.CodeAction[] = [];
    const docsShown = new Set<string>();
    for (const diagnostic of ours) {
      const finding = findings.find((f) => sameDiagnostic(diagnostic, f));
      if (!finding) continue;
      for (const fix of finding.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(fix, same);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred === true;
        actions.push(action);
      }
      if (!docsShown.has(finding.rule)) {
        docsShown.add(finding.rule);
        const docs = new vscode.CodeAction(`Show documentation for ${finding.rule}`, vscode.CodeActionKind.QuickFix);
        docs.command = { command: SHOW_RULE_DOCS_COMMAND, title: docs.title, arguments: [finding.rule] };
        docs.diagnostics = [diagnostic];
        actions.push(docs);
      }
    }
    return actions;
  }
}
