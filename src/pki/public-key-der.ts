// Public keys read straight from DER, for the shapes keys are written in almost everywhere: the
// public half of an unencrypted private key (PKCS#1 RSA; SEC1 EC on P-256/384/521 with its public
// point; PKCS#8 around either) and a certificate's SubjectPublicKeyInfo (RSA, or EC on those
// curves). OpenSSL 3 loads a private key through its decoder framework: 160 µs for a SEC1 or
// PKCS#1 key here and 530 µs for PKCS#8, which a rendered install of thousands of Secrets pays
// once per key, only to compare the public half with a certificate's; a certificate's key, taken
// from its X509Certificate and exported, costs 30 µs more on top of the parse.
//
// The reader is a shortcut, never a judge: it answers only for a key in exactly the canonical
// form, every check passed, and returns null for anything else (another key type, an explicit
// curve, a missing public point, a length or integer in a form DER does not allow, bytes left
// over), so that the caller asks OpenSSL as before. Where it answers, OpenSSL gives the same
// public key (test/unit/pki/public-key-der.test.ts holds it to that over generated and mutated
// keys and certificates): OpenSSL, too, takes an EC key's public point from the key as written.
import { childrenOf, Element, elementAt, isSmallInteger, oidText, outerSequence, positiveInteger, TAG } from './der-reader';
import { OID } from './oids';

export type PrivateKeyEncoding = 'pkcs1' | 'sec1' | 'pkcs8';

/** The JWK members of a public key, base64url, as `KeyObject.export({ format: 'jwk' })` gives them. */
export type PublicKeyJwk = { kty: 'EC'; crv: CurveName; x: string; y: string } | { kty: 'RSA'; n: string; e: string };

type CurveName = 'P-256' | 'P-384' | 'P-521';

interface Curve {
  name: CurveName;
  /** Bytes of a field element (and of the private scalar, as every encoder pads it). */
  size: number;
  p: bigint;
  b: bigint;
  /** The order of the base point: a private scalar lies in [1, n − 1]. */
  n: bigint;
}

// The NIST curves (FIPS 186-4 D.1.2), a = p − 3 on each; read off `openssl ecparam -param_enc
// explicit -text`, and checked against it by the unit test.
const CURVES: Record<string, Curve> = {
  '1.2.840.10045.3.1.7': {
    name: 'P-256',
    size: 32,
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  },
  '1.3.132.0.34': {
    name: 'P-384',
    size: 48,
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  },
  '1.3.132.0.35': {
    name: 'P-521',
    size: 66,
    p: 0x1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffn,
    b: 0x51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
    n: 0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
  },
};

/** The curve parameters the reader knows, by OID (for the test that checks them against OpenSSL). */
export function knownCurves(): ReadonlyArray<{ oid: string; name: CurveName; p: bigint; a: bigint; b: bigint; n: bigint }> {
  return Object.entries(CURVES).map(([oid, curve]) => ({ oid, name: curve.name, p: curve.p, a: curve.p - 3n, b: curve.b, n: curve.n }));
}

function bigintOf(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}

function mod(value: bigint, modulus: bigint): bigint {
  const rest = value % modulus;
  return rest < 0n ? rest + modulus : rest;
}

/** RSAPrivateKey (RFC 8017 A.1.2), two-prime: version 0 and eight positive integers, nothing else. */
function rsaPublicOf(der: Buffer, fields: Element[] | null): PublicKeyJwk | null {
  if (!fields || fields.length !== 9 || !isSmallInteger(der, fields[0], 0)) return null;
  const integers = fields.slice(1).map((field) => positiveInteger(der, field));
  if (integers.some((integer) => integer === null)) return null;
  const [n, e] = integers as Buffer[];
  return rsaPublicKey(n, e);
}

/** A modulus OpenSSL would load is odd and at least 512 bits; the exponent odd, above 1, and small. */
function rsaPublicKey(n: Buffer, e: Buffer): PublicKeyJwk | null {
  if ((n[n.length - 1] & 1) === 0 || n.length < 64 || n.length > 2048) return null;
  if ((e[e.length - 1] & 1) === 0 || e.length > 8 || (e.length === 1 && e[0] < 3)) return null;
  return { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') };
}

/**
 * ECPrivateKey (RFC 5915 §3) on a named curve this reader knows: version 1, the scalar padded to
 * the curve's size and in [1, n − 1], the curve (required unless `outerCurve` gave it already; if
 * both, the same), and the uncompressed public point, on the curve.
 */
function ecPublicOf(der: Buffer, fields: Element[] | null, outerCurve: Curve | null): PublicKeyJwk | null {
  if (!fields || fields.length < 3 || fields.length > 4 || !isSmallInteger(der, fields[0], 1)) return null;
  const scalar = fields[1];
  let curve = outerCurve;
  let next = 2;
  if (fields[next].tag === TAG.context0) {
    const parameters = childrenOf(der, fields[next]);
    const named = parameters?.length === 1 ? CURVES[oidText(der, parameters[0]) ?? ''] : undefined;
    if (!named || (outerCurve && named !== outerCurve)) return null;
    curve = named;
    next++;
  }
  if (!curve || next !== fields.length - 1 || fields[next].tag !== TAG.context1) return null;
  if (scalar.tag !== TAG.octetString || scalar.end - scalar.start !== curve.size) return null;
  const k = bigintOf(der.subarray(scalar.start, scalar.end));
  if (k === 0n || k >= curve.n) return null;
  const wrapped = childrenOf(der, fields[next]);
  if (!wrapped || wrapped.length !== 1) return null;
  return ecPoint(der, wrapped[0], curve);
}

/** A BIT STRING holding an uncompressed point on `curve` (unused-bits octet 0, then 0x04 ‖ X ‖ Y). */
function ecPoint(der: Buffer, bits: Element, curve: Curve): PublicKeyJwk | null {
  if (bits.tag !== TAG.bitString || bits.end - bits.start !== 2 + 2 * curve.size || der[bits.start] !== 0 || der[bits.start + 1] !== 0x04) return null;
  const xBytes = der.subarray(bits.start + 2, bits.start + 2 + curve.size);
  const yBytes = der.subarray(bits.start + 2 + curve.size, bits.end);
  const x = bigintOf(xBytes);
  const y = bigintOf(yBytes);
  if (x >= curve.p || y >= curve.p) return null;
  const { p } = curve;
  if (mod(y * y, p) !== mod(x * x * x - 3n * x + curve.b, p)) return null;
  return { kty: 'EC', crv: curve.name, x: xBytes.toString('base64url'), y: yBytes.toString('base64url') };
}

/** PrivateKeyInfo (RFC 5208 §5), version 0 with no attributes, around an RSA or named-curve EC key. */
function pkcs8PublicOf(der: Buffer, fields: Element[] | null): PublicKeyJwk | null {
  if (!fields || fields.length !== 3 || !isSmallInteger(der, fields[0], 0)) return null;
  const [, algorithm, wrapped] = fields;
  if (algorithm.tag !== TAG.sequence || wrapped.tag !== TAG.octetString) return null;
  const identifier = childrenOf(der, algorithm);
  if (!identifier || identifier.length !== 2) return null;
  const [kind, parameters] = identifier;
  const inner = elementAt(der, wrapped.start, wrapped.end);
  if (!inner || inner.tag !== TAG.sequence || inner.end !== wrapped.end) return null;
  const innerFields = childrenOf(der, inner);
  switch (oidText(der, kind)) {
    case OID.rsaEncryption:
      return parameters.tag === TAG.null && parameters.end === parameters.start ? rsaPublicOf(der, innerFields) : null;
    case OID.ecPublicKey: {
      const curve = CURVES[oidText(der, parameters) ?? ''];
      return curve ? ecPublicOf(der, innerFields, curve) : null;
    }
    default:
      return null;
  }
}

/**
 * The public key of the unencrypted private key `der` in `encoding`, when the key is in one of the
 * canonical forms above; null when it is not (OpenSSL must be asked, and may still accept it).
 */
export function publicJwkOfPrivateKeyDer(der: Buffer, encoding: PrivateKeyEncoding): PublicKeyJwk | null {
  const fields = outerSequence(der);
  switch (encoding) {
    case 'pkcs1':
      return rsaPublicOf(der, fields);
    case 'sec1':
      return ecPublicOf(der, fields, null);
    case 'pkcs8':
      return pkcs8PublicOf(der, fields);
  }
}

/**
 * SubjectPublicKeyInfo (RFC 5280 §4.1.2.7): an RSA key (rsaEncryption, NULL parameters,
 * RSAPublicKey of two positive integers) or an EC point on a named curve this reader knows.
 */
export function publicJwkOfSpki(der: Buffer, spki: Element): PublicKeyJwk | null {
  const fields = spki.tag === TAG.sequence ? childrenOf(der, spki) : null;
  if (!fields || fields.length !== 2 || fields[0].tag !== TAG.sequence) return null;
  const identifier = childrenOf(der, fields[0]);
  if (!identifier || identifier.length !== 2) return null;
  const [kind, parameters] = identifier;
  const bits = fields[1];
  switch (oidText(der, kind)) {
    case OID.rsaEncryption: {
      if (parameters.tag !== TAG.null || parameters.end !== parameters.start) return null;
      if (bits.tag !== TAG.bitString || bits.end - bits.start < 2 || der[bits.start] !== 0) return null;
      const key = elementAt(der, bits.start + 1, bits.end);
      if (!key || key.tag !== TAG.sequence || key.end !== bits.end) return null;
      const integers = childrenOf(der, key);
      if (!integers || integers.length !== 2) return null;
      const n = positiveInteger(der, integers[0]);
      const e = positiveInteger(der, integers[1]);
      return n && e ? rsaPublicKey(n, e) : null;
    }
    case OID.ecPublicKey: {
      const curve = CURVES[oidText(der, parameters) ?? ''];
      return curve ? ecPoint(der, bits, curve) : null;
    }
    default:
      return null;
  }
}

/**
 * The subject public key of the X.509 certificate `der` (a whole Certificate, nothing after it),
 * when it is in one of the forms above; null otherwise (ask the parsed certificate).
 */
export function publicJwkOfCertificateDer(der: Buffer): PublicKeyJwk | null {
  const certificate = outerSequence(der);
  if (!certificate || certificate.length !== 3 || certificate[0].tag !== TAG.sequence) return null;
  const tbs = childrenOf(der, certificate[0]);
  // [0] version (absent in v1), serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
  const spkiAt = tbs?.[0]?.tag === TAG.context0 ? 6 : 5;
  if (!tbs || tbs.length <= spkiAt) return null;
  return publicJwkOfSpki(der, tbs[spkiAt]);
}
