import { test } from 'node:test';
import assert from 'node:assert/strict';
import { madsTlsDisabled } from '../../../../src/lint/rules/settings/mads-tls-disabled';
import { applyFix, runRule, span } from './harness';

const rule = madsTlsDisabled;

test('a control plane with its own certificate but plaintext MADS is reported; the fix turns TLS on', () => {
  const text = 'KUMA_GENERAL_TLS_CERT_FILE=/c.crt\nKUMA_GENERAL_TLS_KEY_FILE=/c.key\n';
  const [finding, ...rest] = runRule(rule, 'kuma-cp.env', text);
  assert.equal(rest.length, 0);
  assert.deepEqual(finding.range, span(0, 0, 0, 33));
  assert.match(finding.message, /not set \(default false\)/);
  const fixed = applyFix(text, finding.fixes![0]);
  assert.equal(fixed, 'KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED=true\n' + text);
  assert.deepEqual(runRule(rule, 'kuma-cp.env', fixed), []);
});

test('an explicit false in kuma-cp YAML is reported on that key and flipped', () => {
  const text = 'general:\n  tlsCertFile: /c.crt\nmonitoringAssignmentServer:\n  tlsEnabled: false\n';
  const [finding] = runRule(rule, 'kuma-cp.yaml', text);
  assert.deepEqual(finding.range, span(3, 2, 3, 19));
  const fixed = applyFix(text, finding.fixes![0]);
  assert.match(fixed, /tlsEnabled: true/);
  assert.deepEqual(runRule(rule, 'kuma-cp.yaml', fixed), []);
});

test('no own certificate, MADS disabled, or MADS TLS on pass', () => {
  assert.deepEqual(runRule(rule, 'kuma-cp.env', 'KUMA_MODE=zone\n'), []);
  assert.deepEqual(runRule(rule, 'kuma-cp.env', 'KUMA_GENERAL_TLS_CERT_FILE=/c\nKUMA_MONITORING_ASSIGNMENT_SERVER_ENABLED=false\n'), []);
  assert.deepEqual(runRule(rule, 'kuma-cp.env', 'KUMA_GENERAL_TLS_CERT_FILE=/c\nKUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED=true\n'), []);
});
