import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SETTINGS_RULES } from '../../../../src/lint/rules/settings';

// Ids and default severities are public (lint-rules.md): users put them in settings and suppression comments.
const CONTRACT: Record<string, string> = {
  'api-server-http-exposed': 'warning',
  'tls-verify-disabled': 'warning',
  'plaintext-address': 'warning',
  'mads-tls-disabled': 'info',
  'ca-cert-not-pem': 'error',
  'unknown-setting': 'warning',
  'cert-key-pair-incomplete': 'error',
  'tls-version-invalid': 'error',
  'tls-setting-ignored': 'warning',
};

test('the settings rules are exactly the contract\'s, with its default severities and docs text', () => {
  assert.deepEqual(Object.fromEntries(SETTINGS_RULES.map((rule) => [rule.id, rule.defaultSeverity])), CONTRACT);
  for (const rule of SETTINGS_RULES) {
    assert.ok(rule.summary.length > 20, rule.id);
    assert.ok((rule.description ?? '').length > 60, rule.id);
  }
});
