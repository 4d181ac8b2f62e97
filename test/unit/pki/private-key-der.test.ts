// The DER shortcut to a private key's public half (src/pki/private-key-der.ts) may answer only
// where OpenSSL gives the same answer, and must answer for the keys tools actually write. Every key
// here is generated; the odd ones are built from generated keys with the DER encoders.
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { test } from 'node:test';
import { childrenOf, contextSpecific, element, octetString, oid, sequence, smallInteger, unsignedInteger } from '../../../src/pki/derBytes';
import { knownCurves, PrivateKeyEncoding, publicJwkOfPrivateKeyDer } from '../../../src/pki/private-key-der';
import { seededRandom } from '../seeded-random';
import { openssl } from './support';

const ENCODINGS: readonly PrivateKeyEncoding[] = ['pkcs1', 'sec1', 'pkcs8'];

/** What OpenSSL makes of `der` as `type`: the public key's JWK members, or null when it refuses the key. */
function openSslJwk(der: Buffer, type: PrivateKeyEncoding): Record<string, unknown> | null {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(createPrivateKey({ key: der, format: 'der', type }));
  } catch {
    return null;
  }
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
