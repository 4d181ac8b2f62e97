// pem-malformed, pem-wrong-type, key-unsupported, cert-invalid: each fires on its bad input,
// on the offending block's range, and stays quiet on good input.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { LintWorkspace, lintText } from '../../../src/lint/workspace';
import { b64, keys, lineOf, makeCert, NOW, SINGLE_FILE, only, rulesOf, secretYaml } from './fixtures';

const opts = SINGLE_FILE;
const server = makeCert();
const ecKeyPem = server.keyPem;

test('a good PEM certificate file and key file have no findings', () => {
  assert.deepEqual(lintText('/w/tls.crt', server.certPem, opts), []);
  assert.deepEqual(lintText('/w/tls.key', ecKeyPem, opts), []);
});

test('pem-malformed: a block without END, reported on the block', () => {
  const text = server.certPem.replace('-----END CERTIFICATE-----\n', '');
  const findings = only(lintText('/w/tls.crt', text, opts), 'pem-malformed');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].range.start.line, 0);
  assert.equal(findings[0].range.start.character, 0);
  assert.match(findings[0].message, /no matching END/);
});

test('pem-malformed: BEGIN and END labels differ', () => {
  const text = server.certPem.replace('-----END CERTIFICATE-----', '-----END PRIVATE KEY-----');
  const [finding] = only(lintText('/w/tls.crt', text, opts), 'pem-malformed');
  assert.ok(finding);
  assert.deepEqual([finding.range.start.line, finding.range.end.line], [0, text.trimEnd().split('\n').length - 1]);
});

test('pem-malformed: a Secret value that decodes to DER instead of PEM', () => {
  const der = Buffer.from(server.certPem.split('\n').slice(1, -2).join(''), 'base64').toString('base64');
  const text = secretYaml('s', { 'ca.crt': der });
  const [finding] = only(lintText('/w/s.yaml', text, opts), 'pem-malformed');
  assert.ok(finding);
  assert.equal(finding.range.start.line, lineOf(text, 'ca.crt:'));
  assert.equal(finding.range.start.character, '  ca.crt: '.length);
  assert.match(finding.message, /DER/);
});

test('pem-malformed: a base64 body with invalid characters', () => {
  const lines = server.certPem.split('\n');
  lines[2] = lines[2].slice(0, 10) + '!!!!' + lines[2].slice(14);
  const findings = lintText('/w/tls.crt', lines.join('\n'), opts);
  assert.deepEqual(rulesOf(findings), ['pem-malformed']);
});

test('pem-wrong-type: a private key in ca.crt is reported on the key block inside the block scalar', () => {
  const text = secretYaml('s', { 'ca.crt': ecKeyPem }, 'stringData');
  const [finding] = only(lintText('/w/s.yaml', text, opts), 'pem-wrong-type');
  assert.ok(finding);
  assert.equal(finding.range.start.line, lineOf(text, '-----BEGIN EC PRIVATE KEY'));
  assert.equal(finding.range.start.character, 4);
  assert.equal(finding.range.end.line, lineOf(text, '-----END EC PRIVATE KEY'));
  assert.match(finding.message, /leaks/);
  assert.doesNotMatch(finding.message, /BEGIN/);
});

test('pem-wrong-type: a certificate in a .key file; a key in a .key file is fine', () => {
  const [finding] = only(lintText('/w/tls.key', server.certPem, opts), 'pem-wrong-type');
  assert.ok(finding);
  assert.equal(finding.range.start.line, 0);
  assert.deepEqual(only(lintText('/w/tls.key', ecKeyPem, opts), 'pem-wrong-type'), []);
});

test('key-unsupported: an encrypted PKCS#8 key and a key that does not parse', () => {
  const encrypted = keys(3).privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();
  const [enc] = only(lintText('/w/tls.key', encrypted, opts), 'key-unsupported');
  assert.ok(enc);
  assert.match(enc.message, /encrypted/);
  assert.equal(enc.range.start.line, 0);
  const garbage = `-----BEGIN RSA PRIVATE KEY-----\n${Buffer.alloc(48, 7).toString('base64')}\n-----END RSA PRIVATE KEY-----\n`;
  const [bad] = only(lintText('/w/tls.key', garbage, opts), 'key-unsupported');
  assert.ok(bad);
  assert.deepEqual([bad.range.start.line, bad.range.end.line], [0, 2]);
  const pkcs8 = keys(3).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  assert.deepEqual(lintText('/w/tls.key', pkcs8, opts), []);
});

test('cert-invalid: a CERTIFICATE block that is not X.509, in a Secret data value', () => {
  const bogus = `-----BEGIN CERTIFICATE-----\n${Buffer.alloc(60, 1).toString('base64')}\n-----END CERTIFICATE-----\n`;
  const text = secretYaml('s', { 'tls.crt': b64(bogus), 'tls.key': b64(ecKeyPem) });
  const [finding] = only(lintText('/w/s.yaml', text, opts), 'cert-invalid');
  assert.ok(finding);
  assert.equal(finding.range.start.line, lineOf(text, 'tls.crt:'));
  assert.deepEqual(only(lintText('/w/s.yaml', secretYaml('s', { 'tls.crt': b64(server.certPem) }), opts), 'cert-invalid'), []);
});

test('shell substitutions are never reported as malformed', () => {
  const text = secretYaml('s', { 'tls.crt': '"$(base64 -w0 < tls.crt)"', 'ca.crt': '${CA_BUNDLE}' });
  assert.deepEqual(lintText('/w/s.yaml', text, opts), []);
});

test('KUMA_CONTROL_PLANE_CA_CERT: a private key is pem-wrong-type; an expired CA is cert-expired', () => {
  const keyText = `KUMA_CONTROL_PLANE_CA_CERT="${ecKeyPem.trimEnd()}"\n`;
  const [wrong] = lintText('/w/kuma-dp.env', keyText, opts).filter((f) => f.rule === 'pem-wrong-type');
  assert.ok(wrong);
  assert.deepEqual([wrong.range.start.line, wrong.range.start.character], [0, 28]);
  const expiredCa = makeCert({ isCA: true, keys: keys(1), notBefore: new Date(NOW.getTime() - 2e10), notAfter: new Date(NOW.getTime() - 1e9) });
  const caText = `KUMA_CONTROL_PLANE_CA_CERT="${expiredCa.certPem.trimEnd()}"\n`;
  assert.deepEqual(rulesOf(lintText('/w/kuma-dp.env', caText, opts)).filter((r) => r.startsWith('cert-') || r.startsWith('pem-')), ['cert-expired']);
});

test('pem-malformed: a .crt file holding a DER certificate (binary) is an error, not a skip', () => {
  const der = new X509Certificate(server.certPem).raw;
  const workspace = new LintWorkspace(opts);
  workspace.setDocument('/w/server.crt', new Uint8Array(der));
  const [finding] = workspace.lint('/w/server.crt');
  assert.equal(finding.rule, 'pem-malformed');
  assert.equal(finding.severity, 'error');
  assert.match(finding.message, /DER/);
  workspace.setDocument('/w/random.crt', new Uint8Array([0x30, 0x00, 0x01, 0x02]));
  assert.equal(workspace.lint('/w/random.crt')[0].rule, 'file-skipped');
});

test('controlPlane.caCert gets the CA-slot material rules: a private key is pem-wrong-type', () => {
  const text = `controlPlane:\n  url: https://cp:5678\n  caCert: |\n${ecKeyPem.trimEnd().split('\n').map((l) => `    ${l}`).join('\n')}\n`;
  const [finding] = only(lintText('/w/kuma-dp.yaml', text, opts), 'pem-wrong-type');
  assert.ok(finding);
  assert.equal(finding.range.start.line, lineOf(text, '-----BEGIN'));
  assert.match(finding.message, /controlPlane\.caCert/);
  const expired = makeCert({ isCA: true, keys: keys(1), notBefore: new Date(NOW.getTime() - 2e10), notAfter: new Date(NOW.getTime() - 1e9) });
  const expiredText = `controlPlane:\n  caCert: |\n${expired.certPem.trimEnd().split('\n').map((l) => `    ${l}`).join('\n')}\n`;
  assert.deepEqual(rulesOf(lintText('/w/kuma-dp.yaml', expiredText, opts)), ['cert-expired']);
});

test('pem-malformed: a DER private key in a Secret tls.key says so, and how to convert it, without the key', () => {
  const der = keys(3).privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  const text = secretYaml('s', { 'tls.key': der });
  const [finding] = only(lintText('/w/s.yaml', text, opts), 'pem-malformed');
  assert.ok(finding);
  assert.equal(finding.severity, 'error');
  assert.match(finding.message, /DER \(binary\) private key, not PEM/);
  assert.match(finding.message, /openssl pkey -inform DER/);
  assert.ok(!finding.message.includes(der.slice(0, 16)));
});

test('pem-malformed: a .key file holding a DER private key (binary) is an error, not a skip', () => {
  const workspace = new LintWorkspace(opts);
  workspace.setDocument('/w/tls.key', new Uint8Array(keys(3).privateKey.export({ type: 'sec1', format: 'der' })));
  const findings = workspace.lint('/w/tls.key');
  assert.deepEqual(findings.map((f) => [f.rule, f.severity]), [['pem-malformed', 'error']]);
  assert.match(findings[0].message, /DER \(binary\) private key.*openssl pkey -inform DER/);
});
