// Issue 10, "Private keys leaked through findings": the echo gate, the findings guard, the named
// leaks the adversarial review found, and the seeded key-leak fuzz over every output format.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { DocumentKeyMaterial, echo, escapeControlCharacters, isEncodedRun, looksLikeKeyMaterial, scrubKeyMaterial, WITHHELD } from '../../../src/pki/redact';
import { LintWorkspace } from '../../../src/lint/workspace';
import { keysUnderTest, keyUnderTest, leakedWindow, runKeyLeakFuzz } from '../../fuzz/keyLeak';

const keys = keysUnderTest();
const [rsa, , ec] = keys;
const temp = mkdtempSync(path.join(tmpdir(), 'kuma-tls-leak-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const bodyLines = (pem: string): string[] => pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
const b64 = (text: string): string => Buffer.from(text).toString('base64');

async function cli(args: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  return { status: await main(args, io), stdout, stderr };
}

function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(temp, 'ws-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

test('every body line of 200 generated keys (RSA, EC, Ed25519; PKCS#1, SEC 1, PKCS#8) is judged key material', () => {
  for (let i = 0; i < 200; i++) {
    const kind = i % 3;
    const key = kind === 0 ? generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey : kind === 1 ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey : generateKeyPairSync('ed25519').privateKey;
    for (const type of kind === 0 ? (['pkcs1', 'pkcs8'] as const) : kind === 1 ? (['sec1', 'pkcs8'] as const) : (['pkcs8'] as const)) {
      const pem = key.export({ type, format: 'pem' }) as string;
      const lines = bodyLines(pem);
      // Whole 64-character lines, always; a short last line is the document layer's to catch.
      for (const line of lines.slice(0, -1)) assert.ok(looksLikeKeyMaterial(line), `${type} line ${line.slice(0, 6)}… passed as a name`);
      assert.ok(looksLikeKeyMaterial(b64(pem)), 'base64 of the PEM');
    }
  }
});

test('names, settings, hosts, URLs and digests are never withheld', () => {
  const names = [
    'general-tls-certs',
    'kuma-control-plane.kuma-system.svc.cluster.local',
    'monitoringAssignmentServer',
    'eventBasedWatchdogFlushInterval',
    'CustomResourceDefinition',
    'ValidatingWebhookConfiguration',
    'KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY',
    'KUMA_API_SERVER_HTTPS_TLS_CA_FILE',
    'controlPlane.tls.kdsGlobalServer.secretName',
    'grpcs://kuma-global-zone-sync.kuma-system.svc:5685',
    'https://github.com/kumahq/kuma/blob/master/UPGRADE.md',
    '3fa9c2e1b4d5a6f7081928374655abcdef0123453fa9c2e1b4d5a6f708192837',
    'TLSv1_2',
    '0.0.0.0',
    'RSA PRIVATE KEY',
  ];
  for (const name of names) {
    assert.equal(looksLikeKeyMaterial(name), false, name);
    assert.equal(scrubKeyMaterial(`Secret ${name} is fine`), `Secret ${name} is fine`);
  }
  assert.equal(isEncodedRun('short'), false);
  // Our own wording about a header-only block stays whole (seen on istio's test data).
  const headerOnly = 'The "-----BEGIN PRIVATE KEY-----" block in tls.key of Secret existing-cert has no matching END line (truncated copy?), so it cannot be parsed.';
  assert.equal(scrubKeyMaterial(headerOnly), headerOnly);
});

test('echo: one line, bounded, control characters escaped, key material withheld and named by its place', () => {
  assert.equal(echo('  kuma-system \n'), 'kuma-system');
  assert.equal(echo('a\u001b[31mred\u0007\nnext'), 'a\\u001b[31mred\\u0007 next');
  assert.equal(echo('x'.repeat(500)).length, 64);
  assert.ok(echo('x'.repeat(500)).endsWith('…'));
  const body = bodyLines(ec.pem).join('');
  assert.equal(echo(body, 'apiServer.https.tlsMinVersion'), `${WITHHELD} (the value at apiServer.https.tlsMinVersion looks like key material)`);
  assert.ok(echo(rsa.pem).startsWith(WITHHELD));
  assert.equal(escapeControlCharacters('a\u009bb\u2028c'), 'a\\u009bb\\u2028c');
});

test('the document layer withholds even short key fragments that read like words', () => {
  const pem = ec.pem;
  const material = new DocumentKeyMaterial(`data:\n  tls.key: |\n${pem.replace(/^/gm, '    ')}`);
  const compact = bodyLines(pem).join('');
  for (let i = 0; i + 16 <= compact.length; i += 3) {
    const fragment = compact.slice(i, i + 16);
    const out = material.redact(`the key «${fragment}» here`);
    assert.equal(leakedWindow(ec, out), undefined, `fragment at ${i}`);
    assert.equal(out, `the key «${WITHHELD}» here`, 'the words around it stay');
  }
  // Base64 of the PEM (a Secret's data) and a DER key in base64 are found too.
  assert.equal(leakedWindow(ec, new DocumentKeyMaterial(`tls.key: ${b64(pem)}`).redact(`x ${b64(pem).slice(100, 140)} y`)), undefined);
  const der = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  assert.ok(!new DocumentKeyMaterial(`tls.key: ${der}`).redact(`x ${der.slice(10, 30)} y`).includes(der.slice(10, 30)));
});

test('a tls.key line indented 2 spaces instead of 4: no finding in text, JSON or SARIF carries the key', async () => {
  const lines = rsa.pem.trimEnd().split('\n');
  const block = lines.map((l, i) => (i === 5 ? `  ${l}` : `    ${l}`)).join('\n');
  const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: general-tls-certs\n  namespace: kuma-system\nstringData:\n  tls.key: |\n${block}\n  ca.crt: x\n`;
  const dir = workspaceWith({ 'secret.yaml': secret, 'values.yaml': 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: bm90LWEtY2VydA==\n' });
  let findings = 0;
  for (const format of ['text', 'json', 'sarif']) {
    const result = await cli(['lint', '--format', format, dir], dir);
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    assert.equal(leakedWindow(rsa, result.stdout + result.stderr), undefined, `${format} output leaks the key`);
    if (format === 'json') findings = (JSON.parse(result.stdout) as { findings: unknown[] }).findings.length;
  }
  assert.ok(findings > 0, 'the damaged Secret is reported');
});

test('values pasted into the wrong field are not echoed: secretName, caSecretName, TLS version, interface, URL, an env line without =', async () => {
  const body = bodyLines(ec.pem).join('');
  const dir = workspaceWith({
    'values.yaml': `controlPlane:\n  tls:\n    general:\n      secretName: ${JSON.stringify(body)}\n      caSecretName: ${JSON.stringify(body)}\n      caBundle: ${b64('x')}\n  envVars:\n    KUMA_API_SERVER_HTTP_INTERFACE: ${JSON.stringify(body)}\n    KUMA_GENERAL_TLS_MIN_VERSION: ${JSON.stringify(body)}\n`,
    'secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: unreferenced-tls\n  namespace: kuma-system\ndata:\n  ca.crt: eA==\n',
    'kuma-dp.env': `KUMA_CONTROL_PLANE_URL=https://${body}:5678\n${body}\nKUMA_DATAPLANE_RUNTIME_TOKEN_PATH=/t\n`,
    'kuma-cp.yaml': `apiServer:\n  http:\n    interface: ${JSON.stringify(body)}\n  https:\n    tlsMinVersion: ${JSON.stringify(body)}\n`,
  });
  const result = await cli(['lint', '--format', 'json', dir], dir);
  const report = JSON.parse(result.stdout) as { findings: Array<{ rule: string; message: string }> };
  const rules = new Set(report.findings.map((f) => f.rule));
  for (const rule of ['tls-version-invalid', 'api-server-http-exposed']) assert.ok(rules.has(rule), `${rule} still fires (${[...rules].join(', ')})`);
  assert.equal(leakedWindow(ec, result.stdout), undefined, 'JSON output leaks the key');
  const withheld = report.findings.filter((f) => f.message.includes(WITHHELD));
  assert.ok(withheld.length >= 2, 'the messages say a value was withheld');
});

test('the key-leak invariant holds over 240 seeded mutations of key-bearing workspaces, in every format', () => {
  const report = runKeyLeakFuzz({ seed: 20261201, iterations: 240, keys });
  assert.ok(report.findings > report.inputs, `the workspaces produce findings (${report.findings})`);
  assert.deepEqual(report.leaks.slice(0, 3), [], `${report.leaks.length} leaks`);
});

test('LintWorkspace: a finding about a file whose key landed in a YAML key name prints no part of it', () => {
  const key = keyUnderTest('rsa', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, 'pkcs8');
  const lines = key.pem.trimEnd().split('\n');
  const text = `controlPlane:\n  tls:\n    kdsGlobalServer:\n      create: true\n      key: |\n${lines.map((l, i) => (i === 3 ? `    ${l}` : `        ${l}`)).join('\n')}\n      cert: ""\n`;
  const workspace = new LintWorkspace({ now: new Date('2026-11-27T12:00:00Z') });
  workspace.setDocument('/w/values.yaml', text);
  const findings = workspace.lint('/w/values.yaml');
  assert.ok(findings.length > 0);
  const all = findings.map((f) => [f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title)].join('\n')).join('\n');
  assert.equal(leakedWindow(key, all), undefined);
});
