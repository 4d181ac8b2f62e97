// Cross-file consistency in a real VS Code: a values file's findings follow the Secret it names,
// with related information pointing at the Secret and a quick fix that takes the Secret's CA.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { api, applyFix, lineOf, open, ruleOf, waitForNoRule, waitForRule, workspaceUri } from './helpers';

suite('cross-file consistency', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('ca-bundle-mismatch points at the Secret and its quick fix takes the Secret’s ca.crt', async () => {
    await vscode.commands.executeCommand('kumaTls.lintWorkspace');
    const editor = await open('crossfile/values-ca-mismatch.yaml');
    const uri = editor.document.uri;
    const [diagnostic] = (await waitForRule(uri, 'ca-bundle-mismatch')).filter((d) => ruleOf(d) === 'ca-bundle-mismatch');
    assert.equal(diagnostic.range.start.line, lineOf(editor.document, 'caBundle:'));
    const related = diagnostic.relatedInformation ?? [];
    // general-tls-certs is defined once, by k8s/secret-general.yaml (defined twice, differently,
    // it would be secret-ambiguous instead, with no fix that picks one definition).
    assert.ok(
      related.some((r) => /\/k8s\/secret-general\.yaml$/.test(r.location.uri.path)),
      `related information names a definition of the Secret: ${JSON.stringify(related.map((r) => r.location.uri.path))}`,
    );
    await applyFix(uri, diagnostic, /Replace caBundle with the base64 of Secret general-tls-certs/);
    const caBundle = editor.document.lineAt(lineOf(editor.document, 'caBundle:')).text.split('caBundle: ')[1];
    const caFile = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri('certs/ca.crt'))).toString('utf8');
    assert.equal(Buffer.from(caBundle, 'base64').toString('utf8'), caFile, 'caBundle is now the Secret’s CA');
    await waitForNoRule(uri, 'ca-bundle-mismatch');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('editing the Secret makes the values file’s finding appear and go away without reopening it', async () => {
    const { lint } = await api();
    await vscode.commands.executeCommand('kumaTls.lintWorkspace');
    const values = workspaceUri('helm/values-good.yaml');
    const valuesDocument = await vscode.workspace.openTextDocument(values);
    await vscode.window.showTextDocument(valuesDocument, { preview: false });
    assert.deepEqual((await lint.lintNow(valuesDocument)).map((f) => f.rule), [], 'the values file starts clean');

    const secretEditor = await open('k8s/secret-general.yaml');
    const caLine = lineOf(secretEditor.document, '  ca.crt: ');
    const original = secretEditor.document.lineAt(caLine).text;
    const otherCa = (await vscode.workspace.openTextDocument(workspaceUri('k8s/secret-mismatch.yaml'))).getText().match(/^ {2}ca\.crt: (\S+)$/m)?.[1];
    assert.ok(otherCa, 'another CA to swap in');
    const swap = new vscode.WorkspaceEdit();
    swap.replace(secretEditor.document.uri, secretEditor.document.lineAt(caLine).range, `  ca.crt: ${otherCa}`);
    assert.ok(await vscode.workspace.applyEdit(swap));
    const [finding] = (await waitForRule(values, 'ca-bundle-mismatch')).filter((d) => ruleOf(d) === 'ca-bundle-mismatch');
    assert.ok(finding.relatedInformation?.some((r) => r.location.uri.toString() === secretEditor.document.uri.toString()));

    const restore = new vscode.WorkspaceEdit();
    restore.replace(secretEditor.document.uri, secretEditor.document.lineAt(caLine).range, original);
    assert.ok(await vscode.workspace.applyEdit(restore));
    await waitForNoRule(values, 'ca-bundle-mismatch');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a values file naming a Secret no file defines gets secret-not-found, a Secret in another namespace secret-namespace', async () => {
    await vscode.commands.executeCommand('kumaTls.lintWorkspace');
    await waitForRule(workspaceUri('crossfile/values-secret-typo.yaml'), 'secret-not-found');
    const [namespace] = (await waitForRule(workspaceUri('crossfile/values-wrong-namespace.yaml'), 'secret-namespace')).filter(
      (d) => ruleOf(d) === 'secret-namespace',
    );
    assert.ok(namespace.relatedInformation?.some((r) => r.location.uri.path.endsWith('/crossfile/secret-default-namespace.yaml')));
  });
});
