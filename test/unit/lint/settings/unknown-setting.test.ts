import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknownSetting } from '../../../../src/lint/rules/settings/unknown-setting';
import { applyFix, runRule, span, textAt } from './harness';

test('a misspelled env name gets a did-you-mean and a rename that lints clean', () => {
  const text = 'KUMA_MODE=zone\nKUMA_API_SERVER_HTTP_INTERFCE=127.0.0.1\n';
  const [finding, ...rest] = runRule(unknownSetting, 'kuma-cp.env', text);
  assert.equal(rest.length, 0);
  assert.deepEqual(finding.range, span(1, 0, 1, 29));
  assert.match(finding.message, /Did you mean KUMA_API_SERVER_HTTP_INTERFACE\?/);
  const fixed = applyFix(text, finding.fixes![0]);
  assert.equal(fixed, 'KUMA_MODE=zone\nKUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1\n');
  assert.deepEqual(runRule(unknownSetting, 'kuma-cp.env', fixed), []);
});

test('the two names Kuma\'s defaults file gets wrong are renamed to the ones Kuma reads', () => {
  const text = [
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: kuma-cp',
    '          env:',
    '            - name: KUMA_API_SERVER_HTTPS_CLIENT_CERTS_CA_FILE',
    '              value: /certs/ca.crt',
    '            - name: KUMA_STORE_POSTGRES_TLS_ROOT_CERT_PATH',
    '              value: /pg/ca.crt',
  ].join('\n');
  const doc = `kind: Deployment\n${text}\n`;
  const findings = runRule(unknownSetting, 'cp.yaml', doc);
  assert.equal(findings.length, 2);
  assert.equal(textAt(doc, findings[0].range), 'KUMA_API_SERVER_HTTPS_CLIENT_CERTS_CA_FILE');
  assert.match(findings[0].message, /defaults file.*KUMA_API_SERVER_HTTPS_TLS_CA_FILE/);
  assert.equal(textAt(doc, findings[1].range), 'KUMA_STORE_POSTGRES_TLS_ROOT_CERT_PATH');
  const fixed = applyFix(applyFix(doc, findings[1].fixes![0]), findings[0].fixes![0]);
  assert.match(fixed, /name: KUMA_API_SERVER_HTTPS_TLS_CA_FILE\n/);
  assert.match(fixed, /name: KUMA_STORE_POSTGRES_TLS_CA_PATH\n/);
  assert.deepEqual(runRule(unknownSetting, 'cp.yaml', fixed), []);
});

test('a lower-case name is reported with its upper-case spelling', () => {
  const text = 'controlPlane:\n  envVars:\n    kuma_dp_server_tls_cert_file: /c.crt\n';
  const [finding] = runRule(unknownSetting, 'values.yaml', text);
  assert.deepEqual(finding.range, span(2, 4, 2, 32));
  assert.match(finding.message, /upper-case/);
  assert.deepEqual(runRule(unknownSetting, 'values.yaml', applyFix(text, finding.fixes![0])), []);
});

test('a misspelled kuma-cp YAML key is renamed in place', () => {
  const text = 'apiServer:\n  http:\n    interfce: 127.0.0.1\n';
  const [finding, ...rest] = runRule(unknownSetting, 'kuma-cp.yaml', text);
  assert.equal(rest.length, 0);
  assert.deepEqual(finding.range, span(2, 4, 2, 12));
  const fixed = applyFix(text, finding.fixes![0]);
  assert.equal(fixed, 'apiServer:\n  http:\n    interface: 127.0.0.1\n');
  assert.deepEqual(runRule(unknownSetting, 'kuma-cp.yaml', fixed), []);
});

test('known names and KUMA_ names outside the covered namespaces stay quiet', () => {
  const text = 'KUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1\nKUMA_XDS_SERVER_DATAPLANE_STATUS_FLUSH_INTERVAL=1s\nKUMA_MODE=zone\nkuma_dns_enabled=true\n';
  assert.deepEqual(runRule(unknownSetting, 'kuma-cp.env', text), []);
  assert.deepEqual(runRule(unknownSetting, 'kuma-cp.yaml', 'apiServer:\n  http:\n    interface: 127.0.0.1\nstore:\n  type: memory\n'), []);
});

test('a typo inside the namespace part is still caught and renamed', () => {
  const text = 'KUMA_MULTIZONE_ZONE_GLOBAL_ADRESS=grpcs://global:5685\n';
  const [finding] = runRule(unknownSetting, 'zone.env', text);
  assert.deepEqual(finding.range, span(0, 0, 0, 33));
  const fixed = applyFix(text, finding.fixes![0]);
  assert.equal(fixed, 'KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS=grpcs://global:5685\n');
  assert.deepEqual(runRule(unknownSetting, 'zone.env', fixed), []);
});
