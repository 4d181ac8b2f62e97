// Issue 11, item 7: mads-tls-disabled only for containers that run kuma-cp's servers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../../../src/lint/workspace';
import { only, SINGLE_FILE } from '../fixtures';

function deployment(initArgs: string): string {
  const env = ['          env:', '            - name: KUMA_GENERAL_TLS_CERT_FILE', '              value: /certs/tls.crt', '            - name: KUMA_GENERAL_TLS_KEY_FILE', '              value: /certs/tls.key'];
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: kuma-control-plane',
    'spec:',
    '  template:',
    '    spec:',
    '      initContainers:',
    '        - name: migration',
    '          image: kumahq/kuma-cp:2.9.3',
    `          args: [${initArgs}]`,
    ...env,
    '      containers:',
    '        - name: control-plane',
    '          image: kumahq/kuma-cp:2.9.3',
    '          args: [run]',
    ...env,
    '',
  ].join('\n');
}

test('a migration init container running kuma-cp migrate gets no mads-tls-disabled; the control-plane container does', () => {
  const text = deployment('migrate, up');
  const findings = only(lintText('/w/cp.yaml', text, SINGLE_FILE), 'mads-tls-disabled');
  assert.equal(findings.length, 1);
  assert.ok(findings[0].range.start.line > text.split('\n').indexOf('      containers:'));
});

test('a plain container whose args run another kuma-cp subcommand is not a serving control plane', () => {
  const text = deployment('migrate, up').replace('          args: [run]', '          args: [migrate, up]');
  assert.deepEqual(only(lintText('/w/cp.yaml', text, SINGLE_FILE), 'mads-tls-disabled'), []);
});
