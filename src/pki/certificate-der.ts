// An X.509 certificate read straight from its DER, for the shape almost every certificate in a
// Kuma repository has: v3 (or v1) with single-attribute names in plain ASCII, a named-curve EC or
// an RSA key, an ECDSA or PKCS#1 v1.5 signature, and only the extensions the rules read
// (basicConstraints, keyUsage, extKeyUsage, subjectAltName of DNS / IP / URI names, the key
// identifiers). OpenSSL 3 takes 110–150 µs to load a certificate here, most of it spent decoding
// the public key through its decoder framework; a rendered install of thousands of Secrets paid
// that for every leaf. This reader takes a few tens of microseconds.
//
// Like public-key-der.ts it is a shortcut, never a judge: it answers only when every element is in
// the form DER allows and the certificate is inside that shape, and returns null for anything
// else (a name OpenSSL would escape or transcode, a multi-valued RDN, another extension, a time
// with fractions, bytes left over), so the caller loads the certificate with OpenSSL as before.
// Where it answers, its facts are those X509Certificate gives (test/unit/pki/certificate-der.test.ts
// holds it to that over generated and mutated certificates), and `issuedByDer` answers as
// `checkIssued` + `verify` do, or says it cannot.
import { createPublicKey, KeyObject, verify } from 'node:crypto';
import { childrenOf, Element, elementAt, oidText, positiveInteger, TAG } from './der-reader';
import { OID } from './oids';
import { publicJwkOfSpki, PublicKeyJwk } from './public-key-der';

/** A distinguished name as X509Certificate prints it, and in the form X509_NAME_cmp compares. */
export interface NameDer {
  /** OpenSSL's one-attribute-per-line form (Node's `subject` / `issuer`); '' for the empty name. */
  text: string;
  /** Attribute types and values case-folded and with runs of spaces collapsed, as OpenSSL compares names. */
  canonical: string;
}

export interface CertificateDer {
  /** The tbsCertificate element, header included: the bytes the signature covers. */
  tbs: Buffer;
  signatureOid: string;
  signature: Buffer;
  /** Upper-case hex of the serial's magnitude, as Node's `serialNumber` prints it. */
  serialHex: string;
  issuer: NameDer;
  subject: NameDer;
  notBefore: Date;
  notAfter: Date;
  publicKey: PublicKeyJwk;
  /** basicConstraints cA; undefined when the certificate has no such extension. */
  basicConstraintsCA: boolean | undefined;
  /** keyUsage bits as OpenSSL holds them (first octet, then the second shifted by 8); undefined when absent. */
  keyUsageBits: number | undefined;
  extKeyUsage: string[] | undefined;
  dnsNames: string[];
  ipAddresses: string[];
  uris: string[];
  subjectKeyId: Buffer | undefined;
  authorityKeyId: Buffer | undefined;
}

/** KU_KEY_CERT_SIGN in OpenSSL's keyUsage bits. */
const KEY_CERT_SIGN = 0x04;

/** The signature algorithms read here: the digest, the key type it needs, whether parameters are a NULL. */
const SIGNATURES: Record<string, { hash: string; kty: 'EC' | 'RSA' }> = {
  '1.2.840.10045.4.1': { hash: 'sha1', kty: 'EC' },
  '1.2.840.10045.4.3.2': { hash: 'sha256', kty: 'EC' },
  '1.2.840.10045.4.3.3': { hash: 'sha384', kty: 'EC' },
  '1.2.840.10045.4.3.4': { hash: 'sha512', kty: 'EC' },
  '1.2.840.113549.1.1.5': { hash: 'sha1', kty: 'RSA' },
  '1.2.840.113549.1.1.11': { hash: 'sha256', kty: 'RSA' },
  '1.2.840.113549.1.1.12': { hash: 'sha384', kty: 'RSA' },
  '1.2.840.113549.1.1.13': { hash: 'sha512', kty: 'RSA' },
};

/** OpenSSL's short names for the attribute types read here. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'GN',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
};

/** UTF8String, PrintableString, IA5String: the string types whose ASCII OpenSSL prints as it is. */
const NAME_STRING_TAGS = new Set([0x0c, 0x13, 0x16]);
const TAG_SET = 0x31;
const TAG_BOOLEAN = 0x01;
const TAG_UTC_TIME = 0x17;
const TAG_GENERALIZED_TIME = 0x18;
const TAG_EXTENSIONS = 0xa3;
const SAN_DNS = 0x82;
const SAN_URI = 0x86;
const SAN_IP = 0x87;
const AKID_KEY_ID = 0x80;

/**
 * The certificate in `der` (one Certificate, nothing after it) when it is in the shape above;
 * null otherwise (load it with OpenSSL). Never throws.
 */
export function readCertificateDer(der: Buffer): CertificateDer | null {
  try {
    return readCertificate(der);
  } catch {
    return null;
  }
}

function readCertificate(der: Buffer): CertificateDer | null {
  const outer = elementAt(der, 0, der.length);
  if (!outer || outer.tag !== TAG.sequence || outer.end !== der.length) return null;
  const certificate = childrenOf(der, outer);
  if (!certificate || certificate.length !== 3) return null;
  const [tbsElement, algorithm, signatureBits] = certificate;
  if (tbsElement.tag !== TAG.sequence || algorithm.tag !== TAG.sequence) return null;
  const signatureOid = signatureAlgorithm(der, algorithm);
  if (!signatureOid) return null;
  if (signatureBits.tag !== TAG.bitString || signatureBits.end - signatureBits.start < 2 || der[signatureBits.start] !== 0) return null;
  const fields = childrenOf(der, tbsElement);
  if (!fields) return null;
  let at = 0;
  let v3 = false;
  if (fields[0]?.tag === TAG.context0) {
    const version = childrenOf(der, fields[0]);
    // v3 only: DER leaves out the default v1, and v2 certificates are all but extinct.
    if (!version || version.length !== 1 || version[0].tag !== TAG.integer || version[0].end - version[0].start !== 1 || der[version[0].start] !== 2) return null;
    v3 = true;
    at = 1;
  }
  const [serial, innerAlgorithm, issuerName, validity, subjectName, spki, extensionsWrapper, ...rest] = fields.slice(at);
  if (!spki || rest.length > 0 || (extensionsWrapper && (!v3 || extensionsWrapper.tag !== TAG_EXTENSIONS))) return null;
  // X509_verify refuses a certificate whose two signature algorithms differ; leave that to it.
  // (Each element's header starts where the one before it ends.)
  if (!der.subarray(serial.end, innerAlgorithm.end).equals(der.subarray(tbsElement.end, algorithm.end))) return null;
  const serialMagnitude = positiveInteger(der, serial);
  if (!serialMagnitude || serialMagnitude.length > 20) return null;
  const issuer = nameOf(der, issuerName);
  const subject = nameOf(der, subjectName);
  const times = validity.tag === TAG.sequence ? childrenOf(der, validity) : null;
  if (!issuer || !subject || !times || times.length !== 2) return null;
  const notBefore = timeOf(der, times[0]);
  const notAfter = timeOf(der, times[1]);
  const publicKey = publicJwkOfSpki(der, spki);
  if (!notBefore || !notAfter || !publicKey) return null;
  const read: CertificateDer = {
    tbs: der.subarray(outer.start, tbsElement.end),
    signatureOid,
    signature: der.subarray(signatureBits.start + 1, signatureBits.end),
    serialHex: serialMagnitude.toString('hex').toUpperCase(),
    issuer,
    subject,
    notBefore,
    notAfter,
    publicKey,
    basicConstraintsCA: undefined,
    keyUsageBits: undefined,
    extKeyUsage: undefined,
    dnsNames: [],
    ipAddresses: [],
    uris: [],
    subjectKeyId: undefined,
    authorityKeyId: undefined,
  };
  return extensionsWrapper === undefined || readExtensions(der, extensionsWrapper, read) ? read : null;
}

function signatureAlgorithm(der: Buffer, algorithm: Element): string | null {
  const parts = childrenOf(der, algorithm);
  if (!parts || parts.length === 0) return null;
  const oid = oidText(der, parts[0]);
  const known = oid === null ? undefined : SIGNATURES[oid];
  if (!known) return null;
  // ECDSA takes no parameters; PKCS#1 v1.5 takes an explicit NULL (RFC 5758 §3.2, RFC 4055 §5).
  if (known.kty === 'EC' ? parts.length !== 1 : parts.length !== 2 || parts[1].tag !== TAG.null || parts[1].end !== parts[1].start) return null;
  return oid;
}

/**
 * A Name whose every RDN is one attribute of a type above with a non-empty value of printable
 * ASCII that RFC 2253 escaping leaves alone; null for anything else.
 */
function nameOf(der: Buffer, name: Element): NameDer | null {
  if (name.tag !== TAG.sequence) return null;
  const rdns = childrenOf(der, name);
  if (!rdns) return null;
  const lines: string[] = [];
  const canonical: string[] = [];
  for (const rdn of rdns) {
    const attributes = rdn.tag === TAG_SET ? childrenOf(der, rdn) : null;
    if (!attributes || attributes.length !== 1 || attributes[0].tag !== TAG.sequence) return null;
    const typeAndValue = childrenOf(der, attributes[0]);
    if (!typeAndValue || typeAndValue.length !== 2) return null;
    const oid = oidText(der, typeAndValue[0]);
    const shortName = oid === null ? undefined : ATTRIBUTE_NAMES[oid];
    const value = typeAndValue[1];
    if (!shortName || !NAME_STRING_TAGS.has(value.tag)) return null;
    const text = plainNameValue(der, value);
    if (text === null) return null;
    lines.push(`${shortName}=${text}`);
    canonical.push(`${oid}=${text.toLowerCase().replace(/ {2,}/g, ' ')}`);
  }
  return { text: lines.join('\n'), canonical: canonical.join('\n') };
}

/** Characters ASN1_STRFLGS_ESC_2253 escapes anywhere in a value. */
const RFC2253_SPECIAL = new Set([...',+"\\<>;'].map((c) => c.charCodeAt(0)));

function plainNameValue(der: Buffer, value: Element): string | null {
  if (value.end === value.start) return null;
  for (let i = value.start; i < value.end; i++) {
    const octet = der[i];
    if (octet < 0x20 || octet > 0x7e || RFC2253_SPECIAL.has(octet)) return null;
  }
  const first = der[value.start];
  // A leading '#' or space and a trailing space are escaped too.
  if (first === 0x23 || first === 0x20 || der[value.end - 1] === 0x20) return null;
  return der.toString('latin1', value.start, value.end);
}

const DIGITS = /^\d+$/;

/** UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ, as RFC 5280 §4.1.2.5 writes them. */
function timeOf(der: Buffer, element: Element): Date | null {
  const text = der.toString('latin1', element.start, element.end);
  let year: number;
  let rest: string;
  if (element.tag === TAG_UTC_TIME && text.length === 13) {
    const yy = Number(text.slice(0, 2));
    year = yy < 50 ? 2000 + yy : 1900 + yy;
    rest = text.slice(2);
  } else if (element.tag === TAG_GENERALIZED_TIME && text.length === 15) {
    year = Number(text.slice(0, 4));
    rest = text.slice(4);
  } else {
    return null;
  }
  if (!rest.endsWith('Z') || !DIGITS.test(text.slice(0, -1)) || year < 1950) return null;
  const [month, day, hour, minute, second] = [0, 2, 4, 6, 8].map((i) => Number(rest.slice(i, i + 2)));
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 31 April over into May; OpenSSL refuses it. So does a 60th second here.
  if (time.getUTCFullYear() !== year || time.getUTCMonth() !== month - 1 || time.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return time;
}

/** Fills in the extensions; false when one is outside what this reader knows or not in DER. */
function readExtensions(der: Buffer, wrapper: Element, read: CertificateDer): boolean {
  const list = childrenOf(der, wrapper);
  if (!list || list.length !== 1 || list[0].tag !== TAG.sequence) return false;
  const extensions = childrenOf(der, list[0]);
  if (!extensions || extensions.length === 0) return false;
  const seen = new Set<string>();
  for (const extension of extensions) {
    const parts = extension.tag === TAG.sequence ? childrenOf(der, extension) : null;
    if (!parts || parts.length < 2 || parts.length > 3) return false;
    const oid = oidText(der, parts[0]);
    if (oid === null || seen.has(oid)) return false;
    seen.add(oid);
    // DER leaves out critical FALSE; TRUE is the one octet 0xff.
    if (parts.length === 3 && (parts[1].tag !== TAG_BOOLEAN || parts[1].end - parts[1].start !== 1 || der[parts[1].start] !== 0xff)) return false;
    const wrapped = parts[parts.length - 1];
    if (wrapped.tag !== TAG.octetString) return false;
    const value = elementAt(der, wrapped.start, wrapped.end);
    if (!value || value.end !== wrapped.end || !readExtension(der, oid, value, read)) return false;
  }
  return true;
}

function readExtension(der: Buffer, oid: string, value: Element, read: CertificateDer): boolean {
  switch (oid) {
    case OID.basicConstraints: {
      const fields = value.tag === TAG.sequence ? childrenOf(der, value) : null;
      if (!fields || fields.length > 2) return false;
      if (fields.length === 0) {
        read.basicConstraintsCA = false;
        return true;
      }
      // cA TRUE, then an optional small pathLenConstraint (a path length without cA is left to OpenSSL).
      if (fields[0].tag !== TAG_BOOLEAN || fields[0].end - fields[0].start !== 1 || der[fields[0].start] !== 0xff) return false;
      if (fields.length === 2 && (fields[1].tag !== TAG.integer || fields[1].end - fields[1].start !== 1 || der[fields[1].start] > 0x7f)) return false;
      read.basicConstraintsCA = true;
      return true;
    }
    case OID.keyUsage: {
      const length = value.end - value.start;
      if (value.tag !== TAG.bitString || length < 2 || length > 3 || der[value.start] > 7) return false;
      const bits = der[value.start + 1] | (length === 3 ? der[value.start + 2] << 8 : 0);
      if (bits === 0) return false;
      read.keyUsageBits = bits;
      return true;
    }
    case OID.extKeyUsage: {
      const purposes = value.tag === TAG.sequence ? childrenOf(der, value) : null;
      if (!purposes || purposes.length === 0) return false;
      const oids = purposes.map((purpose) => oidText(der, purpose));
      if (oids.some((purpose) => purpose === null)) return false;
      read.extKeyUsage = oids as string[];
      return true;
    }
    case OID.subjectAltName:
      return readSubjectAltNames(der, value, read);
    case OID.subjectKeyIdentifier:
      if (value.tag !== TAG.octetString || value.end === value.start) return false;
      read.subjectKeyId = der.subarray(value.start, value.end);
      return true;
    case OID.authorityKeyIdentifier: {
      // keyIdentifier only: with authorityCertIssuer / serial, X509_check_akid compares more.
      const fields = value.tag === TAG.sequence ? childrenOf(der, value) : null;
      if (!fields || fields.length !== 1 || fields[0].tag !== AKID_KEY_ID || fields[0].end === fields[0].start) return false;
      read.authorityKeyId = der.subarray(fields[0].start, fields[0].end);
      return true;
    }
    default:
      return false;
  }
}

/** Characters Node's subjectAltName printing leaves unquoted (its IsSafeAltName, non-UTF-8 strings). */
function isSafeAltName(der: Buffer, element: Element): boolean {
  if (element.end === element.start) return false;
  for (let i = element.start; i < element.end; i++) {
    const octet = der[i];
    if (octet < 0x20 || octet > 0x7e || octet === 0x22 || octet === 0x5c || octet === 0x2c || octet === 0x27) return false;
  }
  return true;
}

function readSubjectAltNames(der: Buffer, value: Element, read: CertificateDer): boolean {
  const names = value.tag === TAG.sequence ? childrenOf(der, value) : null;
  if (!names || names.length === 0) return false;
  for (const name of names) {
    if (name.tag === SAN_DNS || name.tag === SAN_URI) {
      if (!isSafeAltName(der, name)) return false;
      (name.tag === SAN_DNS ? read.dnsNames : read.uris).push(der.toString('latin1', name.start, name.end));
    } else if (name.tag === SAN_IP) {
      const address = ipText(der.subarray(name.start, name.end));
      if (address === null) return false;
      read.ipAddresses.push(address);
    } else {
      return false;
    }
  }
  return true;
}

/** An IP address SAN as Node prints it: dotted IPv4, or eight upper-case hex groups without zero compression. */
function ipText(bytes: Buffer): string | null {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length !== 16) return null;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16).toUpperCase());
  return groups.join(':');
}

/** Whether keyUsage, when the certificate has one, lets it sign certificates. */
export function allowsCertificateSigning(read: CertificateDer): boolean {
  return read.keyUsageBits === undefined || (read.keyUsageBits & KEY_CERT_SIGN) !== 0;
}

/** Node's `ca`: X509_check_ca(cert) === 1, a basicConstraints cA whose keyUsage (if any) allows certificate signing. */
export function isCaDer(read: CertificateDer): boolean {
  return read.basicConstraintsCA === true && allowsCertificateSigning(read);
}

const issuerKeys = new WeakMap<CertificateDer, KeyObject>();

function publicKeyObject(read: CertificateDer): KeyObject {
  let key = issuerKeys.get(read);
  if (!key) {
    key = createPublicKey({ key: read.publicKey, format: 'jwk' });
    issuerKeys.set(read, key);
  }
  return key;
}

/**
 * Whether `issuer` issued `leaf` as `leaf.checkIssued(issuer) && leaf.verify(issuer.publicKey)`
 * decides it (X509_check_issued: names compared as OpenSSL compares them, the authority key
 * identifier against the issuer's subject key identifier, the signature algorithm against the
 * issuer's key type, keyUsage allowing certificate signing; then the signature over the TBS).
 * Null where this cannot say the same (a signature algorithm for another key type): ask OpenSSL.
 */
export function issuedByDer(leaf: CertificateDer, issuer: CertificateDer): boolean | null {
  if (leaf.issuer.canonical !== issuer.subject.canonical) return false;
  if (leaf.authorityKeyId && issuer.subjectKeyId && !leaf.authorityKeyId.equals(issuer.subjectKeyId)) return false;
  const algorithm = SIGNATURES[leaf.signatureOid];
  if (algorithm.kty !== issuer.publicKey.kty) return null;
  if (!allowsCertificateSigning(issuer)) return false;
  try {
    return verify(algorithm.hash, leaf.tbs, publicKeyObject(issuer), leaf.signature);
  } catch {
    return null;
  }
}
