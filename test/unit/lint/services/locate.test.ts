// The editor-free half of hovers and completions: what is at a position, how it pairs, where
// a half-typed YAML cursor is.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDocument } from '../../../../src/lint/model/document';
import { CertificateAuthority, GeneratedCertificate, generateCa, issueCertificate } from '../../../../src/pki/generate';
import { caBundlePartners, documentLookup, describedSlots, helmValueAt, materialAt, pairingNotes, settingAt } from '../../../../src/lint/services/locate';
import { yamlCursor } from '../../../../src/lint/services/yamlContext';
import { definedSecrets } from '../../../../src/lint/secretNames';

let ca: CertificateAuthority;
let leaf: GeneratedCertificate;
let stranger: GeneratedCertificate;

before(async () => {
  ca = await generateCa({ commonName: 'locate-ca', keyType: 'ecdsa' });
  leaf = await issueCertificate(ca, { type: 'server', hostnames: ['kuma-control-plane.kuma-system.svc'], keyType: 'ecdsa' });
  stranger = await issueCertificate(await generateCa({ commonName: 'stranger', keyType: 'ecdsa' }), { type: 'server', hostnames: ['x'], keyType: 'ecdsa' });
});

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function secret(name: string, key: string): string {
  return ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, '  namespace: kuma-system', 'type: kubernetes.io/tls', 'data:', `  tls.crt: ${b64(leaf.certPem)}`, `  tls.key: ${b64(key)}`, `  ca.crt: ${b64(ca.certPem)}`, ''].join('\n');
}

test('a Secret data value: the certificate with its key and CA checked; the key described without material', () => {
  const doc = buildDocument('/w/secret.yaml', secret('general-tls-certs', stranger.keyPem), 1);
  const at = materialAt(doc, { line: 7, character: 20 });
  assert.ok(at);
  assert.equal(at.slot.slot.label, 'tls.crt of Secret general-tls-certs');
  assert.equal(at.items.length, 1);
  const notes = pairingNotes(at.items[0].item, at.slot.described, at.slot.slot.role, at.partners);
  assert.deepEqual(notes, [
    { ok: false, text: 'does not match the private key in tls.key of Secret general-tls-certs' },
    { ok: true, text: 'signed by the CA in ca.crt of Secret general-tls-certs' },
  ]);
  const keyAt = materialAt(doc, { line: 8, character: 12 });
  assert.ok(keyAt && keyAt.items[0].item.kind === 'private-key');
  assert.deepEqual(pairingNotes(keyAt.items[0].item, keyAt.slot.described, keyAt.slot.slot.role, keyAt.partners), [
    { ok: false, text: 'does not match the certificate in tls.crt of Secret general-tls-certs' },
  ]);
  const caAt = materialAt(doc, { line: 9, character: 12 });
  assert.ok(caAt);
  assert.deepEqual(pairingNotes(caAt.items[0].item, caAt.slot.described, caAt.slot.slot.role, caAt.partners), [
    { ok: true, text: 'issued the certificate in tls.crt of Secret general-tls-certs' },
  ]);
  assert.equal(materialAt(doc, { line: 3, character: 8 }), null);
});

test('a PEM file: the block under the cursor, its own lines; lenses list certificates only where they are', () => {
  const text = `${leaf.certPem}${ca.certPem}`;
  const doc = buildDocument('/w/bundle.pem', text, 1);
  const secondStart = leaf.certPem.split('\n').length - 1;
  const at = materialAt(doc, { line: secondStart + 2, character: 3 });
  assert.ok(at);
  assert.equal(at.items.length, 1);
  assert.equal(at.items[0].range.start.line, secondStart);
  assert.ok(at.items[0].item.kind === 'certificate' && at.items[0].item.facts.isCA);
  const slots = describedSlots(doc);
  assert.deepEqual(slots.flatMap((s) => s.items.map((i) => i.range.start.line)), [0, secondStart]);
});

test('setting names in env files, envVars and kuma-cp YAML; Helm values keys', () => {
  const env = buildDocument('/w/kuma-cp.env', 'KUMA_GENERAL_TLS_CERT_FILE=/certs/tls.crt\nOTHER=1\n', 1);
  assert.equal(settingAt(env, { line: 0, character: 5 })?.setting.yamlPath, 'general.tlsCertFile');
  assert.equal(settingAt(env, { line: 1, character: 2 }), null);
  const values = buildDocument('/w/values.yaml', 'controlPlane:\n  envVars:\n    KUMA_API_SERVER_HTTP_INTERFACE: 127.0.0.1\n  tls:\n    general:\n      secretName: x\n', 1);
  assert.equal(settingAt(values, { line: 2, character: 8 })?.setting.env, 'KUMA_API_SERVER_HTTP_INTERFACE');
  assert.equal(helmValueAt(values, { line: 5, character: 9 })?.value.path, 'controlPlane.tls.general.secretName');
  assert.equal(helmValueAt(values, { line: 5, character: 20 }), null, 'the value is not the key');
  const cp = buildDocument('/w/kuma-cp.yaml', 'apiServer:\n  http:\n    interface: 0.0.0.0\n', 1);
  assert.equal(settingAt(cp, { line: 2, character: 6 })?.setting.env, 'KUMA_API_SERVER_HTTP_INTERFACE');
});

test('a KUMA_CONTROL_PLANE_CA_CERT value and a workload env name', () => {
  const pemLines = ca.certPem.trim().split('\n');
  const workload = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: dp',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: kuma-dp',
    '          env:',
    '            - name: KUMA_CONTROL_PLANE_CA_CERT',
    '              value: |',
    ...pemLines.map((l) => `                ${l}`),
    '',
  ].join('\n');
  const doc = buildDocument('/w/dp.yaml', workload, 1);
  assert.equal(settingAt(doc, { line: 10, character: 22 })?.setting.yamlPath, 'controlPlane.caCert');
  const at = materialAt(doc, { line: 14, character: 20 });
  assert.ok(at && at.items.length === 1);
  assert.equal(at.items[0].range.start.line, 12);
  assert.ok(at.items[0].item.kind === 'certificate' && at.items[0].item.facts.subject === 'CN=locate-ca');
});

test('a caBundle is checked against tls.crt of the Secret its secretName names, in another file', () => {
  const secretDoc = buildDocument('/w/secret.yaml', secret('general-tls-certs', leaf.keyPem), 1);
  const values = (bundle: string): ReturnType<typeof buildDocument> =>
    buildDocument('/w/values.yaml', `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: ${b64(bundle)}\n`, 1);
  for (const [bundle, expected] of [
    [ca.certPem, { ok: true, text: 'issued the certificate in tls.crt of Secret general-tls-certs' }],
    [stranger.certPem, { ok: false, text: 'did not issue the certificate in tls.crt of Secret general-tls-certs' }],
  ] as const) {
    const doc = values(bundle);
    const at = materialAt(doc, { line: 4, character: 20 });
    assert.ok(at);
    const { partners, notes } = caBundlePartners(doc, at.slot.slot, documentLookup([doc, secretDoc]));
    assert.deepEqual(notes, []);
    assert.deepEqual(pairingNotes(at.items[0].item, at.slot.described, at.slot.slot.role, partners), [expected]);
  }
  const unnamed = buildDocument('/w/values.yaml', `controlPlane:\n  tls:\n    general:\n      caBundle: ${b64(ca.certPem)}\n`, 1);
  const at = materialAt(unnamed, { line: 3, character: 20 });
  assert.ok(at);
  assert.deepEqual(caBundlePartners(unnamed, at.slot.slot, documentLookup([unnamed, secretDoc])), { partners: [], notes: [] });
});

test('yamlCursor: parents by indentation, key or value, prefix and quote', () => {
  const lines = ['controlPlane:', '  # comment', '  tls:', '    general:', '      secr', '      secretName: "gen', '  envVars:', '    KUMA_', ''];
  assert.deepEqual(yamlCursor(lines, 4, 10), { parents: ['controlPlane', 'tls', 'general'], at: 'key', prefix: 'secr', prefixStart: 6, indent: 6, quote: null });
  assert.deepEqual(yamlCursor(lines, 5, 23), { parents: ['controlPlane', 'tls', 'general'], at: 'value', key: 'secretName', prefix: 'gen', prefixStart: 20, indent: 6, quote: '"' });
  assert.deepEqual(yamlCursor(lines, 7, 9)?.parents, ['controlPlane', 'envVars']);
  assert.deepEqual(yamlCursor(lines, 8, 0), { parents: [], at: 'key', prefix: '', prefixStart: 0, indent: 0, quote: null });
  assert.equal(yamlCursor(['a: [1,', '  2'], 1, 3), null);
});

test('definedSecrets: named Secrets of all documents, one per name and namespace, sorted', () => {
  const a = buildDocument('/w/a.yaml', secret('zeta', leaf.keyPem), 1);
  const b = buildDocument('/w/b.yaml', `${secret('alpha', leaf.keyPem)}---\n${secret('zeta', leaf.keyPem)}`, 1);
  const names = definedSecrets([a, b]);
  assert.deepEqual(names.map((s) => [s.name, s.path]), [['alpha', '/w/b.yaml'], ['zeta', '/w/a.yaml']]);
  assert.deepEqual(names[0].keys, ['tls.crt', 'tls.key', 'ca.crt']);
});
