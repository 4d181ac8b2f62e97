// The global KDS server certificate against the zones of the workspace (cross-file forms of
// cert-hostname-mismatch and cert-untrusted), reported on the certificate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace } from '../../../../src/lint/workspace';
import { b64, keys, lineOf, makeCert, NOW, only, secretYaml } from '../fixtures';

const ca = makeCert({ isCA: true, keys: keys(1), commonName: 'kds-ca' });
const otherCa = makeCert({ isCA: true, keys: keys(3), commonName: 'other-ca' });
const globalCert = makeCert({ issuer: ca, keys: keys(2), hosts: ['global.example.com'] });

const GLOBAL_SECRET = secretYaml('kds-global-tls', { 'tls.crt': b64(globalCert.certPem), 'tls.key': b64(globalCert.keyPem), 'ca.crt': b64(ca.certPem) });
const GLOBAL_VALUES = 'controlPlane:\n  mode: global\n  tls:\n    kdsGlobalServer:\n      secretName: kds-global-tls\n';
const zoneValues = (address: string) => `controlPlane:\n  mode: zone\n  zone: east\n  kdsGlobalAddress: ${address}\n  tls:\n    kdsZoneClient:\n      secretName: kds-ca\n`;

function workspace(zoneCa: string, address: string): LintWorkspace {
  const ws = new LintWorkspace({ now: NOW });
  ws.setDocument('/w/global/secret.yaml', GLOBAL_SECRET);
  ws.setDocument('/w/global/values.yaml', GLOBAL_VALUES);
  ws.setDocument('/w/zone/values.yaml', zoneValues(address));
  ws.setDocument('/w/zone/secret.yaml', secretYaml('kds-ca', { 'ca.crt': b64(zoneCa) }));
  return ws;
}

const tlsCrtLine = lineOf(GLOBAL_SECRET, 'tls.crt:');

test('a zone that connects to a host the global KDS certificate covers, with the CA that issued it: no finding', () => {
  const ws = workspace(ca.certPem, 'grpcs://global.example.com:5685');
  for (const rule of ['cert-hostname-mismatch', 'cert-untrusted']) assert.deepEqual(only([...ws.lintAll().values()].flat(), rule), [], rule);
});

test('cert-hostname-mismatch: the zone\'s kdsGlobalAddress host is not among the global KDS certificate\'s SANs', () => {
  const ws = workspace(ca.certPem, 'grpcs://kds.example.org:5685');
  const [finding] = only(ws.lint('/w/global/secret.yaml'), 'cert-hostname-mismatch');
  assert.ok(finding);
  assert.equal(finding.range.start.line, tlsCrtLine);
  assert.match(finding.message, /kds\.example\.org/);
  assert.deepEqual(finding.related.map((r) => [r.path, r.range.start.line, r.range.start.character]), [['/w/zone/values.yaml', 3, 20]]);
  assert.ok(ws.dependentsOf('/w/zone/values.yaml').includes('/w/global/secret.yaml'));
  ws.setDocument('/w/zone/values.yaml', zoneValues('grpcs://global.example.com:5685'));
  assert.deepEqual(only(ws.lint('/w/global/secret.yaml'), 'cert-hostname-mismatch'), []);
});

test('cert-untrusted: the zone verifies the global KDS certificate with another CA', () => {
  const ws = workspace(otherCa.certPem, 'grpcs://global.example.com:5685');
  const [finding] = only(ws.lint('/w/global/secret.yaml'), 'cert-untrusted');
  assert.ok(finding);
  assert.equal(finding.range.start.line, tlsCrtLine);
  assert.deepEqual(finding.related.map((r) => r.path), ['/w/zone/secret.yaml', '/w/zone/values.yaml']);
});

test('universal zone: KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS with an IP and KUMA_MULTIZONE_ZONE_KDS_ROOT_CA_FILE in the workspace', () => {
  const ws = new LintWorkspace({ now: NOW });
  ws.setDocument('/w/global/secret.yaml', GLOBAL_SECRET);
  ws.setDocument('/w/global/values.yaml', GLOBAL_VALUES);
  ws.setDocument('/w/zone/kds-ca.crt', otherCa.certPem);
  const env = 'KUMA_MODE=zone\nKUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS=grpcs://10.0.0.5:5685\nKUMA_MULTIZONE_ZONE_KDS_ROOT_CA_FILE=./kds-ca.crt\n';
  ws.setDocument('/w/zone/kuma-cp.env', env);
  const findings = ws.lint('/w/global/secret.yaml');
  assert.match(only(findings, 'cert-hostname-mismatch')[0].message, /10\.0\.0\.5/);
  assert.deepEqual(only(findings, 'cert-untrusted')[0].related[0].path, '/w/zone/kds-ca.crt');
});

test('cert-hostname-mismatch: the API server certificate vs kumactl config control-planes add --address and kumactl config URLs', () => {
  const api = makeCert({ issuer: ca, keys: keys(2), hosts: ['cp.example.com'] });
  const secret = secretYaml('api-tls', { 'tls.crt': b64(api.certPem), 'tls.key': b64(api.keyPem) });
  const ws = new LintWorkspace({ now: NOW });
  ws.setDocument('/w/api-secret.yaml', secret);
  ws.setDocument('/w/values.yaml', 'controlPlane:\n  tls:\n    apiServer:\n      secretName: api-tls\n');
  const script = 'kumactl config control-planes add --name prod --address https://kuma.example.net:5682 --ca-cert-file ca.crt\n';
  ws.setDocument('/w/login.sh', script);
  ws.setDocument('/w/kumactl.yaml', 'controlPlanes:\n  - name: local\n    coordinates:\n      apiServer:\n        url: https://cp.example.com:5682\n  - name: plain\n    coordinates:\n      apiServer:\n        url: http://other.example.org:5681\n');
  const findings = only(ws.lint('/w/api-secret.yaml'), 'cert-hostname-mismatch');
  assert.equal(findings.length, 1, 'the covered host and the plain-HTTP URL are fine');
  assert.equal(findings[0].range.start.line, lineOf(secret, 'tls.crt:'));
  assert.deepEqual(findings[0].related.map((r) => [r.path, r.range.start.character]), [['/w/login.sh', script.indexOf('https://')]]);
});

test('a zone on plaintext grpc:// has no certificate to check', () => {
  const ws = workspace(otherCa.certPem, 'grpc://kds.example.org:5685');
  const findings = ws.lint('/w/global/secret.yaml');
  assert.deepEqual([...only(findings, 'cert-hostname-mismatch'), ...only(findings, 'cert-untrusted')], []);
});
