// Core findings → VS Code diagnostics and edits. No logic beyond the mapping.
import * as vscode from 'vscode';
import { Finding, Fix, Severity, Span } from '../lint/types';
import { uriOf } from './paths';

export const DIAGNOSTIC_SOURCE = 'kuma-tls';

export function toRange(span: Span): vscode.Range {
  return new vscode.Range(span.start.line, span.start.character, span.end.line, span.end.character);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding, docsUri: (rule: string) => vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: docsUri(finding.rule) };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(r.path), toRange(r.range)), r.message),
    );
  }
  return diagnostic;
}

/** Builds the WorkspaceEdit of a precomputed fix; `same` maps the linted file to its real URI. */
export function toWorkspaceEdit(fix: Fix, same: { key: string; uri: vscode.Uri }): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    const uri = e.path === same.key ? same.uri : uriOf(e.path);
    edit.replace(uri, toRange(e.range), e.newText);
  }
  return edit;
}

/** A diagnostic handed back by VS Code is a copy; match it to our finding by what identifies it. */
export function sameDiagnostic(a: vscode.Diagnostic, finding: Finding): boolean {
  const code = typeof a.code === 'object' ? a.code.value : a.code;
  return a.source === DIAGNOSTIC_SOURCE && code === finding.rule && a.message === finding.message && a.range.isEqual(toRange(finding.range));
}
