import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiServerHttpExposed, BIND_TITLE, DISABLE_TITLE } from '../../../../src/lint/rules/settings/api-server-http-exposed';
import { applyFix, fixTitled, runRule, span, textAt } from './harness';

const rule = apiServerHttpExposed;

test('0.0.0.0 as the HTTP interface is a warning on the value; both fixes lint clean', () => {
  const text = 'KUMA_MODE=zone\nKUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\n';
  const [finding, ...rest] = runRule(rule, 'kuma-cp.env', text);
  assert.equal(rest.length, 0);
  assert.equal(finding.severity, undefined);
  assert.deepEqual(finding.range, span(1, 31, 1, 38));
  const bound = applyFix(text, fixTitled(finding, BIND_TITLE));
  assert.equal(bound, 'KUMA_MODE=zone\nKUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1\n');
  assert.deepEqual(runRule(rule, 'kuma-cp.env', bound), []);
  const disabled = applyFix(text, fixTitled(finding, DISABLE_TITLE));
  assert.equal(disabled, 'KUMA_API_SERVER_HTTP_ENABLED=false\nKUMA_MODE=zone\nKUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\n');
  assert.deepEqual(runRule(rule, 'kuma-cp.env', disabled), []);
});

test('HTTP enabled explicitly in a container env without an interface; the fixes edit the env list', () => {
  const text = [
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: control-plane',
    '          env:',
    '            - name: KUMA_API_SERVER_HTTP_ENABLED',
    '              value: "true"',
    '',
  ].join('\n');
  const [finding] = runRule(rule, 'cp.yaml', text);
  assert.deepEqual(finding.range, span(7, 14, 8, 27));
  const bound = applyFix(text, fixTitled(finding, BIND_TITLE));
  assert.match(bound, /\n {12}- name: KUMA_API_SERVER_HTTP_INTERFACE\n {14}value: "127\.0\.0\.1"\n {12}- name: KUMA_API_SERVER_HTTP_ENABLED\n/);
  assert.deepEqual(runRule(rule, 'cp.yaml', bound), []);
  const disabled = applyFix(text, fixTitled(finding, DISABLE_TITLE));
  assert.match(disabled, /value: "false"/);
  assert.deepEqual(runRule(rule, 'cp.yaml', disabled), []);
});

test('a kuma-cp env file that leaves the default is an info on its first KUMA_ line', () => {
  const text = '# control plane\nKUMA_GENERAL_TLS_CERT_FILE=/c.crt\nKUMA_GENERAL_TLS_KEY_FILE=/c.key\n';
  const [finding] = runRule(rule, 'kuma-cp.env', text);
  assert.equal(finding.severity, 'info');
  assert.deepEqual(finding.range, span(1, 0, 1, 33));
  const bound = applyFix(text, fixTitled(finding, BIND_TITLE));
  assert.equal(bound, '# control plane\nKUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1\nKUMA_GENERAL_TLS_CERT_FILE=/c.crt\nKUMA_GENERAL_TLS_KEY_FILE=/c.key\n');
  assert.deepEqual(runRule(rule, 'kuma-cp.env', bound), []);
});

test('a kuma-cp config YAML gets the info on its first key and fixes that add the missing mappings', () => {
  const text = 'general:\n  tlsCertFile: /c.crt\n  tlsKeyFile: /c.key\n';
  const [finding] = runRule(rule, 'kuma-cp.yaml', text);
  assert.equal(finding.severity, 'info');
  assert.deepEqual(finding.range, span(0, 0, 0, 7));
  const bound = applyFix(text, fixTitled(finding, BIND_TITLE));
  assert.equal(bound, 'apiServer:\n  http:\n    interface: 127.0.0.1\ngeneral:\n  tlsCertFile: /c.crt\n  tlsKeyFile: /c.key\n');
  assert.deepEqual(runRule(rule, 'kuma-cp.yaml', bound), []);
  const withApiServer = 'apiServer:\n  http:\n    port: 5681\n';
  const [again] = runRule(rule, 'kuma-cp.yaml', withApiServer);
  const disabled = applyFix(withApiServer, fixTitled(again, DISABLE_TITLE));
  assert.equal(disabled, 'apiServer:\n  http:\n    enabled: false\n    port: 5681\n');
  assert.deepEqual(runRule(rule, 'kuma-cp.yaml', disabled), []);
});

test('Helm: LoadBalancer services and an Ingress to 5681 are reported; the Ingress fix moves to 5682', () => {
  const text = 'controlPlane:\n  service:\n    type: LoadBalancer\n  ingress:\n    enabled: true\n';
  const findings = runRule(rule, 'values.yaml', text);
  assert.equal(findings.length, 2);
  assert.equal(textAt(text, findings[0].range), 'LoadBalancer');
  assert.deepEqual(findings[1].range, span(4, 4, 4, 17));
  assert.match(findings[1].message, /default servicePort/);
  const fixed = applyFix(text, findings[1].fixes![0]);
  assert.equal(fixed, 'controlPlane:\n  service:\n    type: LoadBalancer\n  ingress:\n    servicePort: 5682\n    enabled: true\n');
  assert.equal(runRule(rule, 'values.yaml', fixed).length, 1);
});

test('loopback, disabled HTTP, ClusterIP, kuma-dp files and Helm defaults pass', () => {
  assert.deepEqual(runRule(rule, 'kuma-cp.env', 'KUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1\n'), []);
  assert.deepEqual(runRule(rule, 'kuma-cp.env', 'KUMA_API_SERVER_HTTP_ENABLED=false\nKUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\n'), []);
  assert.deepEqual(runRule(rule, 'kuma-cp.yaml', 'apiServer:\n  http:\n    interface: "::1"\n'), []);
  assert.deepEqual(runRule(rule, 'dp.env', 'KUMA_CONTROL_PLANE_URL=https://cp:5678\n'), []);
  assert.deepEqual(runRule(rule, 'values.yaml', 'controlPlane:\n  service:\n    type: ClusterIP\n  ingress:\n    enabled: true\n    servicePort: 5682\n'), []);
  assert.deepEqual(runRule(rule, 'values.yaml', 'controlPlane:\n  service:\n    type: NodePort\n  envVars:\n    KUMA_API_SERVER_HTTP_ENABLED: "false"\n'), []);
});
