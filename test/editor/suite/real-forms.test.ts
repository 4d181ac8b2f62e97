// Forms real repositories use, in a real VS Code: a ```yaml fence in a README and Kong Mesh's
// `kuma:`-wrapped values get their diagnostics where they are written, and their quick fixes.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { applyFix, lineOf, open, quickFixes, ruleOf, waitForNoRule, waitForRule, workspaceUri } from './helpers';

const SCRATCH = 'real-forms';

async function write(relative: string, content: string): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceUri(`${SCRATCH}/${relative}`), Buffer.from(content));
}

async function waitForFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if ((await quickFixes(uri, diagnostic)).some((a) => title.test(a.title))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('forms of real repositories in the editor', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(workspaceUri(SCRATCH), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('a ```yaml fence in a Markdown file gets ca-bundle-secret-pair on its own line', async () => {
    await write('README.md', '# Install\n\nUse these values:\n\n```yaml\ncontrolPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n```\n');
    const editor = await open(`${SCRATCH}/README.md`);
    const uri = editor.document.uri;
    const diagnostic = (await waitForRule(uri, 'ca-bundle-secret-pair')).find((d) => ruleOf(d) === 'ca-bundle-secret-pair')!;
    const line = lineOf(editor.document, 'secretName:');
    assert.equal(diagnostic.range.start.line, line);
    assert.equal(diagnostic.range.start.character, 6);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });

  test('an ```env fence gets api-server-http-exposed, and its fix edits the fence', async () => {
    await write('universal.md', 'Run kuma-cp with:\n\n```env\nKUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\n```\n');
    const editor = await open(`${SCRATCH}/universal.md`);
    const uri = editor.document.uri;
    const diagnostic = (await waitForRule(uri, 'api-server-http-exposed')).find((d) => ruleOf(d) === 'api-server-http-exposed')!;
    assert.equal(diagnostic.range.start.line, lineOf(editor.document, 'KUMA_API_SERVER_HTTP_INTERFACE'));
    // A freshly written file is linted twice (the watcher's index and the open editor): ask until the fix is offered.
    await waitForFix(uri, diagnostic, /127\.0\.0\.1/);
    await applyFix(uri, diagnostic, /127\.0\.0\.1/);
    assert.equal(editor.document.lineAt(lineOf(editor.document, 'KUMA_API')).text, 'KUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1');
    await waitForNoRule(uri, 'api-server-http-exposed');
  });

  test('Kong Mesh values (kuma.controlPlane…) get the findings of Kuma\'s layout', async () => {
    await write('kong-mesh-values.yaml', 'kuma:\n  controlPlane:\n    service:\n      type: LoadBalancer\n    tls:\n      general:\n        secretName: general-tls-certs\n');
    const editor = await open(`${SCRATCH}/kong-mesh-values.yaml`);
    const uri = editor.document.uri;
    const pair = (await waitForRule(uri, 'ca-bundle-secret-pair')).find((d) => ruleOf(d) === 'ca-bundle-secret-pair')!;
    assert.equal(pair.range.start.line, lineOf(editor.document, 'secretName:'));
    const exposed = (await waitForRule(uri, 'api-server-http-exposed')).find((d) => ruleOf(d) === 'api-server-http-exposed')!;
    assert.equal(exposed.range.start.line, lineOf(editor.document, 'type: LoadBalancer'));
  });

  test('--set values of an install line get the Helm values rules on the line, and the -w0 fix edits the line', async () => {
    await write(
      'install.sh',
      'helm install kuma kuma/kuma -n kuma-system \\\n  --set controlPlane.tls.general.secretName=general-tls-certs \\\n  --set controlPlane.tls.general.caBundle=$(cat ca.crt | base64) \\\n  --set controlPlane.service.type=LoadBalancer\n',
    );
    const editor = await open(`${SCRATCH}/install.sh`);
    const uri = editor.document.uri;
    const exposed = (await waitForRule(uri, 'api-server-http-exposed')).find((d) => ruleOf(d) === 'api-server-http-exposed')!;
    assert.equal(exposed.range.start.line, lineOf(editor.document, 'service.type=LoadBalancer'));
    assert.equal(editor.document.getText(exposed.range), 'LoadBalancer');
    const wrapped = (await waitForRule(uri, 'encoding-mismatch')).find((d) => ruleOf(d) === 'encoding-mismatch')!;
    const line = lineOf(editor.document, 'caBundle=');
    assert.equal(wrapped.range.start.line, line);
    await waitForFix(uri, wrapped, /base64 -w0/);
    await applyFix(uri, wrapped, /base64 -w0/);
    assert.equal(editor.document.lineAt(line).text, '  --set controlPlane.tls.general.caBundle=$(cat ca.crt | base64 -w0) \\');
    await waitForNoRule(uri, 'encoding-mismatch');
  });
});
