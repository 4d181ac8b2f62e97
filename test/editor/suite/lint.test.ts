// The linter inside a real VS Code: diagnostics on the examples, their ranges and metadata,
// quick fixes applied through the code-action provider, unrelated files left alone.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { api, applyFix, lineOf, open, quickFixes, ruleOf, waitForNoRule, waitForRule, workspaceUri } from './helpers';

suite('linter in the editor', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a values file with secretName but no caBundle gets ca-bundle-secret-pair on the secretName', async () => {
    const editor = await open('helm/values.yaml');
    const uri = editor.document.uri;
    const diagnostics = await waitForRule(uri, 'ca-bundle-secret-pair');
    const diagnostic = diagnostics.find((d) => ruleOf(d) === 'ca-bundle-secret-pair')!;
    const line = lineOf(editor.document, 'secretName:');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'kuma-tls');
    assert.equal(diagnostic.range.start.line, line);
    assert.equal(diagnostic.range.start.character, editor.document.lineAt(line).firstNonWhitespaceCharacterIndex);
    assert.equal(diagnostic.range.end.character, editor.document.lineAt(line).range.end.character);
    assert.match(diagnostic.message, /You need to send both or neither/);
    // The rule id links to the command that opens the rendered page, with the rule as argument.
    const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
    assert.equal(target?.scheme, 'command');
    assert.equal(target?.path, 'kumaTls.showRuleDocs');
    assert.deepEqual(JSON.parse(decodeURIComponent(target?.query ?? '')), ['ca-bundle-secret-pair']);
    const docs = vscode.Uri.joinPath(vscode.extensions.getExtension('kuma-tls.kuma-tls')!.extensionUri, 'docs', 'rules', 'ca-bundle-secret-pair.md');
    assert.ok((await vscode.workspace.fs.stat(docs)).size > 0, 'the rule docs page ships with the extension');
  });

  test('every finding offers "disable for this line" and "show documentation"; disabling silences it', async () => {
    const editor = await open('helm/values.yaml');
    const uri = editor.document.uri;
    const [diagnostic] = (await waitForRule(uri, 'ca-bundle-secret-pair')).filter((d) => ruleOf(d) === 'ca-bundle-secret-pair');
    const titles = (await quickFixes(uri, diagnostic)).map((a) => a.title);
    assert.ok(titles.includes('Show documentation for ca-bundle-secret-pair'), JSON.stringify(titles));
    const docsAction = (await quickFixes(uri, diagnostic)).find((a) => a.title.startsWith('Show documentation'))!;
    assert.equal(docsAction.command?.command, 'kumaTls.showRuleDocs');
    assert.deepEqual(docsAction.command?.arguments, ['ca-bundle-secret-pair']);
    await applyFix(uri, diagnostic, 'Disable ca-bundle-secret-pair for this line');
    const secretLine = lineOf(editor.document, 'secretName:');
    assert.match(editor.document.lineAt(secretLine - 1).text, /^\s+# kuma-tls-disable-next-line ca-bundle-secret-pair$/);
    await waitForNoRule(uri, 'ca-bundle-secret-pair');
  });

  test('quick fix binds the HTTP API server of a kuma-cp env file to 127.0.0.1', async () => {
    const editor = await open('universal/kuma-cp.env');
    const uri = editor.document.uri;
    const [diagnostic] = (await waitForRule(uri, 'api-server-http-exposed')).filter(
      (d) => ruleOf(d) === 'api-server-http-exposed' && d.severity === vscode.DiagnosticSeverity.Warning,
    );
    const line = lineOf(editor.document, 'KUMA_API_SERVER_HTTP_INTERFACE=');
    assert.equal(diagnostic.range.start.line, line);
    assert.equal(editor.document.getText(diagnostic.range), '0.0.0.0');
    await applyFix(uri, diagnostic, 'Bind the HTTP API server to 127.0.0.1');
    assert.equal(editor.document.lineAt(line).text, 'KUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1');
    await waitForNoRule(uri, 'api-server-http-exposed');
  });

  test('quick fix rewraps a line-wrapped caBundle to one line of base64', async () => {
    const editor = await open('helm/values-wrapped-cabundle.yaml');
    const uri = editor.document.uri;
    const [diagnostic] = (await waitForRule(uri, 'encoding-mismatch')).filter((d) => ruleOf(d) === 'encoding-mismatch');
    assert.equal(diagnostic.range.start.line, lineOf(editor.document, 'caBundle:'));
    await applyFix(uri, diagnostic, /one line/i);
    const caBundleLine = editor.document.lineAt(lineOf(editor.document, 'caBundle:')).text;
    assert.match(caBundleLine, /^\s+caBundle: [A-Za-z0-9+/]+=*$/);
    const pem = Buffer.from(caBundleLine.split('caBundle: ')[1], 'base64').toString();
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n/);
    await waitForNoRule(uri, 'encoding-mismatch');
  });

  test('quick fix moves a path out of KUMA_CONTROL_PLANE_CA_CERT into KUMA_CONTROL_PLANE_CA_CERT_FILE', async () => {
    const editor = await open('universal/kuma-dp.env');
    const uri = editor.document.uri;
    const [diagnostic] = (await waitForRule(uri, 'ca-cert-not-pem')).filter((d) => ruleOf(d) === 'ca-cert-not-pem');
    await applyFix(uri, diagnostic, /KUMA_CONTROL_PLANE_CA_CERT_FILE/);
    assert.ok(editor.document.getText().includes('KUMA_CONTROL_PLANE_CA_CERT_FILE=/etc/kuma/ca.crt'));
    await waitForNoRule(uri, 'ca-cert-not-pem');
  });

  test('the clean canonical values and Secret get no finding', async () => {
    const { lint } = await api();
    for (const file of ['helm/values-good.yaml', 'k8s/secret-general.yaml', 'certs/tls.crt']) {
      const editor = await open(file);
      const findings = await lint.lintNow(editor.document);
      assert.deepEqual(
        findings.map((f) => f.rule),
        [],
        `${file} is clean`,
      );
      assert.ok((await lint.kindsFor(editor.document.uri)).length > 0, `${file} is recognised as a Kuma file`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('an unrelated YAML file gets nothing and is not taken for a Kuma file', async () => {
    const uri = workspaceUri('unrelated/deployment.yaml');
    await vscode.workspace.fs.writeFile(
      uri,
      Buffer.from('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          env:\n            - name: HTTP_INTERFACE\n              value: 0.0.0.0\n'),
    );
    const { lint } = await api();
    const editor = await vscode.window.showTextDocument(uri);
    assert.deepEqual(await lint.lintNow(editor.document), []);
    assert.deepEqual(await lint.kindsFor(uri), []);
  });
});
