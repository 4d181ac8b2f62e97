import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tlsVerifyDisabled } from '../../../../src/lint/rules/settings/tls-verify-disabled';
import { runRule, span, textAt } from './harness';

const rule = tlsVerifyDisabled;

test('skip-verify settings are reported in env files, kuma-cp YAML and Helm values', () => {
  const env = 'KUMA_CONTROL_PLANE_URL=https://cp:5678\nKUMA_CONTROL_PLANE_TLS_SKIP_VERIFY=true\n';
  const [dp] = runRule(rule, 'dp.env', env);
  assert.deepEqual(dp.range, span(1, 0, 1, 39));
  assert.match(dp.message, /man-in-the-middle.*KUMA_CONTROL_PLANE_CA_CERT_FILE/);
  const [zone] = runRule(rule, 'kuma-cp.yaml', 'multizone:\n  zone:\n    kds:\n      tlsSkipVerify: true\n');
  assert.deepEqual(zone.range, span(3, 6, 3, 25));
  assert.match(zone.message, /^multizone\.zone\.kds\.tlsSkipVerify=true/);
  const values = 'controlPlane:\n  tls:\n    kdsZoneClient:\n      skipVerify: true\n';
  const [helm] = runRule(rule, 'values.yaml', values);
  assert.equal(textAt(values, helm.range), 'skipVerify: true');
});

test('kumactl config and --skip-verify on command lines are reported', () => {
  const config = 'controlPlanes:\n  - name: prod\n    coordinates:\n      apiServer:\n        url: https://cp:5682\n        skipVerify: true\n';
  const [kumactl] = runRule(rule, 'kumactl.yaml', config);
  assert.deepEqual(kumactl.range, span(5, 8, 5, 24));
  assert.match(kumactl.message, /"prod"/);
  const script = 'kumactl config control-planes add \\\n  --name prod --address https://cp:5682 \\\n  --skip-verify\n';
  const [flag] = runRule(rule, 'setup.sh', script);
  assert.deepEqual(flag.range, span(2, 2, 2, 15));
});

test('verification left on passes', () => {
  assert.deepEqual(runRule(rule, 'dp.env', 'KUMA_CONTROL_PLANE_TLS_SKIP_VERIFY=false\nKUMA_CONTROL_PLANE_CA_CERT_FILE=/ca.crt\n'), []);
  assert.deepEqual(runRule(rule, 'values.yaml', 'controlPlane:\n  tls:\n    kdsZoneClient:\n      skipVerify: false\n'), []);
  assert.deepEqual(runRule(rule, 'setup.sh', 'kumactl config control-planes add --name p --address https://cp:5682 --ca-cert-file ca.crt\n'), []);
});

test('in Markdown only fenced commands count, not prose that mentions the flag', () => {
  const markdown = [
    'Never use `kumactl config control-planes add --skip-verify` in production.',
    '',
    '```sh',
    'kumactl config control-planes add --name dev --address https://cp:5682 --skip-verify',
    '```',
    '',
  ].join('\n');
  const findings = runRule(rule, 'README.md', markdown);
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].range, span(3, 71, 3, 84));
});
