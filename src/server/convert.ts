// Core data → LSP data: findings to diagnostics (their fixes travel along in `data`), fixes to
// workspace edits, completions to completion items. No Kuma logic here.
import { CompletionItem, CompletionItemKind, CompletionItemTag, Diagnostic, DiagnosticSeverity, InsertTextFormat, MarkupKind, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { Completion, CompletionKind } from '../lint/services/completions';
import { Finding, Fix, Severity } from '../lint/types';

import { DIAGNOSTIC_SOURCE } from './protocol';

export { DIAGNOSTIC_SOURCE };

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a diagnostic carries back to the server in a code-action request. */
export interface DiagnosticData {
  /** The document version the finding (and its fixes) was computed for; null for a file read from disk. */
  version: number | null;
  fixes: Fix[];
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  const data = value as Partial<DiagnosticData> | undefined;
  return !!data && Array.isArray(data.fixes) && (typeof data.version === 'number' || data.version === null);
}

export interface Locator {
  uriOf(path: string): string;
  ruleDocs(rule: string): string;
}

export function toDiagnostic(finding: Finding, version: number | null, locator: Locator): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    codeDescription: { href: locator.ruleDocs(finding.rule) },
    message: finding.message,
    data: { version, fixes: finding.fixes } satisfies DiagnosticData,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: locator.uriOf(r.path), range: r.range }, message: r.message }));
  }
  return diagnostic;
}

/**
 * The edit of a precomputed fix. With versioned document changes the client itself refuses the
 * edit once the document has moved past the version the fix was computed for.
 */
export function toWorkspaceEdit(fix: Fix, own: { path: string; uri: string; version: number | null }, locator: Locator, versioned: boolean): WorkspaceEdit {
  const byPath = new Map<string, Fix['edits']>();
  for (const edit of fix.edits) byPath.set(edit.path, [...(byPath.get(edit.path) ?? []), edit]);
  const uriOf = (path: string): string => (path === own.path ? own.uri : locator.uriOf(path));
  if (!versioned) {
    return { changes: Object.fromEntries([...byPath].map(([path, edits]) => [uriOf(path), edits.map((e) => ({ range: e.range, newText: e.newText }))])) };
  }
  const documentChanges: TextDocumentEdit[] = [...byPath].map(([path, edits]) => ({
    textDocument: { uri: uriOf(path), version: path === own.path ? own.version : null },
    edits: edits.map((e) => ({ range: e.range, newText: e.newText })),
  }));
  return { documentChanges };
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  variable: CompletionItemKind.Variable,
  value: CompletionItemKind.Value,
  property: CompletionItemKind.Property,
  module: CompletionItemKind.Module,
  reference: CompletionItemKind.Reference,
};

export function toCompletionItem(completion: Completion, triggerSuggestCommand: string | undefined): CompletionItem {
  const item: CompletionItem = {
    label: completion.label,
    kind: COMPLETION_KIND[completion.kind],
    textEdit: { range: completion.range, newText: completion.insertText },
    insertTextFormat: completion.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (completion.description) item.labelDetails = { description: completion.description };
  if (completion.filterText) item.filterText = completion.filterText;
  if (completion.sortText) item.sortText = completion.sortText;
  if (completion.detail) item.detail = completion.detail;
  if (completion.documentation) item.documentation = { kind: MarkupKind.Markdown, value: completion.documentation };
  if (completion.deprecated) item.tags = [CompletionItemTag.Deprecated];
  if (completion.retrigger && triggerSuggestCommand) item.command = { command: triggerSuggestCommand, title: 'Suggest values' };
  return item;
}
