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

suite('contributions', () => {
  test('the walkthrough is contributed with a step per command, and its pages ship with the extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = extension.packageJSON.contributes.walkthroughs as {
      id: string;
      steps: { completionEvents: string[]; media: { markdown: string } }[];
    }[];
    assert.equal(walkthrough.id, 'kumaTls.secureKuma');
    const events = walkthrough.steps.flatMap((s) => s.completionEvents);
    for (const command of ['kumaTls.runRecipe', 'kumaTls.copyCaBundle', 'kumaTls.lintWorkspace']) {
      assert.ok(events.includes(`onCommand:${command}`), `a step completes on ${command}`);
    }
    for (const step of walkthrough.steps) {
      const page = vscode.Uri.joinPath(extension.extensionUri, step.media.markdown);
      assert.ok((await vscode.workspace.fs.stat(page)).size > 0, `${step.media.markdown} exists`);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#kumaTls.secureKuma`, false);
  });
});
