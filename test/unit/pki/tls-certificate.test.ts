// kumactl parity (reference §1.2, §9), checked through Node's X509Certificate, our DER reader and openssl.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { GeneratedCertificate, generateTlsCertificate } from '../../../src/pki/generate';
import { certificateStructure } from '../../../src/pki/structure';
import { OID } from '../../../src/pki/oids';
import { certificateText, opensslVerify, publicKeysOf } from './support';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const FIVE_MINUTES = 5 * 60 * 1000;
const HOSTNAMES = ['kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc', '*.mesh.example', '10.1.2.3', '2001:db8::7'];

for (const keyType of ['rsa', 'ecdsa'] as const) {
  describe(`kumactl tls-certificate, ${keyType}`, () => {
    let server: GeneratedCertificate;
    let x509: X509Certificate;
    let text: string;

    before(async () => {
      server = await generateTlsCertificate({ type: 'server', hostnames: HOSTNAMES, keyType, now: NOW });
      x509 = new X509Certificate(server.certPem);
      text = certificateText(server.certPem);
    });

    test('PEM blocks: CERTIFICATE and the traditional key encoding (PKCS#1 / SEC 1)', () => {
      assert.match(server.certPem, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/);
      const keyLabel = keyType === 'rsa' ? 'RSA PRIVATE KEY' : 'EC PRIVATE KEY';
      assert.match(server.keyPem, new RegExp(`^-----BEGIN ${keyLabel}-----\\n[\\s\\S]+-----END ${keyLabel}-----\\n$`));
    });

    test('key type and size: RSA 2048 / P-256, SHA-256 signature', () => {
      const details = x509.publicKey.asymmetricKeyDetails;
      if (keyType === 'rsa') {
        assert.equal(x509.publicKey.asymmetricKeyType, 'rsa');
        assert.equal(details?.modulusLength, 2048);
        assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
        assert.match(text, /Public-Key: \(2048 bit\)/);
      } else {
        assert.equal(x509.publicKey.asymmetricKeyType, 'ec');
        assert.equal(details?.namedCurve, 'prime256v1');
        assert.match(text, /Signature Algorithm: ecdsa-with-SHA256/);
        assert.match(text, /NIST CURVE: P-256/);
      }
      const expectedOid = keyType === 'rsa' ? OID.sha256WithRSAEncryption : OID.ecdsaWithSHA256;
      assert.equal(certificateStructure(x509.raw).signatureAlgorithm, expectedOid);
    });

    test('self-signed with an empty subject and issuer, verified by openssl against itself', () => {
      // Node reports an empty Name as undefined despite its typings.
      assert.equal(x509.subject ?? '', '');
      assert.equal(x509.issuer ?? '', '');
      assert.ok(x509.checkIssued(x509));
      assert.ok(x509.verify(x509.publicKey));
      const structure = certificateStructure(x509.raw);
      assert.equal(structure.subjectDer.toString('hex'), '3000');
      assert.equal(structure.issuerDer.toString('hex'), '3000');
      assert.match(text, /Issuer: *\n/);
      assert.match(text, /Subject: *\n/);
      const verification = opensslVerify(server.certPem, server.certPem);
      assert.ok(verification.ok, verification.output);
    });

    test('version 3 and a positive 128-bit serial in minimal DER', () => {
      const structure = certificateStructure(x509.raw);
      assert.equal(structure.version, 3);
      // 128 random bits in minimal DER: up to 16 bytes, 17 with a 0x00 pad when the top bit is set,
      // fewer when the random top bytes are zero (1 run in 256 has a zero first byte).
      assert.ok(structure.serial.length >= 1 && structure.serial.length <= 17, `serial of ${structure.serial.length} bytes`);
      assert.equal(structure.serial[0] & 0x80, 0, 'a negative serial');
      if (structure.serial.length > 1 && structure.serial[0] === 0) {
        assert.ok(structure.serial[1] & 0x80, 'a 0x00 pad without need');
      }
      if (structure.serial.length === 17) assert.equal(structure.serial[0], 0, 'more than 128 bits');
      assert.ok(structure.serial.some((byte) => byte !== 0));
    });

    test('NotBefore = now - 5 min, NotAfter = NotBefore + 3650 days', () => {
      const notBefore = new Date(x509.validFrom);
      const notAfter = new Date(x509.validTo);
      assert.equal(notBefore.getTime(), NOW.getTime() - FIVE_MINUTES);
      assert.equal(notAfter.getTime() - notBefore.getTime(), 3650 * 24 * 60 * 60 * 1000);
      assert.match(text, /Not Before: Mar  1 11:55:00 2026 GMT/);
      assert.match(text, /Not After : Feb 27 11:55:00 2036 GMT/);
    });

    test('basicConstraints critical CA:TRUE without pathLen; keyUsage critical DS+KE+CertSign', () => {
      const structure = certificateStructure(x509.raw);
      assert.deepEqual(structure.basicConstraints, { isCA: true });
      assert.ok(x509.ca);
      assert.deepEqual(structure.keyUsage, ['digitalSignature', 'keyEncipherment', 'keyCertSign']);
      const critical = new Map(structure.extensions.map((extension) => [extension.oid, extension.critical]));
      assert.equal(critical.get(OID.basicConstraints), true);
      assert.equal(critical.get(OID.keyUsage), true);
      assert.match(text, /X509v3 Basic Constraints: critical\n\s+CA:TRUE\n/);
      assert.match(text, /X509v3 Key Usage: critical\n\s+Digital Signature, Key Encipherment, Certificate Sign\n/);
    });

    test('EKU serverAuth only; SAN critical with DNS and IP entries in order; SKI, no AKI', () => {
      const structure = certificateStructure(x509.raw);
      assert.deepEqual(structure.extKeyUsage, [OID.serverAuth]);
      assert.match(text, /X509v3 Extended Key Usage: *\n\s+TLS Web Server Authentication\n/);
      assert.equal(
        x509.subjectAltName,
        'DNS:kuma-control-plane.kuma-system, DNS:kuma-control-plane.kuma-system.svc, DNS:*.mesh.example, IP Address:10.1.2.3, IP Address:2001:DB8:0:0:0:0:0:7',
      );
      assert.match(text, /X509v3 Subject Alternative Name: critical\n/);
      assert.equal(structure.subjectKeyId?.length, 20);
      assert.equal(structure.authorityKeyId, undefined);
      assert.doesNotMatch(text, /Authority Key Identifier/);
      assert.deepEqual(
        structure.extensions.map((extension) => extension.oid),
        [OID.keyUsage, OID.extKeyUsage, OID.basicConstraints, OID.subjectKeyIdentifier, OID.subjectAltName],
      );
    });

    test('the private key belongs to the certificate (Node and openssl)', () => {
      const keys = publicKeysOf(server.certPem, server.keyPem);
      assert.equal(keys.fromCert, keys.fromKey);
      assert.match(keys.fromCert, /BEGIN PUBLIC KEY/);
    });
  });
}

test('--type=client gives clientAuth only', async () => {
  const client = await generateTlsCertificate({ type: 'client', hostnames: ['client.example'], keyType: 'ecdsa' });
  const x509 = new X509Certificate(client.certPem);
  assert.deepEqual(certificateStructure(x509.raw).extKeyUsage, [OID.clientAuth]);
  assert.match(certificateText(client.certPem), /TLS Web Client Authentication/);
  assert.doesNotMatch(certificateText(client.certPem), /TLS Web Server Authentication/);
});

test('RSA is the default key type', async () => {
  const pair = await generateTlsCertificate({ type: 'server', hostnames: ['default.example'] });
  assert.match(pair.keyPem, /BEGIN RSA PRIVATE KEY/);
});

test('bad requests are refused before any key is generated', async () => {
  await assert.rejects(generateTlsCertificate({ type: 'peer' as 'server', hostnames: ['a.b'] }), /invalid certificate type "peer"/);
  await assert.rejects(generateTlsCertificate({ type: 'server', hostnames: [] }), /at least one hostname must be given/);
  await assert.rejects(generateTlsCertificate({ type: 'server', hostnames: ['a b'] }), /invalid hostname/);
  await assert.rejects(generateTlsCertificate({ type: 'server', hostnames: ['a.b'], validityDays: 0 }), /invalid validity/);
});

test('a validity past 2049 is encoded as GeneralizedTime and read back intact', async () => {
  const pair = await generateTlsCertificate({ type: 'server', hostnames: ['long.example'], keyType: 'ecdsa', now: NOW, validityDays: 36500 });
  const x509 = new X509Certificate(pair.certPem);
  assert.equal(new Date(x509.validTo).getUTCFullYear(), 2126);
});
