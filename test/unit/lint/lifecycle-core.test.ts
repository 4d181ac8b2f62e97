// The editor-free core of renewal: where the "Renew…" lens goes, and edits that keep each slot's
// own form (stringData and chart values as YAML block scalars, Secret data as one-line base64).
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { applyEdits, changedPaths } from '../../../src/lint/lifecycle/plan';
import { planRenewal } from '../../../src/lint/lifecycle/renew';
import { RENEW_COMMAND_ID, renewLenses } from '../../../src/lint/lifecycle/renewLens';
import { LintDocument } from '../../../src/lint/model/document';
import { LintWorkspace } from '../../../src/lint/workspace';
import { keyMatchesCert } from '../pki/support';
import { b64, indentBlock, keys, lineOf, makeCert, NOW, secretYaml } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const ca = makeCert({ isCA: true, keys: keys(1), commonName: 'kuma-ca', notAfter: new Date(NOW.getTime() + 3000 * DAY) });
const expiring = makeCert({ issuer: ca, keys: keys(2), hosts: ['global.example.com'], notAfter: new Date(NOW.getTime() + 20 * DAY) });

function workspaceOf(files: Record<string, string>): LintWorkspace {
  const ws = new LintWorkspace({ now: NOW });
  for (const [path, text] of Object.entries(files)) ws.setDocument(path, text);
  return ws;
}

function docs(ws: LintWorkspace): LintDocument[] {
  return ws.paths().flatMap((p) => ws.get(p) ?? []);
}

const SECRET = secretYaml('kds-global-tls', { 'tls.crt': expiring.certPem, 'tls.key': expiring.keyPem, 'ca.crt': ca.certPem }, 'stringData');
const VALUES = `controlPlane:\n  mode: global\n  tls:\n    kdsGlobalServer:\n      create: true\n      cert: |\n${indentBlock(expiring.certPem, '        ')}\n      key: |\n${indentBlock(expiring.keyPem, '        ')}\n`;
const DATA_SECRET = secretYaml('kds-copy', { 'tls.crt': b64(expiring.certPem), 'tls.key': b64(expiring.keyPem) });

test('renewLenses: a "Renew…" lens on the certificate that is about to expire, none on the fresh CA or the key', () => {
  const ws = workspaceOf({ '/w/secret.yaml': SECRET });
  const lenses = renewLenses(ws.get('/w/secret.yaml')!, NOW);
  assert.equal(lenses.length, 1);
  const [lens] = lenses;
  assert.equal(lens.command, RENEW_COMMAND_ID);
  assert.equal(lens.title, 'Renew…');
  assert.equal(lens.range.start.line, lineOf(SECRET, '-----BEGIN CERTIFICATE-----'), 'on the BEGIN line of the block');
  assert.deepEqual(lens.arguments, [{ path: '/w/secret.yaml', fingerprint: new X509Certificate(expiring.certPem).fingerprint256 }]);
  // The same rule as cert-expiring: with a 10-day window and no lifetime share, 20 days are fine.
  assert.deepEqual(renewLenses(ws.get('/w/secret.yaml')!, NOW, { expiryWindowDays: 10, expiryLifetimeFraction: 0 }), []);
});

test('planRenewal from a lens: every copy (stringData block, chart values block, data base64) renewed in its own form; the result lints clean', async () => {
  const files = { '/w/ca.crt': ca.certPem, '/w/ca.key': ca.keyPem, '/w/secret.yaml': SECRET, '/w/values.yaml': VALUES, '/w/copy.yaml': DATA_SECRET };
  const ws = workspaceOf(files);
  const fingerprint = new X509Certificate(expiring.certPem).fingerprint256;
  const plan = await planRenewal(docs(ws), '/w/secret.yaml', { fingerprint, now: NOW, validityDays: 365 });
  assert.deepEqual(changedPaths(plan), ['/w/copy.yaml', '/w/secret.yaml', '/w/values.yaml']);
  assert.deepEqual(plan.skipped, []);
  const after: Record<string, string> = { ...files };
  for (const path of changedPaths(plan)) after[path] = applyEdits(files[path as keyof typeof files], plan.edits.filter((e) => e.path === path));
  const renewed = workspaceOf(after);
  assert.deepEqual([...renewed.lintAll().values()].flat().map((f) => `${f.path} ${f.rule}: ${f.message}`), []);
  // The values file still has the key order and the block form, with the new certificate and key.
  const values = after['/w/values.yaml'];
  assert.match(values, /^ {6}cert: \|\n {8}-----BEGIN CERTIFICATE-----$/m);
  assert.match(values, /^ {6}key: \|\n {8}-----BEGIN EC PRIVATE KEY-----$/m);
  const certPem = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(values.replace(/^ {8}/gm, ''))![0];
  const keyPem = /-----BEGIN EC PRIVATE KEY-----[\s\S]*?-----END EC PRIVATE KEY-----/.exec(values.replace(/^ {8}/gm, ''))![0];
  assert.notEqual(new X509Certificate(certPem).fingerprint256, fingerprint);
  assert.ok(keyMatchesCert(certPem, keyPem));
  assert.ok(new X509Certificate(certPem).checkIssued(new X509Certificate(ca.certPem)));
  assert.ok(!Object.values(after).some((text) => text.includes(expiring.certPem.split('\n')[1])), 'the old certificate is gone from every file');
  assert.ok(after['/w/copy.yaml'].includes(b64(`${certPem}\n`)), 'data holds the base64 of the new PEM');
});
