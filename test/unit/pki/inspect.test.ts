import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CertificateAuthority, GeneratedCertificate, generateCa, issueCertificate } from '../../../src/pki/generate';
import {
  caBundleOf,
  certificateFacts,
  pemCertificateBlocks,
  subjectAltNameEntries,
} from '../../../src/pki/inspect';
import { checkableOfPem, issuedByCertificate } from '../../../src/pki/issuer';
import { openssl, verifies } from './support';

let ca: CertificateAuthority;
let otherCa: CertificateAuthority;
let leaf: GeneratedCertificate;

before(async () => {
  ca = await generateCa({ commonName: 'inspect-ca', keyType: 'ecdsa' });
  otherCa = await generateCa({ commonName: 'other-ca', keyType: 'ecdsa' });
  leaf = await issueCertificate(ca, { type: 'server', hostnames: ['a.example', '*.b.example', '192.0.2.1', '::1'], keyType: 'ecdsa' });
});

test('certificateFacts: names split by kind, dates, CA flag, key, EKU, fingerprint', () => {
  const facts = certificateFacts(leaf.certPem);
  assert.equal(facts.subject, '');
  assert.equal(facts.issuer, 'CN=inspect-ca');
  assert.equal(facts.selfSigned, false);
  assert.deepEqual(facts.dnsNames, ['a.example', '*.b.example']);
  assert.deepEqual(facts.ipAddresses, ['192.0.2.1', '0:0:0:0:0:0:0:1']);
  assert.equal(facts.isCA, false);
  assert.equal(facts.keyType, 'ec');
  assert.equal(facts.keyBits, 256);
  assert.equal(facts.curve, 'prime256v1');
  assert.deepEqual(facts.extKeyUsage, ['1.3.6.1.5.5.7.3.1']);
  assert.ok(facts.notBefore.getTime() < Date.now());
  assert.ok(facts.notAfter.getTime() > Date.now());
  const opensslFingerprint = openssl(['x509', '-noout', '-fingerprint', '-sha256'], leaf.certPem).trim().split('=')[1];
  assert.equal(facts.fingerprint256, opensslFingerprint);
  const caFacts = certificateFacts(ca.certPem);
  assert.equal(caFacts.selfSigned, true);
  assert.equal(caFacts.isCA, true);
  assert.equal(caFacts.extKeyUsage, undefined);
  assert.deepEqual(caFacts.dnsNames, []);
});

test('subjectAltNameEntries decodes the values Node quotes', () => {
  assert.deepEqual(subjectAltNameEntries('DNS:a.b, IP Address:10.0.0.1, DNS:"x, y", URI:"spiffe://a\\"b"'), [
    { kind: 'DNS', value: 'a.b' },
    { kind: 'IP Address', value: '10.0.0.1' },
    { kind: 'DNS', value: 'x, y' },
    { kind: 'URI', value: 'spiffe://a"b' },
  ]);
  assert.deepEqual(subjectAltNameEntries(undefined), []);
});

test('caBundleOf is base64 -w0 of the PEM text: one line that decodes back to it', () => {
  const bundle = caBundleOf(ca.certPem);
  assert.doesNotMatch(bundle, /\s/);
  assert.equal(Buffer.from(bundle, 'base64').toString('utf8'), ca.certPem);
  assert.equal(bundle, openssl(['base64', '-A'], ca.certPem));
  assert.ok(bundle.startsWith('LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t'));
});

test('issuedByCertificate (src/pki/issuer.ts) gives OpenSSL\'s verdict: the issuing CA yes, another CA no, a self-signed CA itself yes', () => {
  const cases: Array<[string, string, string]> = [
    ['issuing CA', ca.certPem, leaf.certPem],
    ['another CA', otherCa.certPem, leaf.certPem],
    ['the CA itself', ca.certPem, ca.certPem],
    ['the leaf as issuer of the CA', leaf.certPem, ca.certPem],
  ];
  for (const [label, issuerPem, leafPem] of cases) {
    const ours = issuedByCertificate(checkableOfPem(pemCertificateBlocks(leafPem)[0]), checkableOfPem(pemCertificateBlocks(issuerPem)[0]));
    assert.equal(ours, verifies(issuerPem, leafPem), label);
  }
  assert.equal(verifies(ca.certPem, leaf.certPem), true, 'the oracle says yes where it should');
  assert.equal(pemCertificateBlocks(otherCa.certPem + ca.certPem).length, 2);
});
