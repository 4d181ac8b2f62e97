// `kuma-tls renew` and `kuma-tls rotate-ca` in-process over workspaces that `kuma-tls generate
// recipe` lays out; openssl is the judge of every certificate after every step.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runCli } from './support';
import { keyMatchesCert, opensslVerify, removeDir, scratchDir } from '../pki/support';

const run = runCli;

const scratch: string[] = [];
function workspace(): string {
  const dir = scratchDir();
  scratch.push(dir);
  return dir;
}
after(() => scratch.forEach(removeDir));

async function recipe(cwd: string, name: string, out: string, ...flags: string[]): Promise<void> {
  const result = await run(['generate', 'recipe', name, `--out=${out}`, '--key-type=ecdsa', ...flags], cwd);
  assert.equal(result.code, 0, result.stderr);
}

const read = (file: string) => readFileSync(file, 'utf8');
const modeOf = (file: string) => statSync(file).mode & 0o777;

function secretData(file: string): Record<string, string> {
  const data = (parse(read(file)) as { data: Record<string, string> }).data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
}

function caBundleOf(valuesFile: string): string {
  const values = parse(read(valuesFile)) as { controlPlane: { tls: { general: { caBundle: string } } } };
  return Buffer.from(values.controlPlane.tls.general.caBundle, 'base64').toString('utf8');
}

function assertVerifies(caPem: string, leafPem: string, what: string): void {
  const result = opensslVerify(caPem, leafPem);
  assert.ok(result.ok, `${what}: ${result.output}`);
}

function certificateCount(pem: string): number {
  return (pem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
}

/** Every file's text and every base64 run in it decoded, so a CA hidden in Secret data or caBundle is found too. */
function everythingIn(dir: string): string {
  const texts: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const text = read(full);
        texts.push(text);
        for (const run of text.match(/[A-Za-z0-9+/=]{100,}/g) ?? []) texts.push(Buffer.from(run, 'base64').toString('utf8'));
      }
    }
  };
  walk(dir);
  return texts.join('\n');
}

function derBase64(pem: string): string {
  return new X509Certificate(pem).raw.toString('base64');
}

test('renew finds the CA key where .gitignore hides it (a repository that keeps its keys out of git)', async () => {
  const cwd = workspace();
  await recipe(cwd, 'general', 'general');
  writeFileSync(path.join(cwd, '.gitignore'), '*.key\n');
  const before = read(path.join(cwd, 'general/tls.crt'));
  const result = await run(['renew', 'general/tls.crt'], cwd);
  assert.equal(result.code, 0, result.stderr);
  assert.notEqual(read(path.join(cwd, 'general/tls.crt')), before);
  assertVerifies(read(path.join(cwd, 'general/ca.crt')), read(path.join(cwd, 'general/tls.crt')), 'the renewed certificate');
});

test('renew: same names, new key and validity, signed by the same CA, in every file that holds it; exit 0 on a clean result', async () => {
  const cwd = workspace();
  await recipe(cwd, 'general', 'general');
  const before = { cert: read(path.join(cwd, 'general/tls.crt')), key: read(path.join(cwd, 'general/tls.key')) };
  const result = await run(['renew', 'general/tls.crt', '--days', '30'], cwd);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.stdout.split('\n').filter((l) => l.startsWith('  ')), ['  general/secret.yaml', '  general/tls.crt', '  general/tls.key']);
  assert.doesNotMatch(result.stdout + result.stderr, /PRIVATE KEY|MII/);
  const cert = read(path.join(cwd, 'general/tls.crt'));
  const key = read(path.join(cwd, 'general/tls.key'));
  assert.notEqual(cert, before.cert);
  assert.notEqual(key, before.key);
  const [oldX509, newX509] = [new X509Certificate(before.cert), new X509Certificate(cert)];
  assert.equal(newX509.subjectAltName, oldX509.subjectAltName);
  assert.equal(newX509.subject, oldX509.subject);
  assert.notEqual(newX509.serialNumber, oldX509.serialNumber);
  const lifetime = new Date(newX509.validTo).getTime() - new Date(newX509.validFrom).getTime();
  assert.equal(lifetime, 30 * 24 * 60 * 60 * 1000);
  assert.ok(keyMatchesCert(cert, key));
  assertVerifies(read(path.join(cwd, 'general/ca.crt')), cert, 'the renewed tls.crt');
  const secret = secretData(path.join(cwd, 'general/secret.yaml'));
  assert.equal(secret['tls.crt'], cert);
  assert.equal(secret['tls.key'], key);
  assert.equal(modeOf(path.join(cwd, 'general/tls.key')), 0o600);
  assert.equal(modeOf(path.join(cwd, 'general/secret.yaml')), 0o600);
  assert.equal(modeOf(path.join(cwd, 'general/tls.crt')), 0o644);
  // The result lints clean.
  assert.equal((await run(['lint', '.'], cwd)).code, 0);
});

test('renew --keep-key keeps the key files untouched; a kumactl-style self-signed certificate is signed by itself again', async () => {
  const cwd = workspace();
  await recipe(cwd, 'api-server', 'api');
  const key = read(path.join(cwd, 'api/tls.key'));
  const kept = await run(['renew', 'api/tls.crt', '--keep-key'], cwd);
  assert.equal(kept.code, 0, kept.stderr);
  assert.doesNotMatch(kept.stdout, /tls\.key/);
  assert.equal(read(path.join(cwd, 'api/tls.key')), key);
  assert.ok(keyMatchesCert(read(path.join(cwd, 'api/tls.crt')), key));

  const self = await run(['generate', 'tls-certificate', '--type=server', '--hostname=cp.example', '--key-type=ecdsa', '--cert-file=cp.crt', '--key-file=cp.key'], cwd);
  assert.equal(self.code, 0, self.stderr);
  const renewed = await run(['renew', 'cp.crt'], cwd);
  assert.equal(renewed.code, 0, renewed.stderr);
  const cert = read(path.join(cwd, 'cp.crt'));
  assertVerifies(cert, cert, 'self-signed again');
  assert.ok(keyMatchesCert(cert, read(path.join(cwd, 'cp.key'))));
});

test('renew refuses, changing nothing (exit 2): the issuing CA\'s key is not in the workspace; a CA that issued certificates, without --keep-key', async () => {
  const outside = workspace();
  const cwd = workspace();
  assert.equal((await run(['generate', 'ca', '--key-type=ecdsa'], outside)).code, 0);
  await recipe(cwd, 'general', 'general', `--ca-cert=${path.join(outside, 'ca.crt')}`, `--ca-key=${path.join(outside, 'ca.key')}`);
  const before = read(path.join(cwd, 'general/tls.crt'));
  const noKey = await run(['renew', 'general/tls.crt'], cwd);
  assert.equal(noKey.code, 2);
  assert.match(noKey.stderr, /private key of the CA that issued the certificate \("CN=kuma-ca"\) is not in the workspace/);
  assert.equal(read(path.join(cwd, 'general/tls.crt')), before);

  const own = workspace();
  await recipe(own, 'general', 'general');
  const ca = await run(['renew', 'general/ca.crt'], own);
  assert.equal(ca.code, 2);
  assert.match(ca.stderr, /--keep-key, or replace it with kuma-tls rotate-ca/);
  const keepKey = await run(['renew', 'general/ca.crt', '--keep-key'], own);
  assert.equal(keepKey.code, 0, keepKey.stderr);
  assertVerifies(read(path.join(own, 'general/ca.crt')), read(path.join(own, 'general/tls.crt')), 'leaf under the renewed CA of the same key');
  assert.equal(caBundleOf(path.join(own, 'general/values.yaml')), read(path.join(own, 'general/ca.crt')));
});

test('renew exits 1 when the workspace does not lint clean afterwards (the files are still renewed and listed)', async () => {
  const cwd = workspace();
  await recipe(cwd, 'general', 'general');
  // secretName without caBundle: the chart refuses it (ca-bundle-secret-pair, an error).
  writeFileSync(path.join(cwd, 'broken.yaml'), 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n');
  const result = await run(['renew', 'general/tls.crt'], cwd);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /general\/tls\.crt/);
  assert.match(result.stderr, /broken\.yaml:\d+:\d+ error ca-bundle-secret-pair/);
});

test('rotate-ca phases 1-3 over a general, a global KDS and a zone channel: after each, openssl verifies every leaf with what the workspace trusts; after phase 3 the old CAs are gone', { timeout: 120_000 }, async () => {
  const cwd = workspace();
  await recipe(cwd, 'general', 'general');
  await recipe(cwd, 'kds-global-server', 'global', '--hostname=global.example.com');
  await recipe(cwd, 'kds-zone-client', 'zone', `--ca-cert=${path.join(cwd, 'global/ca.crt')}`, `--ca-key=${path.join(cwd, 'global/ca.key')}`);
  // The zone connects to the global control plane: the linter checks its CA against the global certificate.
  const zoneValues = path.join(cwd, 'zone/values.yaml');
  writeFileSync(zoneValues, read(zoneValues).replace('controlPlane:\n', 'controlPlane:\n  zone: east\n  kdsGlobalAddress: grpcs://global.example.com:5685\n'));
  assert.equal((await run(['lint', '.'], cwd)).code, 0);
  const oldCas = [read(path.join(cwd, 'general/ca.crt')), read(path.join(cwd, 'global/ca.crt'))];

  const check = (phase: number) => {
    const generalSecret = secretData(path.join(cwd, 'general/secret.yaml'));
    assertVerifies(read(path.join(cwd, 'general/ca.crt')), read(path.join(cwd, 'general/tls.crt')), `phase ${phase}: general ca.crt → tls.crt`);
    assertVerifies(generalSecret['ca.crt'], generalSecret['tls.crt'], `phase ${phase}: Secret ca.crt → tls.crt`);
    assertVerifies(caBundleOf(path.join(cwd, 'general/values.yaml')), generalSecret['tls.crt'], `phase ${phase}: caBundle → the Secret's tls.crt`);
    const zoneSecret = secretData(path.join(cwd, 'zone/secret.yaml'));
    const globalSecret = secretData(path.join(cwd, 'global/secret.yaml'));
    assertVerifies(zoneSecret['ca.crt'], globalSecret['tls.crt'], `phase ${phase}: zone Secret ca.crt → global KDS tls.crt`);
    assertVerifies(read(path.join(cwd, 'zone/ca.crt')), read(path.join(cwd, 'global/tls.crt')), `phase ${phase}: zone ca.crt → global tls.crt`);
  };

  for (const channel of ['general', 'global']) {
    const first = await run(['rotate-ca', channel, '--phase', '1'], cwd);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`${channel}/next-ca\\.key`));
    assert.equal(modeOf(path.join(cwd, channel, 'next-ca.key')), 0o600);
  }
  assert.equal(certificateCount(read(path.join(cwd, 'general/ca.crt'))), 2);
  assert.equal(certificateCount(caBundleOf(path.join(cwd, 'general/values.yaml'))), 2);
  assert.equal(certificateCount(secretData(path.join(cwd, 'zone/secret.yaml'))['ca.crt']), 2, 'the zone trusts the old and the new KDS CA');
  check(1);
  assert.equal((await run(['rotate-ca', 'general', '--phase', '1'], cwd)).code, 2, 'phase 1 twice is refused');
  assert.equal((await run(['rotate-ca', 'general', '--phase', '3'], cwd)).code, 2, 'phase 3 before phase 2 is refused');

  for (const channel of ['general', 'global']) {
    const second = await run(['rotate-ca', channel, '--phase', '2'], cwd);
    assert.equal(second.code, 0, second.stderr);
  }
  const newGeneralCa = read(path.join(cwd, 'general/next-ca.crt'));
  assertVerifies(newGeneralCa, read(path.join(cwd, 'general/tls.crt')), 'phase 2: the leaf is the new CA\'s');
  assert.equal(opensslVerify(oldCas[0], read(path.join(cwd, 'general/tls.crt'))).ok, false, 'and no longer the old CA\'s');
  check(2);

  for (const channel of ['general', 'global']) {
    const third = await run(['rotate-ca', channel, '--phase', '3'], cwd);
    assert.equal(third.code, 0, third.stderr);
  }
  check(3);
  assert.equal(read(path.join(cwd, 'general/ca.crt')), newGeneralCa);
  assert.ok(keyMatchesCert(newGeneralCa, read(path.join(cwd, 'general/ca.key'))), 'ca.key is the new CA\'s key');
  const everything = everythingIn(cwd);
  for (const old of oldCas) {
    assert.ok(!everything.includes(derBase64(old).slice(0, 64)), 'the old CA is nowhere, neither as PEM nor inside base64');
  }
  // install.sh carries the roll-out of each phase once, before the install steps.
  const script = read(path.join(cwd, 'general/install.sh'));
  for (const phase of [1, 2, 3]) assert.equal(script.split(`= rotate-ca-phase-${phase} ]`).length, 2);
  assert.ok(script.indexOf('rotate-ca-phase-3') < script.indexOf('kubectl create namespace'));
  assert.match(script, /helm upgrade --namespace "\$NAMESPACE" kuma kuma\/kuma --reuse-values --set controlPlane\.tls\.general\.secretName=general-tls-certs --set "controlPlane\.tls\.general\.caBundle=\$\(base64 -w0 < ca\.crt\)"/);
  assert.equal((await run(['lint', '.'], cwd)).code, 0);
});
