// The certificate commands inside a real VS Code: each runs through executeCommand with its
// inputs supplied (options objects, or scripted answers to the prompts), and the files on disk
// are parsed and checked. Needs the extension API to expose `certificates` (CertificateCommands).
import * as assert from 'assert/strict';
import { X509Certificate, createPrivateKey } from 'crypto';
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { CertificateCommands } from '../../../src/commands/certificates';
import type { CertificatePrompts } from '../../../src/commands/prompts';

const EXTENSION_ID = 'kuma-tls.kuma-tls';

interface Recorded {
  confirms: { message: string; detail: string }[];
  errors: string[];
  clipboard: string[];
  inputBoxes: vscode.InputBoxOptions[];
  quickPicks: string[][];
}

/** Answers in order: quick picks by label prefix, input boxes by text, confirmations by button. */
interface Script {
  picks?: string[];
  inputs?: string[];
  confirm?: string;
  /** Button chosen on non-modal notifications. */
  info?: string;
}

function scriptedPrompts(script: Script, recorded: Recorded): CertificatePrompts {
  const picks = [...(script.picks ?? [])];
  const inputs = [...(script.inputs ?? [])];
  return {
    pickWorkspaceFolder: () => Promise.resolve(vscode.workspace.workspaceFolders?.[0]),
    showQuickPick: <T extends vscode.QuickPickItem>(items: T[]) => {
      recorded.quickPicks.push(items.map((item) => item.label));
      const wanted = picks.shift();
      return Promise.resolve(wanted === undefined ? undefined : items.find((item) => item.label.startsWith(wanted)));
    },
    showInputBox: (options) => {
      recorded.inputBoxes.push(options);
      return Promise.resolve(inputs.shift());
    },
    confirm: (message, detail) => {
      recorded.confirms.push({ message, detail });
      return Promise.resolve(script.confirm);
    },
    showInformationMessage: (_message, ...items) => Promise.resolve(items.length > 0 ? script.info : undefined),
    showErrorMessage: (message) => {
      recorded.errors.push(message);
      return Promise.resolve(undefined);
    },
    showOpenDialog: () => Promise.resolve(undefined),
    writeClipboard: (text) => {
      recorded.clipboard.push(text);
      return Promise.resolve();
    },
    withProgress: (_title, task) => task(new vscode.CancellationTokenSource().token),
  };
}

function emptyRecord(): Recorded {
  return { confirms: [], errors: [], clipboard: [], inputBoxes: [], quickPicks: [] };
}

async function text(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

async function modeOf(uri: vscode.Uri): Promise<number> {
  return (await fs.stat(uri.fsPath)).mode & 0o777;
}

suite('certificate commands', () => {
  let certificates: CertificateCommands;
  let scratch: vscode.Uri;
  let recorded: Recorded;
  let restore: vscode.Disposable | undefined;

  const answer = (script: Script = {}): void => {
    restore?.dispose();
    recorded = emptyRecord();
    restore = certificates.usePrompts(scriptedPrompts(script, recorded));
  };

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'extension installed');
    const api = (await extension.activate()) as { certificates?: CertificateCommands } | undefined;
    assert.ok(api?.certificates, 'activate() returns { certificates } from registerCertificateCommands');
    certificates = api.certificates;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    scratch = vscode.Uri.joinPath(folder.uri, `.kuma-tls-commands-test-${process.pid}`);
  });

  setup(() => answer());

  suiteTeardown(async () => {
    restore?.dispose();
    await vscode.workspace.fs.delete(scratch, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('generateCertificate with an options object writes a kumactl-style pair, key 0600', async () => {
    const folder = vscode.Uri.joinPath(scratch, 'kumactl');
    const written = (await vscode.commands.executeCommand('kumaTls.generateCertificate', {
      type: 'server',
      hostnames: ['kuma-control-plane.kuma-system', '10.0.0.1'],
      keyType: 'ecdsa',
      folder,
      reveal: false,
    })) as vscode.Uri[] | undefined;
    assert.deepEqual(recorded.errors, []);
    assert.ok(written);
    assert.deepEqual(written.map((uri) => uri.path.slice(folder.path.length + 1)), ['cert.pem', 'key.pem']);
    const cert = new X509Certificate(await text(written[0]));
    assert.equal(cert.subjectAltName, 'DNS:kuma-control-plane.kuma-system, IP Address:10.0.0.1');
    assert.equal(cert.ca, true);
    assert.ok(cert.checkPrivateKey(createPrivateKey(await text(written[1]))));
    assert.match(await text(written[1]), /^-----BEGIN EC PRIVATE KEY-----/);
    assert.equal(await modeOf(written[1]), 0o600);
  });

  test('an existing pair is only replaced after the modal confirmation that lists it', async () => {
    const folder = vscode.Uri.joinPath(scratch, 'kumactl');
    const key = vscode.Uri.joinPath(folder, 'key.pem');
    const before = await text(key);
    const options = { type: 'client', hostnames: ['c.example'], keyType: 'ecdsa', folder, reveal: false };
    answer({ confirm: undefined });
    const refused = await vscode.commands.executeCommand('kumaTls.generateCertificate', options);
    assert.equal(refused, undefined);
    assert.equal(recorded.confirms.length, 1);
    assert.match(recorded.confirms[0].message, /Replace 2 existing files/);
    assert.equal(recorded.confirms[0].detail, 'cert.pem\nkey.pem');
    assert.equal(await text(key), before, 'the key was overwritten without consent');
    answer({ confirm: 'Replace' });
    const replaced = (await vscode.commands.executeCommand('kumaTls.generateCertificate', options)) as vscode.Uri[];
    assert.ok(replaced);
    assert.notEqual(await text(key), before);
    assert.equal(await modeOf(key), 0o600);
    assert.match(new X509Certificate(await text(replaced[0])).subjectAltName ?? '', /DNS:c\.example/);
  });

  test('guided flow: type, hostnames (validated as typed) and key type come from the prompts', async () => {
    const folder = vscode.Uri.joinPath(scratch, 'guided');
    answer({ picks: ['server', 'ECDSA'], inputs: ['mesh.example, 192.0.2.7'] });
    const written = (await vscode.commands.executeCommand('kumaTls.generateCertificate', { folder, reveal: false })) as vscode.Uri[];
    assert.ok(written, recorded.errors.join('\n'));
    assert.deepEqual(recorded.quickPicks[0], ['server', 'client']);
    const hostBox = recorded.inputBoxes[0];
    assert.equal(hostBox.value, 'kuma-control-plane.kuma-system, kuma-control-plane.kuma-system.svc');
    const validate = hostBox.validateInput as (value: string) => string | vscode.InputBoxValidationMessage | undefined;
    assert.equal(validate('kuma-control-plane.kuma-system, kuma-control-plane.kuma-system.svc, 10.0.0.1'), undefined);
    // Without the control-plane names: a warning while typing (the box still accepts), not an error.
    const warning = validate('a.example, 10.0.0.1') as vscode.InputBoxValidationMessage;
    assert.equal(warning.severity, vscode.InputBoxValidationSeverity.Warning);
    assert.match(warning.message, /Missing kuma-control-plane\.kuma-system and kuma-control-plane\.kuma-system\.svc/);
    assert.match((validate('a.example, bad_host') as string) ?? '', /"bad_host"/);
    assert.match((validate('') as string) ?? '', /at least one/);
    assert.equal(new X509Certificate(await text(written[0])).subjectAltName, 'DNS:mesh.example, IP Address:192.0.2.7');
  });

  test('a client certificate is not prefilled with server names, and an empty box is refused', async () => {
    const folder = vscode.Uri.joinPath(scratch, 'client');
    answer({ picks: ['client', 'ECDSA'], inputs: ['admin.example'] });
    const written = (await vscode.commands.executeCommand('kumaTls.generateCertificate', { folder, reveal: false })) as vscode.Uri[];
    assert.ok(written, recorded.errors.join('\n'));
    const hostBox = recorded.inputBoxes[0];
    assert.equal(hostBox.value, '');
    const validate = hostBox.validateInput as (value: string) => string | vscode.InputBoxValidationMessage | undefined;
    assert.match((validate('') as string) ?? '', /at least one/);
    assert.equal(validate('admin.example'), undefined, 'no control-plane warning for a client');
  });

  test('cancelling a prompt writes nothing', async () => {
    const folder = vscode.Uri.joinPath(scratch, 'cancelled');
    answer({ picks: [] });
    const result = await vscode.commands.executeCommand('kumaTls.generateCertificate', { folder, reveal: false });
    assert.equal(result, undefined);
    assert.deepEqual(recorded.errors, []);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(folder)));
  });

  test('generateCa then issueCertificate from it: the leaf verifies against the CA', async () => {
    const folder = vscode.Uri.joinPath(scratch, 'pki');
    const ca = (await vscode.commands.executeCommand('kumaTls.generateCa', { commonName: 'editor-ca', keyType: 'ecdsa', folder, reveal: false })) as vscode.Uri[];
    assert.ok(ca, recorded.errors.join('\n'));
    assert.equal(await modeOf(ca[1]), 0o600);
    const caCert = new X509Certificate(await text(ca[0]));
    assert.equal(caCert.subject, 'CN=editor-ca');
    const leaf = (await vscode.commands.executeCommand('kumaTls.issueCertificate', {
      caCert: ca[0],
      type: 'server',
      hostnames: ['leaf.example'],
      keyType: 'ecdsa',
      folder,
      reveal: false,
    })) as vscode.Uri[];
    assert.ok(leaf, recorded.errors.join('\n'));
    const leafCert = new X509Certificate(await text(leaf[0]));
    assert.ok(leafCert.checkIssued(caCert));
    assert.ok(leafCert.verify(caCert.publicKey));
    assert.equal(leafCert.ca, false);
  });

  test('runRecipe general writes certificates, Secret, values and script that agree', async () => {
    const folder = vscode.Uri.joinPath(scratch, 'general');
    const written = (await vscode.commands.executeCommand('kumaTls.runRecipe', {
      recipe: 'general',
      namespace: 'mesh-system',
      keyType: 'ecdsa',
      folder,
      reveal: false,
    })) as vscode.Uri[];
    assert.ok(written, recorded.errors.join('\n'));
    const byName = new Map(written.map((uri) => [uri.path.slice(folder.path.length + 1), uri]));
    assert.deepEqual([...byName.keys()], ['ca.crt', 'ca.key', 'tls.crt', 'tls.key', 'secret.yaml', 'values.yaml', 'install.sh']);
    assert.equal(await modeOf(byName.get('tls.key')!), 0o600);
    assert.equal(await modeOf(byName.get('secret.yaml')!), 0o600);
    const caPem = await text(byName.get('ca.crt')!);
    const values = parse(await text(byName.get('values.yaml')!)) as { controlPlane: { tls: { general: { caBundle: string; secretName: string } } } };
    assert.equal(values.controlPlane.tls.general.caBundle, Buffer.from(caPem).toString('base64'));
    const secret = parse(await text(byName.get('secret.yaml')!)) as { metadata: { name: string; namespace: string }; data: Record<string, string> };
    assert.equal(secret.metadata.name, values.controlPlane.tls.general.secretName);
    assert.equal(secret.metadata.namespace, 'mesh-system');
    assert.equal(new X509Certificate(await text(byName.get('tls.crt')!)).subjectAltName, 'DNS:kuma-control-plane.mesh-system, DNS:kuma-control-plane.mesh-system.svc');
    assert.match(await text(byName.get('install.sh')!), /base64 -w0 < ca\.crt/);
  });

  test('guided recipe: channel, namespace, Secret name, names and CA choice come from the prompts', async () => {
    const folder = vscode.Uri.joinPath(scratch, 'guided-recipe');
    answer({ picks: ['API server', 'Generate a new CA'], inputs: ['team-mesh', 'team-api-tls', 'kuma-control-plane.team-mesh, api.example.com'] });
    const written = (await vscode.commands.executeCommand('kumaTls.runRecipe', { folder, reveal: false })) as vscode.Uri[];
    assert.ok(written, recorded.errors.join('\n'));
    assert.equal(recorded.quickPicks[0].length, 4, 'four channels offered');
    const namespaceBox = recorded.inputBoxes[0];
    assert.equal(namespaceBox.value, 'kuma-system');
    assert.match((namespaceBox.validateInput as (value: string) => string | undefined)('Not_A_Namespace') ?? '', /namespace/);
    assert.equal(recorded.inputBoxes[1].value, 'api-server-tls-2', 'crossfile/api-server-secret.yaml defines api-server-tls: the next free name is proposed');
    assert.equal(recorded.inputBoxes[2].value, 'kuma-control-plane.team-mesh, kuma-control-plane.team-mesh.svc');
    const names = written.map((uri) => uri.path.slice(folder.path.length + 1));
    assert.deepEqual(names, ['ca.crt', 'ca.key', 'tls.crt', 'tls.key', 'secret.yaml', 'values.yaml', 'install.sh']);
    const leaf = new X509Certificate(await text(written[2]));
    assert.equal(leaf.subjectAltName, 'DNS:kuma-control-plane.team-mesh, DNS:kuma-control-plane.team-mesh.svc, DNS:api.example.com');
    const secret = parse(await text(written[4])) as { type: string; metadata: { namespace: string } };
    assert.equal(secret.type, 'kubernetes.io/tls');
    assert.equal(secret.metadata.namespace, 'team-mesh');
    assert.match(await text(written[4]), /name: team-api-tls/);
  });

  test('copyCaBundle puts one-line base64 of the file on the clipboard and refuses key files', async () => {
    const ca = vscode.Uri.joinPath(scratch, 'pki', 'ca.crt');
    const bundle = await vscode.commands.executeCommand('kumaTls.copyCaBundle', { file: ca });
    assert.equal(bundle, Buffer.from(await text(ca)).toString('base64'));
    assert.deepEqual(recorded.clipboard, [bundle]);
    answer();
    const refused = await vscode.commands.executeCommand('kumaTls.copyCaBundle', vscode.Uri.joinPath(scratch, 'pki', 'ca.key'));
    assert.equal(refused, undefined);
    assert.deepEqual(recorded.clipboard, []);
    assert.match(recorded.errors[0], /contains a private key/);
    // A leaf is not a caBundle: the person is asked first, and nothing is copied unless they insist.
    const leaf = vscode.Uri.joinPath(scratch, 'pki', 'tls.crt');
    answer();
    assert.equal(await vscode.commands.executeCommand('kumaTls.copyCaBundle', leaf), undefined);
    assert.match(recorded.confirms[0]?.message ?? '', /tls\.crt is not a CA certificate/);
    assert.deepEqual(recorded.clipboard, []);
    answer({ confirm: 'Copy anyway' });
    assert.equal(await vscode.commands.executeCommand('kumaTls.copyCaBundle', leaf), Buffer.from(await text(leaf)).toString('base64'));
  });

  test('issueCertificate: the picker lists CA certificates with their key only, also where .gitignore hides them; a key file is refused at once, by name', async () => {
    // A repository that keeps its PKI out of git still picks its CA from it.
    const gitignore = vscode.Uri.joinPath(scratch, '.gitignore');
    await vscode.workspace.fs.writeFile(gitignore, Buffer.from('pki/\n'));
    answer({ picks: [] });
    try {
      assert.equal(await vscode.commands.executeCommand('kumaTls.issueCertificate', { folder: vscode.Uri.joinPath(scratch, 'issued'), reveal: false }), undefined);
    } finally {
      await vscode.workspace.fs.delete(gitignore);
    }
    const listed = recorded.quickPicks[0] ?? [];
    assert.ok(listed.some((label) => label.endsWith('pki/ca.crt')), listed.join(', '));
    assert.ok(!listed.some((label) => /tls\.crt$|\.key$/.test(label)), `only CA certificates: ${listed.join(', ')}`);
    answer();
    const refused = await vscode.commands.executeCommand('kumaTls.issueCertificate', { caCert: vscode.Uri.joinPath(scratch, 'pki', 'ca.key'), type: 'server', hostnames: ['x.example'], keyType: 'ecdsa', folder: vscode.Uri.joinPath(scratch, 'issued'), reveal: false });
    assert.equal(refused, undefined);
    assert.match(recorded.errors[0] ?? '', /ca\.key is a private key; pick the CA certificate/);
    assert.deepEqual(recorded.quickPicks, [], 'refused before any other question');
  });

  test('bad input is reported, not thrown: invalid hostname, folder outside the workspace', async () => {
    const bad = await vscode.commands.executeCommand('kumaTls.generateCertificate', {
      type: 'server',
      hostnames: ['bad_host'],
      keyType: 'ecdsa',
      folder: vscode.Uri.joinPath(scratch, 'bad'),
      reveal: false,
    });
    assert.equal(bad, undefined);
    assert.match(recorded.errors[0], /invalid hostname "bad_host"/);
    const outside = await vscode.commands.executeCommand('kumaTls.generateCa', { folder: vscode.Uri.file('/tmp'), keyType: 'ecdsa', reveal: false });
    assert.equal(outside, undefined);
    assert.match(recorded.errors[1], /not inside a workspace folder/);
  });

  // Last: the answer is remembered for the rest of the session.
  test('the .gitignore offer adds anchored key paths once, and the new certificate is opened', async () => {
    const folder = vscode.Uri.joinPath(scratch, 'ignored');
    answer({ confirm: 'Add to .gitignore' });
    const written = (await vscode.commands.executeCommand('kumaTls.generateCertificate', {
      type: 'server',
      hostnames: ['ignored.example'],
      keyType: 'ecdsa',
      folder,
    })) as vscode.Uri[];
    assert.ok(written, recorded.errors.join('\n'));
    const workspaceFolder = vscode.workspace.workspaceFolders![0];
    const gitignore = await text(vscode.Uri.joinPath(workspaceFolder.uri, '.gitignore'));
    const keyPattern = `/${vscode.workspace.asRelativePath(written[1], false)}`;
    assert.ok(gitignore.split('\n').includes(keyPattern), gitignore);
    assert.ok(!gitignore.includes('cert.pem'), 'certificates are not secret');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), written[0].toString());
  });
});
