// A certificate and a private key are a pair when their public keys' identities are equal
// (lint/certs.ts publicKeyIdentity). The identity must not depend on how the key was encoded, must
// tell different keys apart for every key type Kuma meets, and must never carry the private half.
import assert from 'node:assert/strict';
import { generateKeyPairSync, KeyObject, X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { parseCertificate, privateKeyPublicId, publicKeyIdentity } from '../../../src/lint/certs';
import { certificateFacts } from '../../../src/pki/inspect';
import { lintText } from '../../../src/lint/workspace';
import { KeyPair } from '../../../src/pki/keys';
import { makeCert, rulesOf, secretYaml, SINGLE_FILE } from './fixtures';

function derOf(pem: string): Buffer {
  return new X509Certificate(pem).raw;
}

function rsaKeys(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { type: 'rsa', publicKey, privateKey };
}

function ecKeys(namedCurve: string): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve });
  return { type: 'ecdsa', publicKey, privateKey };
}

/** Every encoding Go's tls.LoadX509KeyPair reads for this key, with the PEM label it would carry. */
function encodingsOf(privateKey: KeyObject): Array<[label: string, der: Buffer]> {
  const out: Array<[string, Buffer]> = [['PRIVATE KEY', privateKey.export({ type: 'pkcs8', format: 'der' })]];
  if (privateKey.asymmetricKeyType === 'rsa') out.push(['RSA PRIVATE KEY', privateKey.export({ type: 'pkcs1', format: 'der' })]);
  if (privateKey.asymmetricKeyType === 'ec') out.push(['EC PRIVATE KEY', privateKey.export({ type: 'sec1', format: 'der' })]);
  // A DER key file has no label: every encoding is tried.
  return [...out, ...out.map(([, der]): [string, Buffer] => ['', der])];
}

for (const [name, make] of [
  ['RSA-2048', rsaKeys],
  ['ECDSA P-256', () => ecKeys('prime256v1')],
  ['ECDSA P-384', () => ecKeys('secp384r1')],
  ['ECDSA P-521', () => ecKeys('secp521r1')],
] as const) {
  test(`${name}: a certificate's identity equals its key's in every encoding, and not another key's`, () => {
    const keys = make();
    const cert = parseCertificate(derOf(makeCert({ keys }).certPem));
    assert.ok(cert);
    for (const [label, der] of encodingsOf(keys.privateKey)) assert.equal(privateKeyPublicId(label, der, {}), cert.publicKeyId, `${label || 'unlabelled'} ${der.length} bytes`);
    const other = make();
    assert.notEqual(publicKeyIdentity(other.publicKey), cert.publicKeyId);
    assert.notEqual(privateKeyPublicId('PRIVATE KEY', other.privateKey.export({ type: 'pkcs8', format: 'der' }), {}), cert.publicKeyId);
  });
}

test('Ed25519 and Ed448 keys have an identity of their own, the same from the private half', () => {
  for (const type of ['ed25519', 'ed448'] as const) {
    const a = generateKeyPairSync(type as 'ed25519');
    const b = generateKeyPairSync(type as 'ed25519');
    const id = publicKeyIdentity(a.publicKey);
    assert.match(id, /^OKP Ed(25519|448) /);
    assert.equal(privateKeyPublicId('PRIVATE KEY', a.privateKey.export({ type: 'pkcs8', format: 'der' }), {}), id);
    assert.notEqual(publicKeyIdentity(b.publicKey), id);
  }
});

test('a key type JWK has no form for (DSA) falls back to the SubjectPublicKeyInfo DER, alike from both halves', () => {
  const a = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
  const id = publicKeyIdentity(a.publicKey);
  assert.equal(id, `SPKI ${a.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`);
  assert.equal(privateKeyPublicId('PRIVATE KEY', a.privateKey.export({ type: 'pkcs8', format: 'der' }), {}), id);
});

test('the identity holds only public numbers: no window of the private key is in it', () => {
  for (const keys of [rsaKeys(), ecKeys('prime256v1')]) {
    const id = publicKeyIdentity(keys.publicKey);
    const jwk = keys.privateKey.export({ format: 'jwk' });
    for (const secret of [jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].filter((s): s is string => typeof s === 'string')) {
      for (let i = 0; i + 16 <= secret.length; i += 8) assert.ok(!id.includes(secret.slice(i, i + 16)));
    }
    const pkcs8 = keys.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    assert.ok(!id.includes(pkcs8.slice(-40, -20)));
  }
});

test('cert-key-mismatch on RSA pairs: its own key is quiet, another RSA key is reported', () => {
  const keys = rsaKeys();
  const cert = makeCert({ keys });
  const pem = (k: KeyObject): string => k.export({ type: 'pkcs1', format: 'pem' }).toString();
  assert.deepEqual(lintText('/w/secret.yaml', secretYaml('general-tls-certs', { 'tls.crt': cert.certPem, 'tls.key': pem(keys.privateKey) }, 'stringData'), SINGLE_FILE), []);
  const mismatched = lintText('/w/secret.yaml', secretYaml('general-tls-certs', { 'tls.crt': cert.certPem, 'tls.key': pem(rsaKeys().privateKey) }, 'stringData'), SINGLE_FILE);
  assert.deepEqual(rulesOf(mismatched), ['cert-key-mismatch']);
});

test('the facts of a parsed certificate take the key size and curve from the JWK, and equal what OpenSSL reports for every key type', () => {
  const ca = makeCert({ isCA: true, keys: rsaKeys(), commonName: 'facts-ca' });
  const subjects: Array<[string, KeyObject, KeyObject]> = [
    ...[2048, 3071, 4096].map((bits): [string, KeyObject, KeyObject] => {
      const k = generateKeyPairSync('rsa', { modulusLength: bits });
      return [`RSA-${bits}`, k.publicKey, k.privateKey];
    }),
    ...['prime256v1', 'secp384r1', 'secp521r1', 'secp256k1', 'brainpoolP256r1'].map((namedCurve): [string, KeyObject, KeyObject] => {
      const k = generateKeyPairSync('ec', { namedCurve });
      return [namedCurve, k.publicKey, k.privateKey];
    }),
    ...(['ed25519', 'ed448'] as const).map((type): [string, KeyObject, KeyObject] => {
      const k = generateKeyPairSync(type as 'ed25519');
      return [type, k.publicKey, k.privateKey];
    }),
  ];
  for (const [name, publicKey, privateKey] of subjects) {
    // The CA signs, so the subject's private half is not used; the fixture writes an RSA key file beside it.
    const pem = makeCert({ issuer: ca, keys: { type: 'rsa', publicKey, privateKey: ca.keys.privateKey }, hosts: ['facts.example'] }).certPem;
    const parsed = parseCertificate(derOf(pem));
    assert.ok(parsed, name);
    const fromOpenSsl = certificateFacts(new X509Certificate(pem));
    assert.deepEqual(parsed.facts, fromOpenSsl, name);
    // From the private half, which the certificate never saw (a "3071-bit" key can come out 3070).
    if (name.startsWith('RSA')) assert.equal(parsed.facts.keyBits, privateKey.asymmetricKeyDetails?.modulusLength, name);
    if (!name.startsWith('RSA') && !name.startsWith('ed')) assert.equal(parsed.facts.curve, name, name);
  }
});
