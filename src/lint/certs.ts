// Certificate and key facts for the rules: read from the DER where the certificate or key is in
// the shape tools write (pki/certificate-der.ts, pki/public-key-der.ts), through Node's native
// crypto (OpenSSL) otherwise. Parsed results are cached by content because the same CA appears in
// many files.
import { createHash, createPrivateKey, createPublicKey, JsonWebKey, KeyObject, X509Certificate } from 'node:crypto';
import { elementAt, oidText, TAG } from '../pki/der-reader';
import { CertificateDer, readCertificateDer } from '../pki/certificate-der';
import { checkableOfX509, issuedByCertificate } from '../pki/issuer';
import { CertificateFacts, certificateFacts, certificateFactsOfDer, KeyDetails } from '../pki/inspect';
import { PrivateKeyEncoding, publicJwkOfCertificateDer, publicJwkOfPrivateKeyDer } from '../pki/public-key-der';

export interface ParsedCertificate {
  der: Buffer;
  /**
   * OpenSSL's view of the certificate. Where certificate-der.ts read it (`read`), it is loaded on
   * first use only: the rules work from `facts`, and the lint of a rendered install never asks.
   */
  readonly x509: X509Certificate;
  /** What certificate-der.ts read; null where the certificate is outside its shape and OpenSSL read it. */
  read: CertificateDer | null;
  facts: CertificateFacts;
  /** Dotted OID of the outer signatureAlgorithm; null if the DER could not be walked. */
  signatureOid: string | null;
  /** The public key's identity (publicKeyIdentity), for comparing with a private key. */
  publicKeyId: string;
}

export type KeyProblem = 'encrypted' | 'unparseable';

const CACHE_LIMIT = 2000;
const certificateCache = new Map<string, ParsedCertificate | null>();

/**
 * The certificate in `der`, or null when it is not X.509 that OpenSSL accepts. A caller that has
 * the base64 `der` was decoded from passes it as the cache key (any spelling of the same bytes
 * gives the same answer), which saves encoding the DER again for every copy of a CA.
 */
export function parseCertificate(der: Buffer, cacheKey = der.toString('base64')): ParsedCertificate | null {
  const cached = certificateCache.get(cacheKey);
  if (cached !== undefined) return cached;
  let parsed: ParsedCertificate | null;
  try {
    const read = readCertificateDer(der);
    parsed = read ? parsedFromDer(der, read) : parsedByOpenSsl(der);
  } catch {
    parsed = null;
  }
  if (certificateCache.size >= CACHE_LIMIT) certificateCache.clear();
  certificateCache.set(cacheKey, parsed);
  return parsed;
}

function parsedByOpenSsl(der: Buffer): ParsedCertificate {
  const x509 = new X509Certificate(der);
  const publicKey = certificateKeyFacts(der) ?? publicKeyFacts(x509.publicKey);
  const facts = certificateFacts(x509, publicKey.details);
  // OpenSSL loads a certificate whose time is malformed and prints it as "Bad time value"; Go's
  // x509.ParseCertificate refuses it, so Kuma cannot load it either: not a certificate.
  if (Number.isNaN(facts.notBefore.getTime()) || Number.isNaN(facts.notAfter.getTime())) throw new Error('malformed validity time');
  return { der, x509, read: null, facts, signatureOid: signatureAlgorithmOid(der), publicKeyId: publicKey.identity };
}

/** A certificate certificate-der.ts read: its facts from the reader, OpenSSL's X509Certificate made only when asked for. */
function parsedFromDer(der: Buffer, read: CertificateDer): ParsedCertificate {
  const publicKey = jwkFacts(read.publicKey);
  if (!publicKey?.details) return parsedByOpenSsl(der);
  let x509: X509Certificate | undefined;
  const openSsl = (): X509Certificate => (x509 ??= new X509Certificate(der));
  const selfSignedByOpenSsl = (): boolean => issuedByCertificate(checkableOfX509(openSsl()), checkableOfX509(openSsl()));
  return {
    der,
    get x509(): X509Certificate {
      return openSsl();
    },
    read,
    facts: certificateFactsOfDer(read, der, publicKey.details, selfSignedByOpenSsl),
    signatureOid: read.signatureOid,
    publicKeyId: publicKey.identity,
  };
}

/**
 * A string that is the same for two public keys exactly when they are the same key: the JWK
 * members OpenSSL reads out of the key (curve and point, modulus and exponent), else the
 * SubjectPublicKeyInfo DER. Not the DER first: OpenSSL 3 builds it through its encoder framework,
 * some 175 µs a key here against 15–45 µs for the JWK, and a rendered install of a thousand
 * Secrets pays that for every certificate and every key.
 */
export function publicKeyIdentity(publicKey: KeyObject): string {
  return publicKeyFacts(publicKey).identity;
}

/** The curve names OpenSSL (and `asymmetricKeyDetails`) gives the JWK curves Node exports. */
const JWK_CURVES: Record<string, string> = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1', secp256k1: 'secp256k1' };

/**
 * `publicKeyIdentity`, and the key's size and curve as `asymmetricKeyDetails` gives them, from one
 * JWK export: OpenSSL takes some 18 µs a key for the details, three times the export, and a
 * manifest of thousands of certificates would pay both. `details` is undefined when the JWK cannot
 * say (a key type or curve JWK has no form for): the caller asks the key then.
 */
export function publicKeyFacts(publicKey: KeyObject): { identity: string; details: KeyDetails | undefined } {
  try {
    const facts = jwkFacts(publicKey.export({ format: 'jwk' }));
    if (facts) return facts;
  } catch {
    // a key type JWK has no form for (DSA, an EC key with explicit curve parameters)
  }
  return { identity: `SPKI ${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`, details: undefined };
}

/** publicKeyFacts of a certificate's key read from its DER (public-key-der.ts); undefined where the reader cannot say. */
function certificateKeyFacts(der: Buffer): { identity: string; details: KeyDetails | undefined } | undefined {
  const jwk = publicJwkOfCertificateDer(der);
  return jwk ? jwkFacts(jwk) : undefined;
}

/** The identity and details of a public key from its JWK members; undefined for a JWK it does not know. */
function jwkFacts(jwk: JsonWebKey): { identity: string; details: KeyDetails | undefined } | undefined {
  if (jwk.kty === 'EC' && jwk.crv && jwk.x && jwk.y) return { identity: `EC ${jwk.crv} ${jwk.x} ${jwk.y}`, details: JWK_CURVES[jwk.crv] === undefined ? undefined : { keyType: 'ec', namedCurve: JWK_CURVES[jwk.crv] } };
  if (jwk.kty === 'RSA' && jwk.n && jwk.e) return { identity: `RSA ${jwk.n} ${jwk.e}`, details: { keyType: 'rsa', modulusLength: bitLength(Buffer.from(jwk.n, 'base64url')) } };
  if (jwk.kty === 'OKP' && jwk.crv && jwk.x) return { identity: `OKP ${jwk.crv} ${jwk.x}`, details: {} };
  return undefined;
}

/** Bits of a big-endian unsigned integer (a JWK modulus has no leading zero byte, but a hostile one may). */
function bitLength(bytes: Buffer): number {
  let first = 0;
  while (first < bytes.length && bytes[first] === 0) first++;
  if (first === bytes.length) return 0;
  return (bytes.length - first - 1) * 8 + (32 - Math.clz32(bytes[first]));
}

/**
 * The public half of a PEM private key block, loaded the way Go's tls.LoadX509KeyPair would
 * (PKCS#1, SEC1, PKCS#8, unencrypted).
 */
export function privateKeyPublicKey(label: string, der: Buffer, headers: Record<string, string>): KeyObject | KeyProblem {
  if (isEncrypted(label, headers)) return 'encrypted';
  for (const type of encodingsFor(label)) {
    const publicKey = openSslPublicKey(der, type);
    if (publicKey) return publicKey;
  }
  return 'unparseable';
}

function isEncrypted(label: string, headers: Record<string, string>): boolean {
  return label === 'ENCRYPTED PRIVATE KEY' || (headers['Proc-Type'] ?? '').includes('ENCRYPTED');
}

/** The encodings Go's tls.X509KeyPair tries for a PEM label, in its order. */
function encodingsFor(label: string): PrivateKeyEncoding[] {
  return label === 'RSA PRIVATE KEY' ? ['pkcs1'] : label === 'EC PRIVATE KEY' ? ['sec1'] : label === 'PRIVATE KEY' ? ['pkcs8'] : ['pkcs1', 'sec1', 'pkcs8'];
}

function openSslPublicKey(der: Buffer, type: PrivateKeyEncoding): KeyObject | null {
  try {
    return createPublicKey(createPrivateKey({ key: der, format: 'der', type }));
  } catch {
    return null;
  }
}

/**
 * publicKeyIdentity of a private key's public half, read from the DER where the key is in a
 * canonical form (public-key-der.ts, tried before OpenSSL for each encoding, so the order and the
 * answer are those of privateKeyPublicKey), else through OpenSSL.
 */
function privateKeyIdentity(label: string, der: Buffer, headers: Record<string, string>): string | KeyProblem {
  if (isEncrypted(label, headers)) return 'encrypted';
  for (const type of encodingsFor(label)) {
    const jwk = publicJwkOfPrivateKeyDer(der, type);
    const facts = jwk && jwkFacts(jwk);
    if (facts) return facts.identity;
    const publicKey = openSslPublicKey(der, type);
    if (publicKey) return publicKeyIdentity(publicKey);
  }
  return 'unparseable';
}

const keyCache = new Map<string, string | KeyProblem>();

/**
 * The identity of a private key block's public half (publicKeyIdentity), as a certificate's
 * publicKeyId is compared with it. Only that is cached, keyed by a hash, so no private key
 * outlives the call.
 */
export function privateKeyPublicId(label: string, der: Buffer, headers: Record<string, string>): string | KeyProblem {
  const cacheKey = `${label}:${createHash('sha256').update(der).digest('base64')}`;
  const cached = keyCache.get(cacheKey);
  if (cached !== undefined) return cached;
  let result: string | KeyProblem;
  try {
    result = privateKeyIdentity(label, der, headers);
  } catch {
    result = 'unparseable';
  }
  if (keyCache.size >= CACHE_LIMIT) keyCache.clear();
  keyCache.set(cacheKey, result);
  return result;
}

/** What DER bytes hold, when they are a certificate or an unencrypted private key Kuma could use as PEM. */
export function derContent(der: Buffer): 'certificate' | 'private-key' | null {
  if (der.length === 0 || der[0] !== 0x30) return null;
  if (parseCertificate(der) !== null) return 'certificate';
  const key = privateKeyPublicId('', der, {});
  return key !== 'unparseable' && key !== 'encrypted' ? 'private-key' : null;
}

/** Whether `issuer` signed `leaf` (names and signature; validity dates are ignored, as the rules want). */
export function issuedBy(leaf: ParsedCertificate, issuer: ParsedCertificate): boolean {
  let verdicts = issuedCache.get(leaf);
  if (!verdicts) {
    verdicts = new WeakMap();
    issuedCache.set(leaf, verdicts);
  }
  const known = verdicts.get(issuer);
  if (known !== undefined) return known;
  const verdict = issuedByCertificate(leaf, issuer);
  verdicts.set(issuer, verdict);
  return verdict;
}

const issuedCache = new WeakMap<ParsedCertificate, WeakMap<ParsedCertificate, boolean>>();

export const WEAK_SIGNATURE_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'MD5 with RSA',
  '1.2.840.113549.1.1.5': 'SHA-1 with RSA',
  '1.2.840.10045.4.1': 'ECDSA with SHA-1',
  '1.2.840.10040.4.3': 'DSA with SHA-1',
  '1.3.14.3.2.29': 'SHA-1 with RSA',
};

/**
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, … }.
 * Node 20 does not expose the signature algorithm, so walk just these three headers.
 */
export function signatureAlgorithmOid(der: Buffer): string | null {
  const outer = elementAt(der, 0, der.length);
  if (!outer || outer.tag !== TAG.sequence) return null;
  const tbs = elementAt(der, outer.start, outer.end);
  const algorithm = tbs && elementAt(der, tbs.end, outer.end);
  if (!algorithm || algorithm.tag !== TAG.sequence) return null;
  const oid = elementAt(der, algorithm.start, algorithm.end);
  return oid ? oidText(der, oid) : null;
}

/** RFC 6125 matching as Go's VerifyHostname does it: a wildcard covers exactly one left-most label. */
export function hostCovered(host: string, dnsNames: string[], ipAddresses: string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (isIpLiteral(h)) return ipAddresses.some((ip) => normalizeIp(ip) === normalizeIp(h));
  return dnsNames.some((name) => {
    const n = name.toLowerCase().replace(/\.$/, '');
    if (n === h) return true;
    if (!n.startsWith('*.')) return false;
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot + 1) === n.slice(2);
  });
}

function isIpLiteral(host: string): boolean {
  return /^[0-9.]+$/.test(host) || host.includes(':');
}

function normalizeIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  // Node prints IPv6 SANs in full upper-case form; expand the host's form to match.
  const [head, tail] = ip.toLowerCase().split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - headParts.length - tailParts.length;
  return [...headParts, ...Array(Math.max(0, missing)).fill('0'), ...tailParts].map((p) => parseInt(p || '0', 16).toString(16)).join(':');
}
