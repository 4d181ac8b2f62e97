// Shared steps of the in-editor suites: open example files, wait for the linter, apply fixes.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import type { KumaTlsApi } from '../../../src/extension';

export const EXTENSION_ID = 'kuma-tls.kuma-tls';

export async function api(): Promise<KumaTlsApi> {
  const extension = vscode.extensions.getExtension<KumaTlsApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the examples workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  await api();
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(document);
}

export function kumaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kuma-tls');
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** Polls the Problems data until `accept` holds: linting is debounced and asynchronous. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  let last = kumaDiagnostics(uri);
  while (Date.now() < deadline) {
    last = kumaDiagnostics(uri);
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${what}: gave up waiting; diagnostics of ${uri.path} are ${JSON.stringify(last.map((d) => [ruleOf(d), d.message.slice(0, 60)]))}`);
}

export function waitForRule(uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (ds) => ds.some((d) => ruleOf(d) === rule), `${rule} on ${uri.path}`);
}

export function waitForNoRule(uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (ds) => !ds.some((d) => ruleOf(d) === rule), `${rule} to go away on ${uri.path}`);
}

export async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  // The provider is asked for the diagnostic's range; actions that name other diagnostics are
  // left out (the command's results may not carry `diagnostics`, then all are kept).
  return (actions ?? []).filter((a) => !a.diagnostics || a.diagnostics.some((d) => d.message === diagnostic.message));
}

export async function applyFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string | RegExp): Promise<void> {
  const matches = (a: vscode.CodeAction): boolean => (typeof title === 'string' ? a.title === title : title.test(a.title));
  // The language server's diagnostics of a file just opened arrive twice (the workspace report,
  // then the document's own pull); while the Problems data is swapped, the range may briefly have
  // no diagnostic to fix. Ask again for a moment, as a person clicks the light bulb again.
  const deadline = Date.now() + 10_000;
  let actions = await quickFixes(uri, diagnostic);
  while (!actions.some(matches) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    actions = await quickFixes(uri, diagnostic);
  }
  const action = actions.find(matches);
  if (!action) {
    // What the editor holds and what the server offers for the range, to tell a stale diagnostic from a missing fix.
    const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const held = kumaDiagnostics(uri).map((d) => `${ruleOf(d)} ${d.range.start.line}: ${d.message.slice(0, 80)}`);
    assert.fail(`a quick fix "${title}" among ${JSON.stringify(actions.map((a) => a.title))}; for the range the server offers ${JSON.stringify((all ?? []).map((a) => [a.title, a.diagnostics?.map((d) => d.message.slice(0, 80))]))}; the file holds ${JSON.stringify(held)}; wanted: ${diagnostic.message.slice(0, 80)}`);
  }
  assert.ok(action.edit, `"${action.title}" carries an edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `"${action.title}" applied`);
}

export function lineOf(document: vscode.TextDocument, needle: string): number {
  const line = document.getText().split(/\r?\n/).findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `"${needle}" is in ${document.uri.path}`);
  return line;
}
