import * as assert from 'assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'kuma-tls.kuma-tls';

suite('activation', () => {
  test('runs inside a real VS Code at the minimum engines.vscode', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { engines: { vscode: string } };
    const minimum = manifest.engines.vscode.replace(/^\^/, '');
    const [major, minor] = vscode.version.split('.').map(Number);
    const [minMajor, minMinor] = minimum.split('.').map(Number);
    assert.equal(major, minMajor, `VS Code ${vscode.version} vs engines ${minimum}`);
    assert.ok(minor >= minMinor, `VS Code ${vscode.version} is older than engines ${minimum}`);
  });

  test('activates when a YAML file is opened and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'extension is installed in the editor');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the examples workspace is open');
    const values = vscode.Uri.joinPath(folder.uri, 'helm', 'values.yaml');
    await vscode.window.showTextDocument(values);
    await extension.activate();
    assert.equal(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    const declared = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    for (const id of declared) assert.ok(commands.includes(id), `command ${id} is registered`);
  });
});
