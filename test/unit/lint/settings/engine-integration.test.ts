import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../../src/lint/workspace';
import { applyFix } from './harness';

const NOW = new Date('2026-11-27T12:00:00Z');
const SETTINGS_RULE_IDS = new Set([
  'api-server-http-exposed', 'tls-verify-disabled', 'plaintext-address', 'mads-tls-disabled', 'ca-cert-not-pem',
  'unknown-setting', 'cert-key-pair-incomplete', 'tls-version-invalid', 'tls-setting-ignored',
]);

function settingsFindings(path: string, text: string) {
  return lintText(path, text, { now: NOW }).filter((finding) => SETTINGS_RULE_IDS.has(finding.rule));
}

test('through the engine: settings findings arrive with ranges, fixes and the disable-line fix', () => {
  const text = 'KUMA_MODE=zone\nKUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\nKUMA_DP_SERVER_TLS_MIN_VERSION=TLSv1.3\n';
  const findings = settingsFindings('/workspace/kuma-cp.env', text);
  assert.deepEqual(findings.map((finding) => [finding.rule, finding.range.start.line, finding.range.start.character]), [
    ['api-server-http-exposed', 1, 31],
    ['tls-version-invalid', 2, 31],
  ]);
  const [exposed, version] = findings;
  assert.deepEqual(exposed.fixes.map((fix) => fix.title), [
    'Bind the HTTP API server to 127.0.0.1',
    'Disable the HTTP API server',
    'Disable api-server-http-exposed for this line',
  ]);
  const fixed = applyFix(applyFix(text, version.fixes[0]), exposed.fixes[0]);
  assert.deepEqual(settingsFindings('/workspace/kuma-cp.env', fixed).map((finding) => finding.rule), ['tls-setting-ignored']);
});

test('through the engine: a suppression comment silences one settings rule on its line', () => {
  const text = 'KUMA_MODE=zone\n# kuma-tls-disable-next-line api-server-http-exposed\nKUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\n';
  assert.deepEqual(settingsFindings('/workspace/kuma-cp.env', text), []);
});

test('through the engine: unrelated env and YAML files get nothing', () => {
  assert.deepEqual(lintText('/workspace/.env', 'HOST=0.0.0.0\nSKIP_VERIFY=true\n', { now: NOW }), []);
  assert.deepEqual(lintText('/workspace/app.yaml', 'server:\n  interface: 0.0.0.0\n  tlsMinVersion: TLSv1.3\n', { now: NOW }), []);
});
