// encoding-mismatch in each form, with the quick fix applied: the fixed text lints clean.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../../src/lint/workspace';
import { applyFix, b64, caAndLeaf, lineOf, only, secretYaml, SINGLE_FILE } from './fixtures';

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
