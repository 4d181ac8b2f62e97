// Authoring help inside a real VS Code: hovers on certificates, keys, settings and values keys;
// expiry lenses; completions in env and values files; snippet bodies that lint clean.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { generateCa, issueCertificate } from '../../../src/pki/generate';
import { api, lineOf, workspaceUri } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const b64 = (s: string): string => Buffer.from(s).toString('base64');
let keyBodies: string[] = [];

async function write(relative: string, content: string): Promise<vscode.TextDocument> {
  const uri = workspaceUri(relative);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  // A document closed a moment ago may come back with its previous text; set it explicitly.
  if (document.getText() !== content) {
    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), content));
  }
  return document;
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.ok(!text.includes('PRIVATE KEY'), 'no hover names a PEM key block');
  for (const body of keyBodies) for (let i = 0; i + 24 <= body.length; i += 24) assert.ok(!text.includes(body.slice(i, i + 24)), 'no hover shows key bytes');
  return text;
}

async function completionLabels(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

function keyBody(pem: string): string {
  return pem.split(/\r?\n/).filter((l) => l && !l.startsWith('-----')).join('');
}

suite('authoring help', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    const kumaTls = await api();
    // The providers come from the extension's own activation, not from this suite.
    const probe = await write('authoring/probe.env', 'KUMA_GENERAL_TLS_CERT_FILE=/tmp/tls.crt\n');
    assert.match(await hoverText(probe, new vscode.Position(0, 3)), /general\.tlsCertFile/, 'activation registered the hover provider');
    assert.ok(kumaTls.lint, 'the extension API exposes the language client');
    const ca = await generateCa({ commonName: 'editor-ca', keyType: 'ecdsa' });
    const leaf = await issueCertificate(ca, { type: 'server', hostnames: ['kuma-control-plane.kuma-system.svc'], keyType: 'ecdsa', validityDays: 40 });
    const stranger = await issueCertificate(ca, { type: 'server', hostnames: ['x.example'], keyType: 'ecdsa' });
    const expired = await issueCertificate(ca, { type: 'server', hostnames: ['old.example'], keyType: 'ecdsa', validityDays: 10, now: new Date(Date.now() - 30 * DAY) });
    keyBodies = [leaf.keyPem, stranger.keyPem, expired.keyPem, ca.keyPem].map(keyBody);
    const secret = (name: string, cert: string, key: string): string =>
      ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, '  namespace: kuma-system', 'type: kubernetes.io/tls', 'data:', `  tls.crt: ${b64(cert)}`, `  tls.key: ${b64(key)}`, `  ca.crt: ${b64(ca.certPem)}`, ''].join('\n');
    fs.mkdirSync(workspaceUri('authoring/pem').fsPath, { recursive: true });
    fs.writeFileSync(workspaceUri('authoring/mismatch-secret.yaml').fsPath, secret('authoring-mismatch', leaf.certPem, stranger.keyPem));
    fs.writeFileSync(workspaceUri('authoring/expired-secret.yaml').fsPath, secret('authoring-expired', expired.certPem, expired.keyPem));
    fs.writeFileSync(workspaceUri('authoring/pem/tls.crt').fsPath, leaf.certPem);
    fs.writeFileSync(workspaceUri('authoring/pem/tls.key').fsPath, leaf.keyPem);
    fs.writeFileSync(workspaceUri('authoring/pem/ca.crt').fsPath, ca.certPem);
    // The Secrets the snippets name by default that the examples do not define (they define
    // general-tls-certs, api-server-tls and kds-ca-certs; a second, different definition of
    // those would make them secret-ambiguous).
    const server = await issueCertificate(ca, { type: 'server', hostnames: ['kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc', 'kuma-global-control-plane.example.com'], keyType: 'ecdsa' });
    keyBodies.push(keyBody(server.keyPem));
    const secrets = ['kds-server-tls'].map((name) => secret(name, server.certPem, server.keyPem)).join('---\n');
    fs.writeFileSync(workspaceUri('authoring/snippet-secrets.yaml').fsPath, secrets);
    await kumaTls.lint.lintNow(await vscode.workspace.openTextDocument(workspaceUri('authoring/snippet-secrets.yaml')));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The index must not keep these files' last text (a snippet's Secret named
    // general-tls-certs) after they are gone; later suites must not see it.
    const kumaTls = await api();
    const dir = workspaceUri('authoring').fsPath;
    fs.rmSync(dir, { recursive: true, force: true });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await kumaTls.lint.indexedPaths(workspaceUri('authoring'))).some((p) => p.startsWith(dir + path.sep))) {
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('hover on a Secret tls.crt: the certificate, days left, and that the key beside it does not match', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri('authoring/mismatch-secret.yaml'));
    const line = lineOf(document, 'tls.crt:');
    const text = await hoverText(document, new vscode.Position(line, 15));
    assert.match(text, /\*\*Certificate\*\* — leaf certificate, ECDSA P-256 \(base64 of PEM\)/);
    assert.match(text, /Issuer: CN=editor-ca/);
    assert.match(text, /SANs: DNS:kuma-control-plane\.kuma-system\.svc/);
    assert.match(text, /\((39|40) days left\)/);
    assert.match(text, /SHA-256: `([0-9A-F]{2}:){31}[0-9A-F]{2}`/);
    assert.match(text, /\*\*FAIL:\*\* does not match the private key in tls\.key of Secret authoring-mismatch/);
    assert.match(text, /\*\*pass:\*\* signed by the CA in ca\.crt of Secret authoring-mismatch/);
  });

  test('hover on a Secret tls.key: type and size and the mismatch, nothing else', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri('authoring/mismatch-secret.yaml'));
    const text = await hoverText(document, new vscode.Position(lineOf(document, 'tls.key:'), 15));
    assert.equal(text, '**Private key** — ECDSA P-256\n\n- **FAIL:** does not match the certificate in tls.crt of Secret authoring-mismatch');
  });

  test('hover in a PEM file pairs tls.crt with tls.key and ca.crt beside it', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri('authoring/pem/tls.crt'));
    const text = await hoverText(document, new vscode.Position(3, 5));
    assert.match(text, /\*\*pass:\*\* matches the private key in tls\.key/);
    assert.match(text, /\*\*pass:\*\* signed by the CA in ca\.crt/);
    const key = await vscode.workspace.openTextDocument(workspaceUri('authoring/pem/tls.key'));
    assert.match(await hoverText(key, new vscode.Position(2, 2)), /^\*\*Private key\*\* — ECDSA P-256\n\n- \*\*pass:\*\* matches the certificate in tls\.crt$/);
  });

  test('hover on a caBundle, a KUMA_* variable and a controlPlane.tls key', async () => {
    const values = await vscode.workspace.openTextDocument(workspaceUri('helm/values-good.yaml'));
    const caBundleLine = lineOf(values, 'caBundle:');
    // The Secret it names (k8s/secret-general.yaml) is indexed in the background at activation.
    const deadline = Date.now() + 15_000;
    let caHover = '';
    while (Date.now() < deadline && !caHover.includes('issued the certificate')) {
      caHover = await hoverText(values, new vscode.Position(caBundleLine, 20));
      if (!caHover.includes('issued the certificate')) await new Promise((r) => setTimeout(r, 200));
    }
    assert.match(caHover, /\*\*Certificate\*\* — CA certificate, self-signed/);
    assert.match(caHover, /\*\*pass:\*\* issued the certificate in tls\.crt of Secret general-tls-certs/);
    const secretLine = lineOf(values, 'secretName:');
    const keyHover = await hoverText(values, new vscode.Position(secretLine, values.lineAt(secretLine).firstNonWhitespaceCharacterIndex + 2));
    assert.match(keyHover, /\*\*controlPlane\.tls\.general\.secretName\*\* \(kuma Helm chart\)/);
    const env = await write('authoring/cp.env', 'KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\n');
    const envHover = await hoverText(env, new vscode.Position(0, 8));
    assert.match(envHover, /\*\*KUMA_API_SERVER_HTTP_INTERFACE\*\* \(kuma-cp\)/);
    assert.match(envHover, /YAML: `apiServer\.http\.interface` · default: `0\.0\.0\.0`/);
  });

  test('code lenses: "expires in N days" above each certificate, "expired N days ago" for an expired one, none on keys', async () => {
    const valid = await vscode.workspace.openTextDocument(workspaceUri('authoring/mismatch-secret.yaml'));
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', valid.uri)) ?? [];
    const titles = lenses.map((l) => [l.range.start.line, l.command?.title]);
    assert.deepEqual(titles.map(([line]) => line), [lineOf(valid, 'tls.crt:'), lineOf(valid, 'ca.crt:')]);
    assert.match(String(titles[0][1]), /^expires in (39|40) days$/);
    const expired = await vscode.workspace.openTextDocument(workspaceUri('authoring/expired-secret.yaml'));
    const expiredLenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', expired.uri)) ?? [];
    assert.match(String(expiredLenses[0]?.command?.title), /^expired (19|20) days ago$/);
  });

  test('env completions: KUMA_* names with docs, then TLS versions, booleans and loopback values', async () => {
    const document = await write('authoring/kuma-cp.env', 'KUMA_GENERAL_TLS_M\nKUMA_GENERAL_TLS_MIN_VERSION=\nKUMA_API_SERVER_HTTP_ENABLED=\nKUMA_API_SERVER_HTTP_INTERFACE=\n');
    const names = await completionLabels(document, new vscode.Position(0, 18));
    assert.ok(names.includes('KUMA_GENERAL_TLS_MIN_VERSION') && names.includes('KUMA_MULTIZONE_GLOBAL_KDS_TLS_CERT_FILE') && names.includes('KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED'), names.slice(0, 10).join());
    const line = (n: number): vscode.Position => new vscode.Position(n, document.lineAt(n).text.length);
    const versions = await completionLabels(document, line(1));
    assert.ok(versions.includes('TLSv1_2') && versions.includes('TLSv1_3'), versions.join());
    const booleans = await completionLabels(document, line(2));
    assert.ok(booleans.includes('true') && booleans.includes('false'), booleans.join());
    const interfaces = await completionLabels(document, line(3));
    assert.ok(interfaces.includes('127.0.0.1') && interfaces.includes('::1'), interfaces.join());
  });

  test('values completions: controlPlane.tls keys at their nesting, envVars names, Secret names for secretName', async () => {
    await api();
    const document = await write('authoring/values.yaml', ['controlPlane:', '  tls:', '    ', '    general:', '      ', '      secretName: ', '  envVars:', '    KUMA_', ''].join('\n'));
    const tlsKeys = await completionLabels(document, new vscode.Position(2, 4));
    for (const key of ['general', 'apiServer', 'kdsGlobalServer', 'kdsZoneClient']) assert.ok(tlsKeys.includes(key), tlsKeys.join());
    const generalKeys = await completionLabels(document, new vscode.Position(4, 6));
    for (const key of ['secretName', 'caSecretName', 'caBundle', 'certManager']) assert.ok(generalKeys.includes(key), generalKeys.join());
    assert.ok(!generalKeys.includes('kdsGlobalServer'));
    const envNames = await completionLabels(document, new vscode.Position(7, 9));
    assert.ok(envNames.includes('KUMA_API_SERVER_HTTP_INTERFACE'));
    assert.ok(!envNames.includes('KUMA_CONTROL_PLANE_CA_CERT'), 'kuma-dp variables are not offered for kuma-cp');
    // The Secrets of k8s/ are indexed in the background at activation; the mismatch Secret was written by this suite.
    const deadline = Date.now() + 15_000;
    let secrets: string[] = [];
    while (Date.now() < deadline) {
      secrets = await completionLabels(document, new vscode.Position(5, 18));
      if (secrets.includes('general-tls-certs')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(secrets.includes('general-tls-certs'), secrets.join());
  });

  test('snippet bodies expanded to their defaults lint clean', async function () {
    this.timeout(120_000);
    const kumaTls = await api();
    const snippetsDir = path.join(vscode.extensions.getExtension('kuma-tls.kuma-tls')!.extensionPath, 'snippets');
    const targets: Record<string, string> = { 'env.code-snippets': 'authoring/snippet.env', 'yaml.code-snippets': 'authoring/snippet.yaml', 'shell.code-snippets': 'authoring/snippet.sh' };
    const dirty: string[] = [];
    let checked = 0;
    for (const [file, target] of Object.entries(targets)) {
      const snippets = JSON.parse(fs.readFileSync(path.join(snippetsDir, file), 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[] }>;
      for (const [name, snippet] of Object.entries(snippets)) {
        const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
        // A kuma-cp env fragment lands in a file that already keeps the plain-HTTP API on loopback.
        const context = file === 'env.code-snippets' && !body.includes('KUMA_API_SERVER_HTTP_') && !body.includes('KUMA_CONTROL_PLANE_') ? 'KUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1\n' : '';
        const document = await write(target, context);
        const editor = vscode.window.activeTextEditor!;
        assert.ok(await editor.insertSnippet(new vscode.SnippetString(body), document.positionAt(context.length)), `${name} inserted`);
        await vscode.commands.executeCommand('leaveSnippet');
        // A snippet that creates a Secret under a name the examples already define (the recipes)
        // rightly makes that name ambiguous: a fact about this workspace, not about the snippet.
        const createsSecret = /kubectl create secret/.test(body);
        const findings = (await kumaTls.lint.lintNow(document)).filter((f) => !(createsSecret && f.rule === 'secret-ambiguous'));
        if (findings.length > 0) dirty.push(`${file} ${name}: ${findings.map((f) => f.rule).join(', ')}`);
        checked++;
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
    assert.ok(checked > 20, `${checked} snippets checked`);
    assert.deepEqual(dirty, []);
  });
});
