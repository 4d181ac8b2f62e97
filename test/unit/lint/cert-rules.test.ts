// Certificate rules on generated certificates: validity, SANs, strength, pairing, trust and
// the general certificate's hostnames. Ranges are the certificate's block.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace, lintText } from '../../../src/lint/workspace';
import { b64, caAndLeaf, keys, lineOf, makeCert, NOW, SINGLE_FILE, rulesOf, secretYaml, sha1Cert, weakRsaCert } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const opts = SINGLE_FILE;
const { ca, leaf } = caAndLeaf();

function generalSecret(entries: Record<string, string>, name = 'general-tls-certs'): string {
  return secretYaml(name, entries, 'stringData');
}

test('a correct general Secret (CA, leaf, key) has no findings', () => {
  assert.deepEqual(lintText('/w/secret.yaml', generalSecret({ 'tls.crt': leaf.certPem, 'tls.key': leaf.keyPem, 'ca.crt': ca.certPem }), opts), []);
});

test('cert-expired, and not also cert-untrusted when the CA signed it', () => {
  const expired = makeCert({ issuer: ca, keys: keys(2), notBefore: new Date(NOW.getTime() - 400 * DAY), notAfter: new Date(NOW.getTime() - DAY) });
  const text = generalSecret({ 'tls.crt': expired.certPem, 'tls.key': expired.keyPem, 'ca.crt': ca.certPem });
  const findings = lintText('/w/secret.yaml', text, opts);
  assert.deepEqual(rulesOf(findings), ['cert-expired']);
  assert.equal(findings[0].range.start.line, lineOf(text, '-----BEGIN CERTIFICATE'));
  assert.equal(findings[0].range.end.line, lineOf(text, '-----END CERTIFICATE'));
});

test('cert-not-yet-valid beyond five minutes of skew; within skew is fine', () => {
  const future = makeCert({ notBefore: new Date(NOW.getTime() + 2 * DAY) });
  assert.deepEqual(rulesOf(lintText('/w/tls.crt', future.certPem, opts)), ['cert-not-yet-valid']);
  const skewed = makeCert({ notBefore: new Date(NOW.getTime() + 60 * 1000) });
  assert.deepEqual(lintText('/w/tls.crt', skewed.certPem, opts), []);
});

test('cert-expiring within the window, configurable', () => {
  const soon = makeCert({ notAfter: new Date(NOW.getTime() + 10 * DAY) });
  const [finding] = lintText('/w/tls.crt', soon.certPem, opts);
  assert.equal(finding.rule, 'cert-expiring');
  assert.match(finding.message, /10 day/);
  assert.deepEqual(lintText('/w/tls.crt', soon.certPem, { ...opts, expiryWindowDays: 5 }), []);
});

test('cert-no-san: a serverAuth certificate without SANs; a pure CA without SANs is fine', () => {
  const noSan = makeCert({ hosts: [], commonName: 'kuma-control-plane' });
  const findings = lintText('/w/tls.crt', noSan.certPem, opts);
  assert.deepEqual(rulesOf(findings), ['cert-no-san']);
  assert.equal(findings[0].range.start.line, 0);
  assert.deepEqual(lintText('/w/ca.crt', ca.certPem, opts), []);
});

test('cert-weak: RSA 1024 and a SHA-1 signature', () => {
  const weak = lintText('/w/weak.crt', weakRsaCert(), opts);
  assert.deepEqual(rulesOf(weak), ['cert-weak']);
  assert.match(weak[0].message, /1024-bit/);
  const sha1 = lintText('/w/sha1.crt', sha1Cert(), opts);
  assert.deepEqual(rulesOf(sha1), ['cert-weak']);
  assert.match(sha1[0].message, /SHA-1/);
});

test('cert-key-mismatch: reported on tls.crt with the key as related location', () => {
  const text = generalSecret({ 'tls.crt': leaf.certPem, 'tls.key': keysPem(4), 'ca.crt': ca.certPem });
  const findings = lintText('/w/secret.yaml', text, opts);
  assert.deepEqual(rulesOf(findings), ['cert-key-mismatch']);
  assert.equal(findings[0].range.start.line, lineOf(text, '-----BEGIN CERTIFICATE'));
  assert.equal(findings[0].related.length, 1);
  assert.equal(findings[0].related[0].range.start.line, lineOf(text, '-----BEGIN EC PRIVATE KEY'));
});

test('cert-untrusted: ca.crt did not sign tls.crt', () => {
  const otherCa = makeCert({ isCA: true, keys: keys(5), commonName: 'other-ca' });
  const text = generalSecret({ 'tls.crt': leaf.certPem, 'tls.key': leaf.keyPem, 'ca.crt': otherCa.certPem });
  const findings = lintText('/w/secret.yaml', text, opts);
  assert.deepEqual(rulesOf(findings), ['cert-untrusted']);
  assert.equal(findings[0].range.start.line, lineOf(text, '-----BEGIN CERTIFICATE'));
  assert.equal(findings[0].related[0].range.start.line, lineOf(text, '-----BEGIN CERTIFICATE', lineOf(text, 'ca.crt:')));
});

test('cert-hostname-mismatch: the general certificate must cover <svc>.<ns> and <svc>.<ns>.svc', () => {
  const wrong = makeCert({ issuer: ca, keys: keys(2), hosts: ['kuma-control-plane.kuma-system.svc'] });
  const text = generalSecret({ 'tls.crt': wrong.certPem, 'tls.key': wrong.keyPem, 'ca.crt': ca.certPem });
  const findings = lintText('/w/secret.yaml', text, opts);
  assert.deepEqual(rulesOf(findings), ['cert-hostname-mismatch']);
  assert.match(findings[0].message, /kuma-control-plane\.kuma-system\b(?!\.svc)/);
  const wildcard = makeCert({ issuer: ca, keys: keys(2), hosts: ['*.kuma-system', '*.kuma-system.svc'] });
  assert.deepEqual(lintText('/w/secret.yaml', generalSecret({ 'tls.crt': wildcard.certPem, 'tls.key': wildcard.keyPem, 'ca.crt': ca.certPem }), opts), []);
});

test('cert-hostname-mismatch follows a values file that names the Secret, with a related location', () => {
  const wrong = makeCert({ issuer: ca, keys: keys(2), hosts: ['example.com'] });
  const workspace = new LintWorkspace(opts);
  workspace.setDocument('/w/secret.yaml', secretYaml('my-certs', { 'tls.crt': b64(wrong.certPem), 'tls.key': b64(wrong.keyPem), 'ca.crt': b64(ca.certPem) }));
  assert.deepEqual(workspace.lint('/w/secret.yaml'), [], 'an unreferenced, unknown Secret is not the general one');
  workspace.setDocument('/w/values.yaml', `controlPlane:\n  tls:\n    general:\n      secretName: my-certs\n      caBundle: ${b64(ca.certPem)}\n`);
  const findings = workspace.lint('/w/secret.yaml');
  assert.deepEqual(rulesOf(findings), ['cert-hostname-mismatch']);
  assert.equal(findings[0].related[0].path, '/w/values.yaml');
  assert.equal(findings[0].related[0].range.start.line, 3);
});

function keysPem(n: number): string {
  return keys(n).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
}

test('cert-key-mismatch: x.crt and x.key side by side; re-checked when the key file changes', () => {
  const workspace = new LintWorkspace(opts);
  workspace.setDocument('/w/certs/tls.crt', leaf.certPem);
  workspace.setDocument('/w/certs/tls.key', keysPem(4));
  const [finding] = workspace.lint('/w/certs/tls.crt');
  assert.equal(finding.rule, 'cert-key-mismatch');
  assert.equal(finding.range.start.line, 0);
  assert.deepEqual(finding.related.map((r) => [r.path, r.range.start.line]), [['/w/certs/tls.key', 0]]);
  assert.deepEqual(workspace.dependentsOf('/w/certs/tls.key'), ['/w/certs/tls.crt']);
  workspace.setDocument('/w/certs/tls.key', leaf.keyPem);
  assert.deepEqual(workspace.lint('/w/certs/tls.crt'), []);
});

test('cert-untrusted and cert-key-mismatch within one values file: kdsZoneClient.cert must verify kdsGlobalServer.cert', () => {
  const block = (pem: string) => `|\n${pem.trimEnd().split('\n').map((l) => `        ${l}`).join('\n')}`;
  const values = (zoneCa: string, key: string) =>
    `controlPlane:\n  tls:\n    kdsGlobalServer:\n      create: true\n      cert: ${block(leaf.certPem)}\n      key: ${block(key)}\n    kdsZoneClient:\n      create: true\n      cert: ${block(zoneCa)}\n`;
  assert.deepEqual(lintText('/w/values.yaml', values(ca.certPem, leaf.keyPem), opts), []);
  const otherCa = makeCert({ isCA: true, keys: keys(5), commonName: 'other-ca' });
  const text = values(otherCa.certPem, keysPem(4));
  const findings = lintText('/w/values.yaml', text, opts);
  assert.deepEqual(findings.map((f) => [f.rule, f.range.start.line]), [
    ['cert-key-mismatch', 5],
    ['cert-untrusted', 5],
  ]);
  assert.equal(findings[1].related[0].range.start.line, lineOf(text, '-----BEGIN CERTIFICATE', lineOf(text, 'kdsZoneClient')));
});

test('cert-key-mismatch: a combined .pem with a certificate and someone else\'s key', () => {
  assert.deepEqual(lintText('/w/server.pem', leaf.certPem + leaf.keyPem, opts), []);
  const text = leaf.certPem + keysPem(4);
  const [finding] = lintText('/w/server.pem', text, opts);
  assert.equal(finding.rule, 'cert-key-mismatch');
  assert.equal(finding.range.start.line, 0);
  assert.equal(finding.related[0].range.start.line, lineOf(text, '-----BEGIN EC PRIVATE KEY'));
});

test('cert-hostname-mismatch on a certificate with 5,000 SANs: quick, and the message stays short', () => {
  const hosts = Array.from({ length: 5000 }, (_, i) => `h${i}.example.com`);
  const many = makeCert({ issuer: ca, keys: keys(2), hosts });
  const start = Date.now();
  const findings = lintText('/w/secret.yaml', generalSecret({ 'tls.crt': many.certPem, 'tls.key': many.keyPem, 'ca.crt': ca.certPem }), opts);
  assert.ok(Date.now() - start < 5000, 'generous: a shared 2-core machine may be loaded');
  assert.deepEqual(rulesOf(findings), ['cert-hostname-mismatch']);
  assert.ok(findings[0].message.length < 1000);
  assert.match(findings[0].message, /4992 more/);
});
