// The rules during a CA rotation (a bundle of the old and the new CA is trust, not a mismatch) and
// expiry that follows a certificate's lifetime or its cert-manager Certificate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace, lintText } from '../../../src/lint/workspace';
import { Finding } from '../../../src/lint/types';
import { b64, keys, lineOf, makeCert, NOW, only, secretYaml } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const oldCa = makeCert({ isCA: true, keys: keys(1), commonName: 'kuma-ca' });
const newCa = makeCert({ isCA: true, keys: keys(3), commonName: 'kuma-ca-20261127' });
const leafOfOld = makeCert({ issuer: oldCa, keys: keys(2) });
const leafOfNew = makeCert({ issuer: newCa, keys: keys(4) });

function all(ws: LintWorkspace): Finding[] {
  return [...ws.lintAll().values()].flat();
}

function generalWorkspace(secretCa: string, caBundle: string, leaf: { certPem: string; keyPem: string }): LintWorkspace {
  const ws = new LintWorkspace({ now: NOW });
  ws.setDocument('/w/secret.yaml', secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(secretCa) }));
  ws.setDocument('/w/values.yaml', `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: ${b64(caBundle)}\n`);
  return ws;
}

test('each phase of a CA rotation of the general channel lints clean (Secret ca.crt and caBundle as bundles)', () => {
  const both = oldCa.certPem + newCa.certPem;
  for (const [phase, secretCa, caBundle, leaf] of [
    ['1: trust both', both, both, leafOfOld],
    ['2: leaf from the new CA', both, both, leafOfNew],
    ['new CA first in the Secret, the old one alone in caBundle, leaf still from the old CA', newCa.certPem + oldCa.certPem, oldCa.certPem, leafOfOld],
    ['3: Secret already new-only, caBundle still both', newCa.certPem, both, leafOfNew],
  ] as const) {
    assert.deepEqual(all(generalWorkspace(secretCa, caBundle, leaf)).map((f) => `${f.rule}: ${f.message}`), [], phase);
  }
});

test('ca-bundle-mismatch still fires when the bundle lacks the CA that issued the served certificate', () => {
  const ws = generalWorkspace(oldCa.certPem + newCa.certPem, newCa.certPem, leafOfOld);
  const [finding] = only(all(ws), 'ca-bundle-mismatch');
  assert.ok(finding, 'the API server (caBundle: new CA only) cannot verify a certificate of the old CA');
  assert.equal(finding.path, '/w/values.yaml');
  assert.equal(finding.range.start.line, 4);
  // No CA in common at all: the old behaviour.
  assert.equal(only(all(generalWorkspace(oldCa.certPem, newCa.certPem, leafOfOld)), 'ca-bundle-mismatch').length, 1);
});

test('cert-untrusted: a leaf signed by either CA of the Secret\'s ca.crt bundle is trusted, by neither is not', () => {
  for (const leaf of [leafOfOld, leafOfNew]) {
    const text = secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(oldCa.certPem + newCa.certPem) });
    assert.deepEqual(only(lintText('/w/secret.yaml', text, { now: NOW }), 'cert-untrusted'), []);
  }
  const stranger = makeCert({ isCA: true, keys: keys(5), commonName: 'stranger' });
  const text = secretYaml('general-tls-certs', { 'tls.crt': b64(leafOfOld.certPem), 'tls.key': b64(leafOfOld.keyPem), 'ca.crt': b64(newCa.certPem + stranger.certPem) });
  assert.equal(only(lintText('/w/secret.yaml', text, { now: NOW }), 'cert-untrusted').length, 1);
});

test('cert-untrusted (KDS): a zone whose ca.crt bundles the old and the new CA trusts a global certificate of the new CA', () => {
  const globalCert = makeCert({ issuer: newCa, keys: keys(2), hosts: ['global.example.com'] });
  const ws = new LintWorkspace({ now: NOW });
  ws.setDocument('/w/global/secret.yaml', secretYaml('kds-global-tls', { 'tls.crt': b64(globalCert.certPem), 'tls.key': b64(globalCert.keyPem) }));
  ws.setDocument('/w/global/values.yaml', 'controlPlane:\n  mode: global\n  tls:\n    kdsGlobalServer:\n      secretName: kds-global-tls\n');
  ws.setDocument('/w/zone/values.yaml', 'controlPlane:\n  mode: zone\n  zone: east\n  kdsGlobalAddress: grpcs://global.example.com:5685\n  tls:\n    kdsZoneClient:\n      secretName: kds-ca\n');
  ws.setDocument('/w/zone/secret.yaml', secretYaml('kds-ca', { 'ca.crt': b64(oldCa.certPem + newCa.certPem) }));
  assert.deepEqual(only(all(ws), 'cert-untrusted'), []);
  ws.setDocument('/w/zone/secret.yaml', secretYaml('kds-ca', { 'ca.crt': b64(oldCa.certPem) }));
  assert.equal(only(all(ws), 'cert-untrusted').length, 1, 'the old CA alone does not');
});

test('a bundle that still holds an expired CA: cert-expired on that block only (lint-rules.md: notAfter in the past)', () => {
  const expiredCa = makeCert({ isCA: true, keys: keys(5), commonName: 'retired-ca', notBefore: new Date(NOW.getTime() - 400 * DAY), notAfter: new Date(NOW.getTime() - DAY) });
  const bundle = expiredCa.certPem + newCa.certPem;
  const findings = lintText('/w/ca.crt', bundle, { now: NOW });
  const expired = only(findings, 'cert-expired');
  assert.equal(expired.length, 1);
  assert.equal(expired[0].range.start.line, 0, 'on the first block, the expired CA');
  assert.match(expired[0].message, /retired-ca/);
  assert.deepEqual(findings.filter((f) => f.rule !== 'cert-expired'), []);
  // The same bundle in a Secret's ca.crt and in caBundle.
  const ws = generalWorkspace(bundle, bundle, leafOfNew);
  assert.equal(only(ws.lint('/w/secret.yaml'), 'cert-expired').length, 1);
  assert.equal(only(ws.lint('/w/values.yaml'), 'cert-expired').length, 1);
});

function certLasting(lifetimeDays: number, remainingDays: number) {
  return makeCert({ keys: keys(2), hosts: ['a.example'], notBefore: new Date(NOW.getTime() - (lifetimeDays - remainingDays) * DAY), notAfter: new Date(NOW.getTime() + remainingDays * DAY) });
}

test('cert-expiring follows the lifetime: less than expiryLifetimeFraction (default 0.1) of it left, beyond the 30-day window', () => {
  const tenYears = certLasting(3650, 300);
  const [finding] = only(lintText('/w/tls.crt', tenYears.certPem, { now: NOW }), 'cert-expiring');
  assert.ok(finding, '300 of 3650 days left is under 10%');
  assert.match(finding.message, /expires in 300 day\(s\).*less than 10% of its 3650-day lifetime remains/);
  assert.deepEqual(only(lintText('/w/tls.crt', certLasting(3650, 400).certPem, { now: NOW }), 'cert-expiring'), [], '400 of 3650 days is more than 10%');
  assert.deepEqual(only(lintText('/w/tls.crt', tenYears.certPem, { now: NOW, expiryLifetimeFraction: 0 }), 'cert-expiring'), [], '0 turns the fraction off');
  assert.equal(only(lintText('/w/tls.crt', certLasting(3650, 1000).certPem, { now: NOW, expiryLifetimeFraction: 1 / 3 }), 'cert-expiring').length, 1, "cert-manager's third");
  // The window alone, as before: 20 days left of a year.
  const [windowed] = only(lintText('/w/tls.crt', certLasting(365, 20).certPem, { now: NOW }), 'cert-expiring');
  assert.match(windowed.message, /expires in 20 day\(s\), on [^ ]+\. Renew/);
});

function certificateResource(spec: string): string {
  return `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: general\n  namespace: kuma-system\nspec:\n  secretName: general-tls-certs\n${spec}  issuerRef:\n    name: kuma-ca-issuer\n`;
}

test("cert-expiring: a cert-manager Certificate producing the Secret decides with its renewBefore (or a third of its duration)", () => {
  // 90-day certificate with 40 days left: beyond the 30-day window and above 10% of the lifetime.
  const cert = certLasting(90, 40);
  const secret = secretYaml('general-tls-certs', { 'tls.crt': b64(cert.certPem), 'tls.key': b64(cert.keyPem) });
  const line = lineOf(secret, 'tls.crt:');
  const verdict = (resource: string | null) => {
    const ws = new LintWorkspace({ now: NOW });
    ws.setDocument('/w/secret.yaml', secret);
    if (resource !== null) ws.setDocument('/w/certificate.yaml', resource);
    return only(ws.lint('/w/secret.yaml'), 'cert-expiring');
  };
  assert.deepEqual(verdict(null), [], 'no Certificate: 40 of 90 days is not expiring');
  const [late] = verdict(certificateResource('  duration: 2160h\n  renewBefore: 1080h\n'));
  assert.ok(late, 'renewBefore 45 days: cert-manager should have renewed it 5 days ago');
  assert.equal(late.range.start.line, line);
  assert.match(late.message, /cert-manager Certificate renews it \(45 day\(s\) before expiry\)/);
  assert.deepEqual(verdict(certificateResource('  duration: 2160h\n  renewBefore: 720h\n')), [], 'renewBefore 30 days: not due yet');
  assert.equal(verdict(certificateResource('  duration: 2160h\n')).length, 0, 'default renewBefore is a third of 90 days: 30 days, not due');
  assert.equal(verdict(certificateResource('  duration: 3000h\n')).length, 1, 'a third of 125 days is 41.7 days: due');
  assert.equal(verdict(certificateResource('  duration: 2160h\n  renewBeforePercentage: 50\n')).length, 1, '50% of 90 days: due');
  // The Certificate of another Secret does not count.
  assert.deepEqual(verdict(certificateResource('  renewBefore: 1080h\n').replace('secretName: general-tls-certs', 'secretName: other')), []);
  // The Certificate is a dependency: editing it re-lints the Secret.
  const ws = new LintWorkspace({ now: NOW });
  ws.setDocument('/w/secret.yaml', secret);
  ws.setDocument('/w/certificate.yaml', certificateResource('  renewBefore: 720h\n'));
  ws.lint('/w/secret.yaml');
  ws.setDocument('/w/certificate.yaml', certificateResource('  renewBefore: 1080h\n'));
  assert.ok(ws.dependentsOf('/w/certificate.yaml').includes('/w/secret.yaml'));
  assert.equal(only(ws.lint('/w/secret.yaml'), 'cert-expiring').length, 1);
});
