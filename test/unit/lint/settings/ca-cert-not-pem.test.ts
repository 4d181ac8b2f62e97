import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateTlsCertificate } from '../../../../src/pki/generate';
import { caCertNotPem } from '../../../../src/lint/rules/settings/ca-cert-not-pem';
import { applyFix, runRule, span, textAt } from './harness';

test('a path in KUMA_CONTROL_PLANE_CA_CERT is reported and moved to _FILE', () => {
  const text = 'KUMA_CONTROL_PLANE_URL=https://cp:5678\nKUMA_CONTROL_PLANE_CA_CERT=/etc/kuma/ca.crt\n';
  const [finding, ...rest] = runRule(caCertNotPem, 'dp.env', text);
  assert.equal(rest.length, 0);
  assert.deepEqual(finding.range, span(1, 27, 1, 43));
  assert.match(finding.message, /a file path.*could not add certificate/);
  assert.equal(finding.fixes![0].title, 'Move the path to KUMA_CONTROL_PLANE_CA_CERT_FILE');
  const fixed = applyFix(text, finding.fixes![0]);
  assert.equal(fixed, 'KUMA_CONTROL_PLANE_URL=https://cp:5678\nKUMA_CONTROL_PLANE_CA_CERT_FILE=/etc/kuma/ca.crt\n');
  assert.deepEqual(runRule(caCertNotPem, 'dp.env', fixed), []);
});

test('base64 of PEM in a container env is reported without a move fix', () => {
  const text = 'kind: Pod\nspec:\n  containers:\n    - name: kuma-dp\n      env:\n        - name: KUMA_CONTROL_PLANE_CA_CERT\n          value: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n';
  const [finding] = runRule(caCertNotPem, 'pod.yaml', text);
  assert.equal(textAt(text, finding.range), 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t');
  assert.match(finding.message, /base64-encoded PEM/);
  assert.deepEqual(finding.fixes, []);
});

test('PEM content, empty and unknowable values pass', async () => {
  const { certPem } = await generateTlsCertificate({ type: 'server', hostnames: ['kuma-control-plane.kuma-system'], keyType: 'ecdsa' });
  const pem = `KUMA_CONTROL_PLANE_CA_CERT="${certPem.trim()}"\n`;
  assert.deepEqual(runRule(caCertNotPem, 'dp.env', pem), []);
  assert.deepEqual(runRule(caCertNotPem, 'dp.env', 'KUMA_CONTROL_PLANE_CA_CERT=\nKUMA_CONTROL_PLANE_URL=https://cp:5678\n'), []);
  assert.deepEqual(runRule(caCertNotPem, 'dp.env', 'KUMA_CONTROL_PLANE_CA_CERT="$(cat /ca.crt)"\n'), []);
});

test('controlPlane.caCert (kuma-dp YAML) is judged like KUMA_CONTROL_PLANE_CA_CERT: a path moves to caCertFile', () => {
  const text = 'controlPlane:\n  url: https://cp:5678\n  caCert: /etc/kuma/ca.crt\n';
  const [finding, ...rest] = runRule(caCertNotPem, 'kuma-dp.yaml', text);
  assert.equal(rest.length, 0);
  assert.equal(textAt(text, finding.range), '/etc/kuma/ca.crt');
  assert.match(finding.message, /^controlPlane\.caCert is a file path/);
  assert.equal(applyFix(text, finding.fixes![0]), 'controlPlane:\n  url: https://cp:5678\n  caCertFile: /etc/kuma/ca.crt\n');
  const b64 = runRule(caCertNotPem, 'kuma-dp.yaml', 'controlPlane:\n  caCert: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n');
  assert.match(b64[0].message, /base64-encoded PEM/);
  assert.deepEqual(runRule(caCertNotPem, 'kuma-dp.yaml', 'controlPlane:\n  caCert: "{{ .Values.ca }}"\n'), []);
});
