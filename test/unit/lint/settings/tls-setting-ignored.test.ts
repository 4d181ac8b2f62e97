import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tlsSettingIgnored } from '../../../../src/lint/rules/settings/tls-setting-ignored';
import { applyFix, runRule, span } from './harness';

test('a per-server TLS minimum under the default general minimum is reported; the fix moves it to general', () => {
  const text = 'KUMA_MODE=zone\nKUMA_DP_SERVER_TLS_MIN_VERSION=TLSv1_3\n';
  const [finding, ...rest] = runRule(tlsSettingIgnored, 'kuma-cp.env', text);
  assert.equal(rest.length, 0);
  assert.deepEqual(finding.range, span(1, 0, 1, 38));
  assert.match(finding.message, /has no effect.*KUMA_GENERAL_TLS_MIN_VERSION \(default TLSv1_2\)/);
  const fixed = applyFix(text, finding.fixes![0]);
  assert.equal(fixed, 'KUMA_MODE=zone\nKUMA_GENERAL_TLS_MIN_VERSION=TLSv1_3\n');
  assert.deepEqual(runRule(tlsSettingIgnored, 'kuma-cp.env', fixed), []);
});

test('the never-applied API server maximum is reported, also as a YAML key', () => {
  const text = 'apiServer:\n  https:\n    tlsMaxVersion: TLSv1_3\n';
  const [finding] = runRule(tlsSettingIgnored, 'kuma-cp.yaml', text);
  assert.deepEqual(finding.range, span(2, 4, 2, 26));
  assert.match(finding.message, /never applies it/);
  assert.match(finding.message, /general\.tlsMaxVersion/);
});

test('per-server minimums that apply (general cleared) or match the general one pass', () => {
  assert.deepEqual(runRule(tlsSettingIgnored, 'kuma-cp.env', 'KUMA_GENERAL_TLS_MIN_VERSION=\nKUMA_DP_SERVER_TLS_MIN_VERSION=TLSv1_3\n'), []);
  assert.deepEqual(runRule(tlsSettingIgnored, 'kuma-cp.env', 'KUMA_GENERAL_TLS_MIN_VERSION=TLSv1_3\nKUMA_DP_SERVER_TLS_MIN_VERSION=TLSv1_3\n'), []);
  assert.deepEqual(runRule(tlsSettingIgnored, 'kuma-cp.env', 'KUMA_DP_SERVER_TLS_MIN_VERSION=TLSv1_2\n'), []);
});

test('an invalid per-server version is left to tls-version-invalid', () => {
  assert.deepEqual(runRule(tlsSettingIgnored, 'kuma-cp.env', 'KUMA_DP_SERVER_TLS_MIN_VERSION=TLSv1.3\n'), []);
});
