// encoding-mismatch in each form, with the quick fix applied: the fixed text lints clean.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace, lintText } from '../../../src/lint/workspace';
import { applyFix, b64, caAndLeaf, lineOf, makeCert, NOW, only, secretYaml, SINGLE_FILE } from './fixtures';

const opts = SINGLE_FILE;
const { ca, leaf } = caAndLeaf();

function valuesWithBundle(bundle: string): string {
  return `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: ${bundle}\n`;
}

function mismatch(path: string, text: string) {
  const findings = only(lintText(path, text, opts), 'encoding-mismatch');
  assert.equal(findings.length, 1, `one encoding-mismatch in:\n${text}`);
  return findings[0];
}

test('a one-line base64 caBundle is fine', () => {
  assert.deepEqual(lintText('/w/values.yaml', valuesWithBundle(b64(ca.certPem)), opts), []);
});

test('raw PEM in Secret data: reported on the value, fix base64-encodes it', () => {
  const text = secretYaml('s', { 'tls.crt': leaf.certPem, 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(ca.certPem) });
  const finding = mismatch('/w/s.yaml', text);
  assert.equal(finding.range.start.line, lineOf(text, 'tls.crt:'));
  assert.equal(finding.range.start.character, '  tls.crt: '.length);
  assert.equal(finding.range.end.line, lineOf(text, '-----END CERTIFICATE'));
  const fixed = applyFix(text, finding.fixes[0]);
  assert.ok(fixed.includes(`tls.crt: ${b64(leaf.certPem)}\n  tls.key:`));
  assert.deepEqual(lintText('/w/s.yaml', fixed, opts), []);
});

test('a line-wrapped caBundle: fix joins it into one line', () => {
  const wrapped = (b64(ca.certPem).match(/.{1,76}/g) ?? []).join('\n        ');
  const text = valuesWithBundle(wrapped);
  const finding = mismatch('/w/values.yaml', text);
  assert.equal(finding.range.start.line, 4);
  assert.equal(finding.range.start.character, '      caBundle: '.length);
  assert.ok(finding.range.end.line > 4);
  assert.match(finding.message, /one line/);
  assert.deepEqual(lintText('/w/values.yaml', applyFix(text, finding.fixes[0]), opts), []);
});

test('a double-encoded caBundle: fix decodes once', () => {
  const text = valuesWithBundle(b64(b64(ca.certPem)));
  const finding = mismatch('/w/values.yaml', text);
  assert.match(finding.message, /twice/);
  const fixed = applyFix(text, finding.fixes[0]);
  assert.ok(fixed.includes(`caBundle: ${b64(ca.certPem)}\n`));
  assert.deepEqual(lintText('/w/values.yaml', fixed, opts), []);
});

test('invalid base64 in Secret data', () => {
  const text = secretYaml('s', { 'ca.crt': 'not*base64' });
  const finding = mismatch('/w/s.yaml', text);
  assert.match(finding.message, /not valid base64/);
  assert.equal(finding.range.start.line, lineOf(text, 'ca.crt:'));
});

test('base64 in stringData: fix writes the PEM as a block scalar', () => {
  const text = secretYaml('s', { 'ca.crt': b64(ca.certPem) }, 'stringData');
  const finding = mismatch('/w/s.yaml', text);
  const fixed = applyFix(text, finding.fixes[0]);
  assert.ok(fixed.includes('  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n'));
  assert.deepEqual(lintText('/w/s.yaml', fixed, opts), []);
});

test('kdsGlobalServer.cert wants raw PEM: base64 is reported; raw PEM is fine', () => {
  const base = 'controlPlane:\n  tls:\n    kdsGlobalServer:\n      create: true\n';
  const text = `${base}      cert: ${b64(leaf.certPem)}\n      key: ${b64(leaf.keyPem)}\n`;
  const findings = only(lintText('/w/values.yaml', text, opts), 'encoding-mismatch');
  assert.deepEqual(findings.map((f) => f.range.start.line), [4, 5]);
  const indent = (pem: string) => pem.trimEnd().split('\n').map((l) => `        ${l}`).join('\n');
  const good = `${base}      cert: |\n${indent(leaf.certPem)}\n      key: |\n${indent(leaf.keyPem)}\n`;
  assert.deepEqual(lintText('/w/values.yaml', good, opts), []);
});

// Old Mac line ends: VS Code counts a lone CR as a line break, and so must every range.
test('a YAML file with CR-only line ends keeps its findings, on the lines VS Code shows', () => {
  const text = valuesWithBundle(b64(b64(ca.certPem))).replace(/\n/g, '\r');
  const finding = mismatch('/w/values.yaml', text);
  assert.deepEqual(finding.range.start, { line: 4, character: '      caBundle: '.length });
  assert.ok(applyFix(text, finding.fixes[0]).includes(`caBundle: ${b64(ca.certPem)}\r`));
});

test('an env file with CR-only line ends is read line by line', () => {
  const text = 'KUMA_CONTROL_PLANE_URL=https://cp:5678\rKUMA_CONTROL_PLANE_CA_CERT=/etc/kuma/ca.crt\r';
  const [finding] = only(lintText('/w/kuma-dp.env', text, opts), 'ca-cert-not-pem');
  assert.ok(finding);
  assert.deepEqual(finding.range, { start: { line: 1, character: 27 }, end: { line: 1, character: 43 } });
});

test('a PEM file with CR-only line ends: Go finds no block, reported on it; its certificate is still checked', () => {
  const expired = makeCert({ notBefore: new Date(NOW.getTime() - 2e10), notAfter: new Date(NOW.getTime() - 1e9) }).certPem;
  const text = expired.replace(/\n/g, '\r');
  const findings = lintText('/w/tls.crt', text, opts);
  const [malformed] = only(findings, 'pem-malformed');
  assert.ok(malformed);
  assert.match(malformed.message, /lone CR/);
  assert.deepEqual(malformed.range.start, { line: 0, character: 0 });
  assert.equal(malformed.range.end.line, expired.trimEnd().split('\n').length - 1);
  assert.equal(only(findings, 'cert-expired').length, 1);
});

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  if (order === 'be') le.swap16();
  return new Uint8Array(le);
}

for (const order of ['le', 'be'] as const) {
  test(`UTF-16 ${order.toUpperCase()} (PowerShell 5): YAML is decoded and linted with the right ranges`, () => {
    const text = valuesWithBundle(b64(b64(ca.certPem)));
    const workspace = new LintWorkspace(opts);
    workspace.setDocument('/w/values.yaml', utf16(text, order));
    const findings = workspace.lint('/w/values.yaml');
    assert.deepEqual(findings.map((f) => f.rule), ['encoding-mismatch'], 'Helm reads UTF-16 YAML, so only the double encoding is reported');
    assert.deepEqual(findings[0].range.start, { line: 4, character: '      caBundle: '.length });
  });

  test(`UTF-16 ${order.toUpperCase()}: a PEM file is linted, and reported because Kuma reads its bytes`, () => {
    const workspace = new LintWorkspace(opts);
    workspace.setDocument('/w/ca.crt', utf16(ca.certPem, order));
    // The file is Kuma's (a kuma-dp setting reads it), so the problem is an error.
    workspace.setDocument('/w/kuma-dp.env', 'KUMA_CONTROL_PLANE_URL=https://cp:5678\nKUMA_CONTROL_PLANE_CA_CERT_FILE=ca.crt\n');
    const findings = workspace.lint('/w/ca.crt');
    assert.deepEqual(findings.map((f) => [f.rule, f.severity]), [['pem-malformed', 'error']]);
    assert.match(findings[0].message, /UTF-16/);
    assert.deepEqual(findings[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: '-----BEGIN CERTIFICATE-----'.length } });
  });
}

test('UTF-16: an env file is linted and reported (env-file readers take UTF-8)', () => {
  const workspace = new LintWorkspace(opts);
  workspace.setDocument('/w/kuma-dp.env', utf16('KUMA_CONTROL_PLANE_URL=https://cp:5678\r\nKUMA_CONTROL_PLANE_CA_CERT=/etc/kuma/ca.crt\r\n', 'le'));
  const findings = workspace.lint('/w/kuma-dp.env');
  const [encoding] = only(findings, 'encoding-mismatch');
  assert.ok(encoding);
  assert.match(encoding.message, /UTF-16 LE/);
  const [path] = only(findings, 'ca-cert-not-pem');
  assert.deepEqual(path.range, { start: { line: 1, character: 27 }, end: { line: 1, character: 43 } });
});
