// Workspace-wide linting: closed files are indexed so their findings show without opening them.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import { api, kumaDiagnostics, ruleOf, waitForNoRule, waitForRule, workspaceUri } from './helpers';

suite('workspace lint', () => {
  test('closed files are indexed in the background after activation, without any command', async () => {
    await api();
    const closed = workspaceUri('universal/kuma-cp-typos.env');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'the file is not open');
    const diagnostics = await waitForRule(closed, 'unknown-setting');
    assert.ok(diagnostics.some((d) => ruleOf(d) === 'tls-version-invalid'));
  });

  test('"Lint Workspace" reports findings of files that are not open', async () => {
    await api();
    const closed = workspaceUri('helm/values-exposed.yaml');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'the file is not open');
    const count = await vscode.commands.executeCommand<number>('kumaTls.lintWorkspace');
    assert.ok(typeof count === 'number' && count >= 10, `indexed ${count} files`);
    const diagnostics = await waitForRule(closed, 'cert-manager-conflict');
    assert.ok(diagnostics.some((d) => ruleOf(d) === 'api-server-http-exposed'));
  });

  test('"Clear Kuma TLS Problems" empties the Problems panel of Kuma findings', async () => {
    await vscode.commands.executeCommand('kumaTls.lintWorkspace');
    const closed = workspaceUri('helm/values-exposed.yaml');
    await waitForRule(closed, 'cert-manager-conflict');
    await vscode.commands.executeCommand('kumaTls.clearProblems');
    assert.deepEqual(kumaDiagnostics(closed), []);
  });

  test('a file created on disk is indexed by the watcher', async () => {
    await vscode.commands.executeCommand('kumaTls.lintWorkspace');
    const created = workspaceUri('helm/values-new.yaml');
    await vscode.workspace.fs.writeFile(created, Buffer.from('controlPlane:\n  tls:\n    general:\n      caBundle: abc\n'));
    await waitForRule(created, 'ca-bundle-secret-pair');
    await vscode.workspace.fs.delete(created);
  });
});

suite('workspace lint: deletions', () => {
  test('deleting a folder drops the files indexed below it, and their findings', async () => {
    await api();
    await vscode.commands.executeCommand('kumaTls.lintWorkspace');
    const folder = workspaceUri('to-delete');
    const values = vscode.Uri.joinPath(folder, 'nested', 'values.yaml');
    await vscode.workspace.fs.writeFile(values, Buffer.from('controlPlane:\n  tls:\n    general:\n      caBundle: abc\n'));
    await vscode.commands.executeCommand('kumaTls.lintWorkspace');
    await waitForRule(values, 'ca-bundle-secret-pair');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    await waitForNoRule(values, 'ca-bundle-secret-pair');
    const { lint } = await api();
    assert.ok(!(await lint.indexedPaths(values)).some((p) => p.includes('/to-delete/')), 'nothing below the folder stays indexed');
  });

  test('a .kuma-tls.yaml written into the workspace turns a rule off without a reload; a setting the user set overrides it', async () => {
    await api();
    const closed = workspaceUri('universal/kuma-cp-typos.env');
    await waitForRule(closed, 'unknown-setting');
    const config = workspaceUri('universal/.kuma-tls.yaml');
    await vscode.workspace.fs.writeFile(config, Buffer.from('rules:\n  unknown-setting: "off"\n'));
    try {
      const after = await waitForNoRule(closed, 'unknown-setting');
      assert.ok(after.some((d) => ruleOf(d) === 'tls-version-invalid'), 'the other rules still run');
      // Settings are overrides on top of the file, and only the ones a user set: VS Code's defaults
      // (expiry window, control plane) did not undo the file above; this one does.
      const settings = vscode.workspace.getConfiguration('kumaTls');
      await settings.update('lint.rules', { 'unknown-setting': 'error' }, vscode.ConfigurationTarget.Workspace);
      try {
        const back = await waitForRule(closed, 'unknown-setting');
        assert.ok(back.filter((d) => ruleOf(d) === 'unknown-setting').every((d) => d.severity === vscode.DiagnosticSeverity.Error));
      } finally {
        await settings.update('lint.rules', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await waitForNoRule(closed, 'unknown-setting');
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await waitForRule(closed, 'unknown-setting');
  });
});
