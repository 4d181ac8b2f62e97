// Private keys never reach the user's screen: every certificate command, run with an options
// object, and every message it shows (notifications, confirmations, prompts, clipboard), and
// hovers over key material, are checked against the keys the commands wrote.
import * as assert from 'assert/strict';
import * as vscode from 'vscode';
import type { CertificateCommands } from '../../../src/commands/certificates';
import type { CertificatePrompts } from '../../../src/commands/prompts';

const EXTENSION_ID = 'kuma-tls.kuma-tls';

/** Everything the commands said, in one list of strings. */
function recordingPrompts(said: string[]): CertificatePrompts {
  return {
    pickWorkspaceFolder: () => Promise.resolve(vscode.workspace.workspaceFolders?.[0]),
    showQuickPick: (items) => {
      said.push(...items.map((item) => `${item.label} ${item.description ?? ''} ${item.detail ?? ''}`));
      return Promise.resolve(undefined);
    },
    showInputBox: (options) => {
      said.push(`${options.prompt ?? ''} ${options.value ?? ''}`);
      return Promise.resolve(undefined);
    },
    confirm: (message, detail) => {
      said.push(message, detail);
      return Promise.resolve(undefined);
    },
    showInformationMessage: (message, ...items) => {
      said.push(message, ...items);
      return Promise.resolve(undefined);
    },
    showErrorMessage: (message) => {
      said.push(message);
      return Promise.resolve(undefined);
    },
    showOpenDialog: () => Promise.resolve(undefined),
    writeClipboard: (text) => {
      said.push(text);
      return Promise.resolve();
    },
    withProgress: (title, task) => {
      said.push(title);
      return task(new vscode.CancellationTokenSource().token);
    },
  };
}

function keyBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
}

function assertNoKeyMaterial(keyPems: string[], texts: string[], where: string): void {
  const haystack = texts.join('\n').replace(/\s+/g, '');
  for (const pem of keyPems) {
    const body = keyBody(pem);
    const encoded = Buffer.from(pem).toString('base64');
    for (const source of [body, encoded]) {
      for (let i = 0; i + 64 <= source.length; i += 8) assert.ok(!haystack.includes(source.slice(i, i + 64)), `${where} contains private key material`);
    }
  }
}

async function text(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

suite('safety: private keys stay out of messages and hovers', () => {
  let certificates: CertificateCommands;
  let scratch: vscode.Uri;
  const said: string[] = [];
  let restore: vscode.Disposable | undefined;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const api = (await extension.activate()) as { certificates?: CertificateCommands };
    assert.ok(api.certificates);
    certificates = api.certificates;
    scratch = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, `.kuma-tls-safety-test-${process.pid}`);
    restore = certificates.usePrompts(recordingPrompts(said));
  });

  suiteTeardown(async () => {
    restore?.dispose();
    await vscode.workspace.fs.delete(scratch, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('every certificate command (and its refusals) shows no key material', async () => {
    const run = async (command: string, options: unknown): Promise<vscode.Uri[]> => ((await vscode.commands.executeCommand(command, options)) as vscode.Uri[] | undefined) ?? [];
    const folder = (name: string) => vscode.Uri.joinPath(scratch, name);
    const written: vscode.Uri[] = [];
    written.push(...(await run('kumaTls.generateCertificate', { type: 'server', hostnames: ['cp.example'], keyType: 'ecdsa', folder: folder('pair'), reveal: false })));
    const ca = await run('kumaTls.generateCa', { commonName: 'safety-ca', keyType: 'ecdsa', folder: folder('ca'), reveal: false });
    written.push(...ca);
    assert.ok(ca.length >= 2, said.join('\n'));
    written.push(...(await run('kumaTls.issueCertificate', { caCert: ca[0], type: 'server', hostnames: ['leaf.example'], keyType: 'ecdsa', folder: folder('leaf'), reveal: false })));
    written.push(...(await run('kumaTls.runRecipe', { recipe: 'general', keyType: 'ecdsa', folder: folder('recipe'), reveal: false })));
    // Refusals: replacing without confirmation, a key given as the certificate to copy, a key as the CA certificate.
    await run('kumaTls.generateCertificate', { type: 'server', hostnames: ['cp.example'], keyType: 'ecdsa', folder: folder('pair'), reveal: false });
    const keyFiles = written.filter((uri) => /\.key$|key\.pem$/.test(uri.path));
    assert.ok(keyFiles.length >= 4, `keys written: ${written.map((u) => u.path).join(', ')}`);
    await vscode.commands.executeCommand('kumaTls.copyCaBundle', { file: keyFiles[0] });
    await run('kumaTls.issueCertificate', { caCert: keyFiles[0], type: 'server', hostnames: ['x.example'], keyType: 'ecdsa', folder: folder('bad'), reveal: false });
    const keys = await Promise.all(keyFiles.map(text));
    for (const key of keys) assert.match(key, /PRIVATE KEY/);
    assert.ok(said.length > 0, 'the commands said something');
    assertNoKeyMaterial(keys, said, 'notifications, prompts and clipboard');
  });

  test('hovers over a key file and over a Secret holding a key show no key material', async () => {
    const keyFile = vscode.Uri.joinPath(scratch, 'recipe', 'tls.key');
    const secret = vscode.Uri.joinPath(scratch, 'recipe', 'secret.yaml');
    const keys = [await text(keyFile)];
    assert.match(keys[0], /PRIVATE KEY/, 'the recipe of the first test wrote the key hovered here');
    const hovers: string[] = [];
    for (const uri of [keyFile, secret]) {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      for (let line = 0; line < document.lineCount; line++) {
        const at = new vscode.Position(line, Math.min(5, document.lineAt(line).text.length));
        const found = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? [];
        for (const hover of found) for (const content of hover.contents) hovers.push(typeof content === 'string' ? content : content.value);
      }
    }
    // The key file and the Secret's tls.key must be described, or this check would prove nothing.
    assert.ok(hovers.some((h) => /key/i.test(h)), `hovers describe the keys (got ${hovers.length} parts)`);
    assertNoKeyMaterial(keys, hovers, 'hovers');
  });
});
