import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeTlsVersion, tlsVersionInvalid } from '../../../../src/lint/rules/settings/tls-version-invalid';
import { applyFix, runRule, span } from './harness';

test('a dotted TLS version is reported on its value and fixed to Kuma\'s spelling', () => {
  const text = 'KUMA_GENERAL_TLS_MIN_VERSION="TLSv1.3"\n';
  const [finding, ...rest] = runRule(tlsVersionInvalid, 'kuma-cp.env', text);
  assert.equal(rest.length, 0);
  assert.deepEqual(finding.range, span(0, 29, 0, 38));
  assert.match(finding.message, /"unsupported tls version: TLSv1\.3 supported versions:\[TLSv1_2 TLSv1_3\]"/);
  assert.equal(finding.fixes!.length, 1);
  const fixed = applyFix(text, finding.fixes![0]);
  assert.equal(fixed, 'KUMA_GENERAL_TLS_MIN_VERSION="TLSv1_3"\n');
  assert.deepEqual(runRule(tlsVersionInvalid, 'kuma-cp.env', fixed), []);
});

test('the YAML twin is checked too, and an unguessable value offers both versions', () => {
  const text = 'dpServer:\n  tlsMaxVersion: SSLv3\n';
  const [finding] = runRule(tlsVersionInvalid, 'kuma-cp.yaml', text);
  assert.deepEqual(finding.range, span(1, 17, 1, 22));
  assert.match(finding.message, /dpServer\.tlsMaxVersion=SSLv3/);
  assert.deepEqual(finding.fixes!.map((fix) => fix.title), ['Use TLSv1_2', 'Use TLSv1_3']);
  assert.deepEqual(runRule(tlsVersionInvalid, 'kuma-cp.yaml', applyFix(text, finding.fixes![1])), []);
});

test('valid, empty and unknowable versions pass', () => {
  const text = 'KUMA_GENERAL_TLS_MIN_VERSION=TLSv1_3\nKUMA_GENERAL_TLS_MAX_VERSION=\nKUMA_DP_SERVER_TLS_MIN_VERSION=${MIN}\n';
  assert.deepEqual(runRule(tlsVersionInvalid, 'kuma-cp.env', text), []);
});

test('common spellings normalise', () => {
  assert.equal(normalizeTlsVersion('1.2'), 'TLSv1_2');
  assert.equal(normalizeTlsVersion('VersionTLS13'), 'TLSv1_3');
  assert.equal(normalizeTlsVersion('tls1_3'), 'TLSv1_3');
  assert.equal(normalizeTlsVersion('TLSv1_1'), undefined);
});

test('a long pasted value is not echoed whole in the message', () => {
  const pasted = 'A'.repeat(500);
  const [finding] = runRule(tlsVersionInvalid, 'kuma-cp.env', `KUMA_DIAGNOSTICS_TLS_MIN_VERSION=${pasted}\n`);
  assert.ok(!finding.message.includes(pasted));
  assert.ok(finding.message.length < 400);
});
