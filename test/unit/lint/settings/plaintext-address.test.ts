import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plaintextAddress } from '../../../../src/lint/rules/settings/plaintext-address';
import { applyFix, runRule, span, textAt } from './harness';

const rule = plaintextAddress;

test('a grpc:// global KDS address is reported and switched to grpcs://', () => {
  const text = 'KUMA_MODE=zone\nKUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS=grpc://global.example.com:5685\n';
  const [finding, ...rest] = runRule(rule, 'zone.env', text);
  assert.equal(rest.length, 0);
  assert.deepEqual(finding.range, span(1, 35, 1, 65));
  const fixed = applyFix(text, finding.fixes![0]);
  assert.equal(fixed, 'KUMA_MODE=zone\nKUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS=grpcs://global.example.com:5685\n');
  assert.deepEqual(runRule(rule, 'zone.env', fixed), []);
  const values = 'controlPlane:\n  mode: zone\n  kdsGlobalAddress: "grpc://10.0.0.1:5685"\n';
  const [helm] = runRule(rule, 'values.yaml', values);
  assert.equal(textAt(values, helm.range), '"grpc://10.0.0.1:5685"');
  const fixedValues = applyFix(values, helm.fixes![0]);
  assert.match(fixedValues, /kdsGlobalAddress: "grpcs:\/\/10\.0\.0\.1:5685"/);
  assert.deepEqual(runRule(rule, 'values.yaml', fixedValues), []);
});

test('http:// to a remote control plane and scheme/port mismatches are reported', () => {
  const [dp] = runRule(rule, 'dp.env', 'KUMA_CONTROL_PLANE_URL=http://cp.example.com:5678\n');
  assert.deepEqual(dp.range, span(0, 23, 0, 49));
  assert.match(dp.message, /plain http:\/\//);
  const config = 'controlPlanes:\n  - name: a\n    coordinates:\n      apiServer:\n        url: https://cp:5681\n  - name: b\n    coordinates:\n      apiServer:\n        url: http://cp:5682\n';
  const findings = runRule(rule, 'kumactl.yaml', config);
  assert.equal(findings.length, 2);
  assert.equal(textAt(config, findings[0].range), 'https://cp:5681');
  assert.match(findings[0].message, /serves only plain HTTP/);
  assert.match(findings[1].message, /serves only HTTPS/);
  const [flag] = runRule(rule, 'setup.sh', 'kumactl config control-planes add --name x --address=http://10.1.2.3:5681\n');
  assert.equal(flag.range.start.character, 53);
  assert.match(flag.message, /^--address reaches the control plane at 10\.1\.2\.3:5681 over plain http:\/\//);
});

test('a grpc:// --kds-global-address on kumactl install is reported and fixed', () => {
  const script = 'kumactl install control-plane \\\n  --mode=zone --kds-global-address grpc://10.0.0.1:5685 | kubectl apply -f -\n';
  const [finding] = runRule(rule, 'install.sh', script);
  assert.equal(textAt(script, finding.range), 'grpc://10.0.0.1:5685');
  const fixed = applyFix(script, finding.fixes![0]);
  assert.match(fixed, /--kds-global-address grpcs:\/\/10\.0\.0\.1:5685 \|/);
  assert.deepEqual(runRule(rule, 'install.sh', fixed), []);
});

test('TLS and loopback addresses pass', () => {
  assert.deepEqual(runRule(rule, 'dp.env', 'KUMA_CONTROL_PLANE_URL=https://cp.example.com:5678\n'), []);
  assert.deepEqual(runRule(rule, 'dp.env', 'KUMA_CONTROL_PLANE_URL=http://localhost:5678\n'), []);
  assert.deepEqual(runRule(rule, 'kuma-cp.yaml', 'multizone:\n  zone:\n    globalAddress: grpcs://g:5685\n'), []);
  assert.deepEqual(runRule(rule, 'setup.sh', 'kumactl config control-planes add --name x --address http://127.0.0.1:5681\n'), []);
});
