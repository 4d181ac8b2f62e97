// Cheap facts about certificates and keys for the linter and the commands: from Node's
// X509Certificate (OpenSSL underneath), or from what certificate-der.ts read, in the same form.
import { X509Certificate, createHash } from 'node:crypto';
import { CertificateDer, isCaDer, issuedByDer } from './certificate-der';
import { checkableOfX509, issuedByCertificate } from './issuer';

export interface CertificateFacts {
  /** OpenSSL's one-attribute-per-line form; '' for the empty subject kumactl writes. */
  subject: string;
  issuer: string;
  selfSigned: boolean;
  dnsNames: string[];
  /** As Node prints them (IPv6 in full, upper case). */
  ipAddresses: string[];
  /** URI SANs: SPIFFE IDs, what Kuma issues to data planes. */
  uris: string[];
  /** Whether the certificate has a subjectAltName of any type (DNS, IP, URI, email, other). */
  hasSubjectAltName: boolean;
  notBefore: Date;
  notAfter: Date;
  isCA: boolean;
  keyType: string;
  /** RSA modulus bits, or the EC field size derived from the curve. */
  keyBits?: number;
  curve?: string;
  /** Extended key usage OIDs; undefined when the certificate has no such extension. */
  extKeyUsage?: string[];
  serialNumber: string;
  fingerprint256: string;
}

/** The labels Go's and OpenSSL's certificate loaders (and the linter) take for a certificate block. */
const PEM_CERTIFICATE = /-----BEGIN (CERTIFICATE|TRUSTED CERTIFICATE|X509 CERTIFICATE)-----[\s\S]*?-----END \1-----/g;
const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };

/** Every CERTIFICATE block of a PEM text (a bundle may hold several), in order. */
export function pemCertificateBlocks(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? [];
}

/** What of `asymmetricKeyDetails` (and the key's `asymmetricKeyType`) the facts use. */
export interface KeyDetails {
  /** `asymmetricKeyType`, when the caller knows it; else the facts ask the certificate's key. */
  keyType?: string;
  namedCurve?: string;
  modulusLength?: number;
}

/**
 * The facts of a certificate. `keyDetails` saves asking OpenSSL for the public key's details when
 * the caller read them already (lint/certs.ts takes them from the key's JWK).
 */
export function certificateFacts(certificate: string | X509Certificate, keyDetails?: KeyDetails): CertificateFacts {
  const x509 = typeof certificate === 'string' ? new X509Certificate(certificate) : certificate;
  const names = subjectAltNameEntries(x509.subjectAltName);
  const details = keyDetails ?? x509.publicKey.asymmetricKeyDetails ?? {};
  const curve = details.namedCurve;
  const keyBits = details.modulusLength ?? (curve === undefined ? undefined : CURVE_BITS[curve]);
  // Node 20's `keyUsage` is, despite the name, the extended key usage OID list.
  const extKeyUsage = (x509 as unknown as { keyUsage?: string[] }).keyUsage;
  return {
    // Node returns undefined (not '') for an empty Name.
    subject: x509.subject ?? '',
    issuer: x509.issuer ?? '',
    selfSigned: issuedByCertificate(checkableOfX509(x509), checkableOfX509(x509)),
    dnsNames: names.filter((entry) => entry.kind === 'DNS').map((entry) => entry.value),
    ipAddresses: names.filter((entry) => entry.kind === 'IP Address').map((entry) => entry.value),
    uris: names.filter((entry) => entry.kind === 'URI').map((entry) => entry.value),
    hasSubjectAltName: names.length > 0,
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    isCA: x509.ca,
    keyType: keyDetails?.keyType ?? x509.publicKey.asymmetricKeyType ?? 'unknown',
    ...(keyBits === undefined ? {} : { keyBits }),
    ...(curve === undefined ? {} : { curve }),
    ...(extKeyUsage === undefined ? {} : { extKeyUsage }),
    serialNumber: x509.serialNumber,
    fingerprint256: x509.fingerprint256,
  };
}

/**
 * certificateFacts of a certificate certificate-der.ts read, with the same values X509Certificate
 * would give; `keyDetails` as the caller read them from the key. Self-signed is decided as
 * certificateFacts decides it; where the reader cannot (issuedByDer is null) the caller's
 * `selfSignedByOpenSsl` answers.
 */
export function certificateFactsOfDer(read: CertificateDer, der: Buffer, keyDetails: KeyDetails, selfSignedByOpenSsl: () => boolean): CertificateFacts {
  const curve = keyDetails.namedCurve;
  const keyBits = keyDetails.modulusLength ?? (curve === undefined ? undefined : CURVE_BITS[curve]);
  return {
    subject: read.subject.text,
    issuer: read.issuer.text,
    selfSigned: issuedByDer(read, read) ?? selfSignedByOpenSsl(),
    dnsNames: read.dnsNames,
    ipAddresses: read.ipAddresses,
    uris: read.uris,
    hasSubjectAltName: read.dnsNames.length + read.ipAddresses.length + read.uris.length > 0,
    notBefore: read.notBefore,
    notAfter: read.notAfter,
    isCA: isCaDer(read),
    keyType: keyDetails.keyType ?? 'unknown',
    ...(keyBits === undefined ? {} : { keyBits }),
    ...(curve === undefined ? {} : { curve }),
    ...(read.extKeyUsage === undefined ? {} : { extKeyUsage: read.extKeyUsage }),
    serialNumber: read.serialHex,
    fingerprint256: fingerprint256Of(der),
  };
}

/** Node's `fingerprint256`: the SHA-256 of the DER in upper-case hex pairs joined by colons. */
export function fingerprint256Of(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

/**
 * Splits Node's `subjectAltName` text ("DNS:a, IP Address:10.0.0.1"). Node quotes a value as a
 * JSON string when it holds a comma or quote, so those are decoded rather than split.
 */
export function subjectAltNameEntries(text: string | undefined): { kind: string; value: string }[] {
  if (text === undefined || text === '') {
    return [];
  }
  const entries: { kind: string; value: string }[] = [];
  const entry = /([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g;
  for (const match of text.matchAll(entry)) {
    const raw = match[2];
    entries.push({ kind: match[1], value: raw.startsWith('"') ? (JSON.parse(raw) as string) : raw });
  }
  return entries;
}

/** The value Helm's `caBundle` wants: the PEM file's bytes in base64 on one line (`base64 -w0`). */
export function caBundleOf(pem: string): string {
  return Buffer.from(pem, 'utf8').toString('base64');
}
