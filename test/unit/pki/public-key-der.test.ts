// The DER shortcut to a public key (src/pki/public-key-der.ts), of a private key or of a
// certificate, may answer only where OpenSSL gives the same answer, and must answer for the keys
// tools actually write. Every key and certificate here is generated; the odd ones are built from
// generated ones with the DER encoders, or by openssl.
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { childrenOf, contextSpecific, element, octetString, oid, sequence, smallInteger, unsignedInteger } from '../../../src/pki/derBytes';
import { knownCurves, PrivateKeyEncoding, publicJwkOfCertificateDer, publicJwkOfPrivateKeyDer } from '../../../src/pki/public-key-der';
import { makeCert } from '../lint/fixtures';
import { seededRandom } from '../seeded-random';
import { openssl, removeDir, scratchDir } from './support';

const ENCODINGS: readonly PrivateKeyEncoding[] = ['pkcs1', 'sec1', 'pkcs8'];

/** What OpenSSL makes of `der` as `type`: the public key's JWK members, or null when it refuses the key. */
function openSslJwk(der: Buffer, type: PrivateKeyEncoding): Record<string, unknown> | null {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(createPrivateKey({ key: der, format: 'der', type }));
  } catch {
    return null;
  }
  return publicMembers(publicKey);
}

/** The members of a public key's JWK that the reader gives (the public numbers, nothing else). */
function publicMembers(publicKey: KeyObject): Record<string, unknown> {
  const jwk = publicKey.export({ format: 'jwk' });
  return jwk.kty === 'EC' ? { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } : jwk.kty === 'RSA' ? { kty: jwk.kty, n: jwk.n, e: jwk.e } : { ...jwk };
}

function assertAgreesWithOpenSsl(der: Buffer, type: PrivateKeyEncoding, what: string): boolean {
  const shortcut = publicJwkOfPrivateKeyDer(der, type);
  if (shortcut === null) return false;
  assert.deepEqual({ ...shortcut }, openSslJwk(der, type), `${what} as ${type}: the shortcut answered, so OpenSSL must give the same key`);
  return true;
}

const CURVES = ['prime256v1', 'secp384r1', 'secp521r1'] as const;

function ecKey(namedCurve: string): KeyObject {
  return generateKeyPairSync('ec', { namedCurve }).privateKey;
}

function rsaKey(modulusLength: number): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength }).privateKey;
}

test('the curve parameters are those OpenSSL prints for each named curve', () => {
  const opensslNames: Record<string, string> = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };
  for (const curve of knownCurves()) {
    const text = openssl(['ecparam', '-name', opensslNames[curve.name], '-param_enc', 'explicit', '-text', '-noout']);
    const field = (name: string): bigint => {
      const match = new RegExp(`^${name}:\\s*\\n((?:\\s+[0-9a-f:]+\\n)+)`, 'm').exec(text);
      assert.ok(match, `${name} of ${curve.name}`);
      return BigInt(`0x${match[1].replace(/[\s:]/g, '')}`);
    };
    assert.equal(curve.p, field('Prime'), `p of ${curve.name}`);
    assert.equal(curve.a, field('A'), `a of ${curve.name}`);
    assert.equal(curve.b, field('B'), `b of ${curve.name}`);
    assert.equal(curve.n, field('Order'), `n of ${curve.name}`);
  }
});

test('it answers for the keys tools write, as OpenSSL does: RSA in PKCS#1 and PKCS#8, EC in SEC1 and PKCS#8 on every NIST curve', () => {
  const keys: Array<[string, KeyObject, PrivateKeyEncoding[]]> = [
    ...[1024, 2048, 3072, 4096].map((bits): [string, KeyObject, PrivateKeyEncoding[]] => [`RSA-${bits}`, rsaKey(bits), ['pkcs1', 'pkcs8']]),
    ...CURVES.flatMap((curve) => [0, 1, 2].map((i): [string, KeyObject, PrivateKeyEncoding[]] => [`${curve} #${i}`, ecKey(curve), ['sec1', 'pkcs8']])),
  ];
  for (const [name, key, types] of keys) {
    for (const type of types) {
      const der = key.export({ type, format: 'der' } as { type: 'pkcs1'; format: 'der' });
      assert.ok(assertAgreesWithOpenSsl(der, type, name), `${name} as ${type} takes the shortcut`);
      // and no other encoding reads it: the label-less DER file tries all three in turn
      for (const other of ENCODINGS.filter((t) => t !== type)) assert.equal(publicJwkOfPrivateKeyDer(der, other), null, `${name} ${type} read as ${other}`);
    }
  }
});

test('keys outside the canonical forms are left to OpenSSL: other key types and curves, explicit parameters, no public point, odd integers', () => {
  const p256 = ecKey('prime256v1');
  const sec1 = p256.export({ type: 'sec1', format: 'der' });
  const [version, scalar, parameters, publicPoint] = childrenOf(sec1);
  const raw = (e: { identifier: number; content: Buffer }): Buffer => element(e.identifier, e.content);
  const curveOrder = knownCurves().find((c) => c.name === 'P-256')!.n;
  const scalarOf = (k: bigint): Buffer => octetString(Buffer.from(k.toString(16).padStart(64, '0'), 'hex'));
  const rsaPkcs1 = rsaKey(2048).export({ type: 'pkcs1', format: 'der' });
  const rsaFields = childrenOf(rsaPkcs1);
  const explicit = openssl(['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey', '-noout']);
  const cases: Array<[string, Buffer, PrivateKeyEncoding]> = [
    ['Ed25519 in PKCS#8', generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }), 'pkcs8'],
    ['secp256k1', ecKey('secp256k1').export({ type: 'sec1', format: 'der' }), 'sec1'],
    ['brainpoolP256r1', ecKey('brainpoolP256r1').export({ type: 'sec1', format: 'der' }), 'sec1'],
    ['P-224 (no JWK form)', ecKey('secp224r1').export({ type: 'sec1', format: 'der' }), 'sec1'],
    ['explicit curve parameters', Buffer.from(explicit.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64'), 'sec1'],
    ['SEC1 without its public point', sequence([raw(version), raw(scalar), raw(parameters)]), 'sec1'],
    ['SEC1 without its curve', sequence([raw(version), raw(scalar), raw(publicPoint)]), 'sec1'],
    ['scalar 0', sequence([raw(version), scalarOf(0n), raw(parameters), raw(publicPoint)]), 'sec1'],
    ['scalar n', sequence([raw(version), scalarOf(curveOrder), raw(parameters), raw(publicPoint)]), 'sec1'],
    ['scalar of 31 bytes', sequence([raw(version), octetString(scalar.content.subarray(1)), raw(parameters), raw(publicPoint)]), 'sec1'],
    ['version 2', sequence([smallInteger(2), raw(scalar), raw(parameters), raw(publicPoint)]), 'sec1'],
    ['a point off the curve', sequence([raw(version), raw(scalar), raw(parameters), contextSpecific(1, [element(0x03, Buffer.concat([publicPoint.content.subarray(2, -1), Buffer.from([publicPoint.content.at(-1)! ^ 1])]))])]), 'sec1'],
    ['a compressed point', sequence([raw(version), raw(scalar), raw(parameters), contextSpecific(1, [element(0x03, Buffer.concat([Buffer.from([0, 2 + (publicPoint.content.at(-1)! & 1)]), publicPoint.content.subarray(4, 36)]))])]), 'sec1'],
    ['a byte after the key', Buffer.concat([sec1, Buffer.from([0])]), 'sec1'],
    ['a padded long-form length', Buffer.concat([Buffer.from([0x30, 0x81, sec1[1]]), sec1.subarray(2)]), 'sec1'],
    ['RSA with a negative modulus', sequence([...rsaFields.slice(0, 1).map(raw), element(0x02, rsaFields[1].content.subarray(1)), ...rsaFields.slice(2).map(raw)]), 'pkcs1'],
    ['RSA with an even exponent', sequence([...rsaFields.slice(0, 2).map(raw), unsignedInteger(Buffer.from([1, 0, 0])), ...rsaFields.slice(3).map(raw)]), 'pkcs1'],
    ['RSA multi-prime version 1', sequence([smallInteger(1), ...rsaFields.slice(1).map(raw)]), 'pkcs1'],
    ['PKCS#8 with attributes', sequence([...childrenOf(p256.export({ type: 'pkcs8', format: 'der' })).map(raw), contextSpecific(0, [sequence([oid('1.2.3.4'), element(0x31, Buffer.alloc(0))])])]), 'pkcs8'],
  ];
  for (const [name, der, type] of cases) {
    assert.equal(publicJwkOfPrivateKeyDer(der, type), null, `${name}: the shortcut must not answer`);
  }
  // What OpenSSL says of a few of them, so that the caller's fallback is seen to matter both ways.
  assert.notEqual(openSslJwk(cases[0][1], 'pkcs8'), null, 'OpenSSL loads an Ed25519 key');
  assert.notEqual(openSslJwk(cases[5][1], 'sec1'), null, 'OpenSSL derives the missing public point');
  assert.equal(openSslJwk(cases[11][1], 'sec1'), null, 'OpenSSL refuses a point off the curve');
});

test('on keys mutated at random it answers only where OpenSSL gives the same key (and still answers for many of them)', () => {
  const random = seededRandom(20261204);
  const originals: Array<[string, Buffer, PrivateKeyEncoding]> = [
    ...CURVES.map((curve): [string, Buffer, PrivateKeyEncoding] => [curve, ecKey(curve).export({ type: 'sec1', format: 'der' }), 'sec1']),
    ...CURVES.map((curve): [string, Buffer, PrivateKeyEncoding] => [`${curve} pkcs8`, ecKey(curve).export({ type: 'pkcs8', format: 'der' }), 'pkcs8']),
    ['RSA-2048', rsaKey(2048).export({ type: 'pkcs1', format: 'der' }), 'pkcs1'],
    ['RSA-2048 pkcs8', rsaKey(2048).export({ type: 'pkcs8', format: 'der' }), 'pkcs8'],
  ];
  let answered = 0;
  let mutations = 0;
  for (const [name, original, type] of originals) {
    for (let round = 0; round < 120; round++) {
      const der = Buffer.from(original);
      const kind = Math.floor(random() * 4);
      const at = Math.floor(random() * der.length);
      let mutated: Buffer;
      if (kind === 0) {
        der[at] ^= 1 << Math.floor(random() * 8);
        mutated = der;
      } else if (kind === 1) mutated = der.subarray(0, at);
      else if (kind === 2) mutated = Buffer.concat([der.subarray(0, at), Buffer.from([Math.floor(random() * 256)]), der.subarray(at)]);
      else {
        der[at] = Math.floor(random() * 256);
        mutated = der;
      }
      mutations++;
      for (const asType of new Set([type, ...ENCODINGS])) if (assertAgreesWithOpenSsl(mutated, asType, `${name} mutation ${round}`)) answered++;
    }
  }
  // A flipped bit in a scalar, a private exponent or a prime leaves a key both load: the shortcut
  // must take those too, or it would save nothing on real keys.
  assert.ok(answered > mutations / 10, `the shortcut answered ${answered} of ${mutations} mutations`);
});

/** The JWK members OpenSSL gives a certificate's public key, or null when it cannot load the certificate or its key. */
function certificateJwk(der: Buffer): Record<string, unknown> | null {
  try {
    return publicMembers(new X509Certificate(der).publicKey);
  } catch {
    return null;
  }
}

/** A certificate for `publicKey`, issued by an RSA CA (so any key type can be the subject's). */
function certificateFor(publicKey: KeyObject, ca = makeCert({ isCA: true, keys: { type: 'rsa', ...generateKeyPairSync('rsa', { modulusLength: 2048 }) } })): Buffer {
  return new X509Certificate(makeCert({ issuer: ca, keys: { type: 'rsa', publicKey, privateKey: ca.keys.privateKey }, hosts: ['der.example'] }).certPem).raw;
}

test("a certificate's key: RSA and EC on every NIST curve read as OpenSSL reads them, v1 and v3; other keys are left to OpenSSL", () => {
  const ca = makeCert({ isCA: true, keys: { type: 'rsa', ...generateKeyPairSync('rsa', { modulusLength: 2048 }) } });
  for (const [name, publicKey] of [
    ...[1024, 2048, 4096].map((bits): [string, KeyObject] => [`RSA-${bits}`, generateKeyPairSync('rsa', { modulusLength: bits }).publicKey]),
    ...CURVES.map((curve): [string, KeyObject] => [curve, generateKeyPairSync('ec', { namedCurve: curve }).publicKey]),
  ]) {
    const der = certificateFor(publicKey, ca);
    const shortcut = publicJwkOfCertificateDer(der);
    assert.ok(shortcut, `${name} takes the shortcut`);
    assert.deepEqual({ ...shortcut }, certificateJwk(der), name);
  }
  assert.deepEqual({ ...publicJwkOfCertificateDer(new X509Certificate(ca.certPem).raw) }, certificateJwk(new X509Certificate(ca.certPem).raw), 'the RSA CA itself');
  // A version 1 certificate has no [0] version field: the key is one field earlier.
  const dir = scratchDir();
  try {
    openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(dir, 'v1.key'), '-subj', '/CN=v1', '-out', path.join(dir, 'v1.csr')]);
    openssl(['x509', '-req', '-in', path.join(dir, 'v1.csr'), '-key', path.join(dir, 'v1.key'), '-days', '1', '-out', path.join(dir, 'v1.crt')]);
    const v1 = new X509Certificate(readFileSync(path.join(dir, 'v1.crt')));
    assert.match(openssl(['x509', '-noout', '-text', '-in', path.join(dir, 'v1.crt')]), /Version: 1 \(0x0\)/);
    assert.deepEqual({ ...publicJwkOfCertificateDer(v1.raw) }, certificateJwk(v1.raw), 'version 1');
  } finally {
    removeDir(dir);
  }
  for (const [name, publicKey] of [
    ['Ed25519', generateKeyPairSync('ed25519').publicKey],
    ['secp256k1', generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey],
    ['brainpoolP256r1', generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' }).publicKey],
    ['P-224', generateKeyPairSync('ec', { namedCurve: 'secp224r1' }).publicKey],
    ['RSA-PSS', generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).publicKey],
  ] as const) {
    assert.equal(publicJwkOfCertificateDer(certificateFor(publicKey, ca)), null, `${name}: the shortcut must not answer`);
  }
  const der = certificateFor(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey, ca);
  assert.equal(publicJwkOfCertificateDer(Buffer.concat([der, Buffer.from([0])])), null, 'a byte after the certificate');
  assert.equal(publicJwkOfCertificateDer(der.subarray(0, der.length - 1)), null, 'a truncated certificate');
});

test('on certificates mutated at random it answers only where OpenSSL loads the same key', () => {
  const random = seededRandom(4122026);
  const ca = makeCert({ isCA: true, keys: { type: 'rsa', ...generateKeyPairSync('rsa', { modulusLength: 2048 }) } });
  const originals = [...CURVES.map((curve) => generateKeyPairSync('ec', { namedCurve: curve }).publicKey), generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey].map((key) => certificateFor(key, ca));
  let answered = 0;
  let mutations = 0;
  for (const original of originals) {
    for (let round = 0; round < 150; round++) {
      const der = Buffer.from(original);
      const at = Math.floor(random() * der.length);
      der[at] ^= 1 << Math.floor(random() * 8);
      mutations++;
      const shortcut = publicJwkOfCertificateDer(der);
      if (shortcut === null) continue;
      let parsed: X509Certificate;
      try {
        parsed = new X509Certificate(der);
      } catch {
        continue; // OpenSSL refuses the certificate; the linter never asks for its key
      }
      answered++;
      assert.deepEqual({ ...shortcut }, certificateJwk(parsed.raw), `mutation ${round} at byte ${at}`);
    }
  }
  // A flipped bit in a name, a date or the signature leaves the key as it was.
  assert.ok(answered > mutations / 4, `the shortcut answered ${answered} of ${mutations} mutations`);
});

test('EC coordinates that start with a zero byte read as OpenSSL exports them (JWK keeps them at the field size), in keys and certificates', () => {
  // About one key in 128 has an x or y coordinate that starts with a zero byte: draw until each kind is seen.
  for (const curve of CURVES) {
    const size = { prime256v1: 32, secp384r1: 48, secp521r1: 66 }[curve];
    const seen = new Set<string>();
    for (let tries = 0; seen.size < 2 && tries < 5000; tries++) {
      const key = ecKey(curve);
      const point = key.export({ type: 'sec1', format: 'der' }).subarray(-2 * size);
      const which = point[0] === 0 ? 'x' : point[size] === 0 ? 'y' : null;
      if (which === null || seen.has(which)) continue;
      seen.add(which);
      for (const type of ['sec1', 'pkcs8'] as const) assert.ok(assertAgreesWithOpenSsl(key.export({ type, format: 'der' }), type, `${curve} with a leading zero in ${which}`));
      const certificate = certificateFor(createPublicKey(key));
      assert.deepEqual({ ...publicJwkOfCertificateDer(certificate) }, certificateJwk(certificate), `${curve} certificate with a leading zero in ${which}`);
    }
    assert.equal(seen.size, 2, `${curve}: keys with a zero first byte in x and in y were drawn`);
  }
});
