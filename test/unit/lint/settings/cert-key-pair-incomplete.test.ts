import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certKeyPairIncomplete } from '../../../../src/lint/rules/settings/cert-key-pair-incomplete';
import { runRule, span } from './harness';

test('a general certificate without its key is reported with kuma-cp\'s startup error', () => {
  const text = 'KUMA_MODE=zone\nKUMA_GENERAL_TLS_CERT_FILE=/certs/tls.crt\n';
  const [finding, ...rest] = runRule(certKeyPairIncomplete, 'kuma-cp.env', text);
  assert.equal(rest.length, 0);
  assert.deepEqual(finding.range, span(1, 0, 1, 41));
  assert.match(finding.message, /KUMA_GENERAL_TLS_CERT_FILE is set without KUMA_GENERAL_TLS_KEY_FILE/);
  assert.match(finding.message, /TlsKeyFile cannot be empty if TlsCertFile has been set/);
});

test('a key without its certificate in kuma-cp YAML is reported by YAML path', () => {
  const text = 'multizone:\n  global:\n    kds:\n      tlsKeyFile: /k.key\n';
  const [finding] = runRule(certKeyPairIncomplete, 'kuma-cp.yaml', text);
  assert.deepEqual(finding.range, span(3, 6, 3, 24));
  assert.match(finding.message, /^multizone\.global\.kds\.tlsKeyFile is set without multizone\.global\.kds\.tlsCertFile/);
});

test('complete pairs, empty values and the chart-managed general pair pass', () => {
  assert.deepEqual(runRule(certKeyPairIncomplete, 'kuma-cp.env', 'KUMA_DP_SERVER_TLS_CERT_FILE=/c\nKUMA_DP_SERVER_TLS_KEY_FILE=/k\nKUMA_DIAGNOSTICS_TLS_CERT_FILE=\n'), []);
  assert.deepEqual(runRule(certKeyPairIncomplete, 'values.yaml', 'controlPlane:\n  envVars:\n    KUMA_GENERAL_TLS_CERT_FILE: /other/tls.crt\n'), []);
  const apiServerSecret = 'controlPlane:\n  tls:\n    apiServer:\n      secretName: api-tls\n  envVars:\n    KUMA_API_SERVER_HTTPS_TLS_KEY_FILE: /k\n';
  assert.deepEqual(runRule(certKeyPairIncomplete, 'values.yaml', apiServerSecret), []);
});

test('in Helm envVars a pair the chart does not set is still checked, with the direction-specific error', () => {
  const text = 'controlPlane:\n  envVars:\n    KUMA_API_SERVER_HTTPS_TLS_KEY_FILE: /k\n    KUMA_DIAGNOSTICS_TLS_KEY_FILE: /k\n';
  const findings = runRule(certKeyPairIncomplete, 'values.yaml', text);
  assert.deepEqual(findings.map((finding) => finding.range.start.line), [2, 3]);
  assert.match(findings[0].message, /Both TlsCertFile and TlsKeyFile has to be specified/);
  assert.match(findings[1].message, /\.TlsCertFile cannot be empty if TlsKeyFile has been set/);
});
