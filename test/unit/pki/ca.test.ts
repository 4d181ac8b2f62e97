// A CA and the leaves it issues: chain, key identifiers, usages, and the checks on a reused CA.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import {
  CertificateAuthority,
  GeneratedCertificate,
  generateCa,
  generateTlsCertificate,
  issueCertificate,
} from '../../../src/pki/generate';
import { loadCa } from '../../../src/pki/loadCa';
import { certificateStructure } from '../../../src/pki/structure';
import { OID } from '../../../src/pki/oids';
import { certificateText, opensslVerify, publicKeysOf } from './support';

// Real time: openssl verify checks validity against the clock.
const NOW = new Date();
let ca: CertificateAuthority;
let otherCa: CertificateAuthority;
let rsaLeaf: GeneratedCertificate;
let ecdsaLeaf: GeneratedCertificate;

before(async () => {
  ca = await generateCa({ commonName: 'kuma-ca', keyType: 'ecdsa', validityDays: 365, now: NOW });
  otherCa = await generateCa({ commonName: 'kuma-ca', keyType: 'ecdsa' });
  rsaLeaf = await issueCertificate(ca, { type: 'server', hostnames: ['kuma-control-plane.kuma-system', '10.0.0.5'], keyType: 'rsa', now: NOW, validityDays: 30 });
  ecdsaLeaf = await issueCertificate(ca, { type: 'client', hostnames: ['zone-1.example'], keyType: 'ecdsa', commonName: 'zone-1', now: NOW, validityDays: 30 });
});

test('the CA: subject CN, CA:TRUE critical, keyCertSign+cRLSign, SKI, no SAN or EKU', () => {
  const x509 = new X509Certificate(ca.certPem);
  const structure = certificateStructure(x509.raw);
  assert.equal(x509.subject, 'CN=kuma-ca');
  assert.equal(x509.issuer, 'CN=kuma-ca');
  assert.ok(x509.ca);
  assert.deepEqual(structure.basicConstraints, { isCA: true });
  assert.deepEqual(structure.keyUsage, ['keyCertSign', 'cRLSign']);
  assert.equal(structure.extKeyUsage, undefined);
  assert.equal(x509.subjectAltName, undefined);
  assert.equal(structure.subjectKeyId?.length, 20);
  assert.equal(new Date(x509.validTo).getTime() - new Date(x509.validFrom).getTime(), 365 * 86_400_000);
  const text = certificateText(ca.certPem);
  assert.match(text, /X509v3 Key Usage: critical\n\s+Certificate Sign, CRL Sign\n/);
  assert.match(ca.keyPem, /BEGIN EC PRIVATE KEY/);
});

test('an RSA leaf from an ECDSA CA: CA:FALSE, AKI = CA SKI, issuer = CA subject, openssl verifies the chain', () => {
  const leaf = new X509Certificate(rsaLeaf.certPem);
  const structure = certificateStructure(leaf.raw);
  const caStructure = certificateStructure(new X509Certificate(ca.certPem).raw);
  assert.equal(leaf.ca, false);
  assert.deepEqual(structure.basicConstraints, { isCA: false });
  assert.ok(structure.extensions.find((extension) => extension.oid === OID.basicConstraints)?.critical);
  assert.deepEqual(structure.authorityKeyId, caStructure.subjectKeyId);
  assert.deepEqual(structure.issuerDer, caStructure.subjectDer);
  assert.equal(structure.subjectDer.toString('hex'), '3000');
  assert.deepEqual(structure.keyUsage, ['digitalSignature', 'keyEncipherment']);
  assert.deepEqual(structure.extKeyUsage, [OID.serverAuth]);
  assert.equal(structure.signatureAlgorithm, OID.ecdsaWithSHA256);
  assert.equal(leaf.subjectAltName, 'DNS:kuma-control-plane.kuma-system, IP Address:10.0.0.5');
  assert.ok(structure.extensions.find((extension) => extension.oid === OID.subjectAltName)?.critical);
  assert.ok(leaf.checkIssued(new X509Certificate(ca.certPem)));
  const verification = opensslVerify(ca.certPem, rsaLeaf.certPem);
  assert.ok(verification.ok, verification.output);
  const keys = publicKeysOf(rsaLeaf.certPem, rsaLeaf.keyPem);
  assert.equal(keys.fromCert, keys.fromKey);
  assert.match(rsaLeaf.keyPem, /BEGIN RSA PRIVATE KEY/);
  assert.match(certificateText(rsaLeaf.certPem), /Authority Key Identifier/);
});

test('an ECDSA client leaf with a CN: digitalSignature only, SAN not critical, clientAuth', () => {
  const leaf = new X509Certificate(ecdsaLeaf.certPem);
  const structure = certificateStructure(leaf.raw);
  assert.equal(leaf.subject, 'CN=zone-1');
  assert.deepEqual(structure.keyUsage, ['digitalSignature']);
  assert.deepEqual(structure.extKeyUsage, [OID.clientAuth]);
  assert.equal(structure.extensions.find((extension) => extension.oid === OID.subjectAltName)?.critical, false);
  assert.ok(opensslVerify(ca.certPem, ecdsaLeaf.certPem).ok);
});

test('a leaf does not verify against another CA with the same name', () => {
  const verification = opensslVerify(otherCa.certPem, rsaLeaf.certPem);
  assert.equal(verification.ok, false);
  assert.match(verification.output, /signature failure|unable to get local issuer|certificate signature/i);
});

test('a leaf never outlives its CA', async () => {
  const leaf = await issueCertificate(ca, { type: 'server', hostnames: ['long.example'], keyType: 'ecdsa', now: NOW, validityDays: 3650 });
  assert.equal(new X509Certificate(leaf.certPem).validTo, new X509Certificate(ca.certPem).validTo);
});

test('loadCa accepts a matching CA pair and can issue with it', async () => {
  const loaded = loadCa(ca.certPem, ca.keyPem, NOW);
  assert.deepEqual(loaded.subjectKeyId, ca.subjectKeyId);
  const leaf = await issueCertificate(loaded, { type: 'server', hostnames: ['reused.example'], keyType: 'ecdsa', now: NOW });
  assert.ok(opensslVerify(ca.certPem, leaf.certPem).ok);
});

test('loadCa refuses a key of another CA, a leaf, an expired CA and unreadable PEM', async () => {
  assert.throws(() => loadCa(ca.certPem, otherCa.keyPem, NOW), /the CA key does not belong to the CA certificate/);
  assert.throws(() => loadCa(ecdsaLeaf.certPem, ecdsaLeaf.keyPem, NOW), /is not a CA/);
  assert.throws(() => loadCa(ca.certPem, ca.keyPem, new Date(NOW.getTime() + 400 * 86_400_000)), /CA certificate expired on 20/);
  assert.throws(() => loadCa('not a certificate', ca.keyPem), /not a readable PEM certificate/);
  assert.throws(() => loadCa(ca.certPem, '-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n'), (error: unknown) => {
    assert.match((error as Error).message, /the CA key: the private key is not a readable unencrypted PEM key/);
    return true;
  });
});

test('loadCa takes a kumactl self-signed certificate as a CA (it is CA:TRUE with keyCertSign)', async () => {
  const kumactlStyle = await generateTlsCertificate({ type: 'server', hostnames: ['cp.example'], keyType: 'ecdsa' });
  const loaded = loadCa(kumactlStyle.certPem, kumactlStyle.keyPem);
  const leaf = await issueCertificate(loaded, { type: 'server', hostnames: ['leaf.example'], keyType: 'ecdsa' });
  assert.ok(opensslVerify(kumactlStyle.certPem, leaf.certPem).ok);
});

test('generateCa needs a common name', async () => {
  await assert.rejects(generateCa({ commonName: ' ' }), /common name/);
});
