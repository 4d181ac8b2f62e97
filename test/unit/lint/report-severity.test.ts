// A rule may report a weaker form of its problem below its default severity; a severity the
// user configured for the rule always wins.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../../src/lint/workspace';

const ENV = 'KUMA_GENERAL_TLS_CERT_FILE=/etc/kuma/tls.crt\nKUMA_GENERAL_TLS_KEY_FILE=/etc/kuma/tls.key\n';
const exposed = (severities?: Record<string, 'off' | 'info' | 'warning' | 'error'>) =>
  lintText('/ws/kuma-cp.env', ENV, { severities }).filter((f) => f.rule === 'api-server-http-exposed');

test('api-server-http-exposed reports the default 0.0.0.0 binding as info, below its warning default', () => {
  const [finding] = exposed();
  assert.ok(finding, 'the default binding is reported');
  assert.equal(finding.severity, 'info');
  assert.equal(finding.range.start.line, 0, 'on the first KUMA_ line');
});

test('a severity configured for the rule overrides the rule’s own lowering', () => {
  assert.equal(exposed({ 'api-server-http-exposed': 'error' })[0]?.severity, 'error');
  assert.deepEqual(exposed({ 'api-server-http-exposed': 'off' }), []);
});
