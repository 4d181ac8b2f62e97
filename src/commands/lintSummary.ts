// The message that ends "Lint Workspace": how many files were read and what the Problems panel
// now holds from Kuma TLS, so the command never ends in silence.
import * as vscode from 'vscode';

const SHOW_PROBLEMS = 'Show Problems';

/** Counts of the diagnostics with `source` across the workspace, by severity. */
export function countDiagnostics(source: string): { errors: number; warnings: number; infos: number } {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== source) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
      else counts.infos++;
    }
  }
  return counts;
}

export function lintSummaryText(files: number, counts: { errors: number; warnings: number; infos: number }): string {
  const total = counts.errors + counts.warnings + counts.infos;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const checked = `Kuma TLS: checked ${plural(files, 'file')}`;
  if (total === 0) return `${checked}: no findings.`;
  return `${checked}: ${plural(total, 'finding')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${counts.infos} info).`;
}

/** Shows the summary; not awaited by the command (a notification settles when dismissed). */
export function showLintSummary(files: number, source: string): void {
  const counts = countDiagnostics(source);
  const actions = counts.errors + counts.warnings + counts.infos > 0 ? [SHOW_PROBLEMS] : [];
  void vscode.window.showInformationMessage(lintSummaryText(files, counts), ...actions).then((choice) => {
    if (choice === SHOW_PROBLEMS) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}
