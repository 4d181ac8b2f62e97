// The three ways to get a certificate: kumactl's self-signed one, a CA, and a leaf issued by a CA.
import { Issuer, buildCertificate, nameDer } from './certificate';
import { subjectAltNames } from './hostnames';
import { DEFAULT_KEY_TYPE, KeyPair, KeyType, generateKeys, privateKeyPem } from './keys';

export type CertificateType = 'server' | 'client';
export const CERTIFICATE_TYPES: readonly CertificateType[] = ['server', 'client'];

/** kumactl's DefaultValidityPeriod: 10 × 365 days, no leap days. */
export const DEFAULT_VALIDITY_DAYS = 3650;
/** kumactl's DefaultAllowedClockSkew: NotBefore is backdated so skewed peers accept a fresh certificate. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface GeneratedCertificate {
  certPem: string;
  keyPem: string;
}

export interface CertificateAuthority extends GeneratedCertificate {
  keys: KeyPair;
  /** The CA's subject Name DER, the issuer field of everything it signs. */
  subjectDer: Buffer;
  subjectKeyId?: Buffer;
  notAfter: Date;
}

export class CertificateRequestError extends Error {}

export function isCertificateType(value: string): value is CertificateType {
  return (CERTIFICATE_TYPES as readonly string[]).includes(value);
}

interface Validity {
  /** The clock; tests pin it. */
  now?: Date;
  validityDays?: number;
}

export interface TlsCertificateRequest extends Validity {
  type: CertificateType;
  hostnames: string[];
  keyType?: KeyType;
}

/** `kumactl generate tls-certificate`: self-signed, empty subject, CA:TRUE, one EKU, SANs. */
export async function generateTlsCertificate(request: TlsCertificateRequest): Promise<GeneratedCertificate> {
  assertCertificateType(request.type);
  const sans = subjectAltNames(request.hostnames);
  const { notBefore, notAfter } = validity(request);
  const keys = await generateKeys(request.keyType ?? DEFAULT_KEY_TYPE);
  const certificate = buildCertificate({
    subjectDer: nameDer(),
    subjectKeys: keys,
    notBefore,
    notAfter,
    isCA: true,
    keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
    extKeyUsage: [request.type === 'server' ? 'serverAuth' : 'clientAuth'],
    subjectAltNames: sans,
  });
  return { certPem: certificate.pem, keyPem: privateKeyPem(keys) };
}

export interface CaRequest extends Validity {
  commonName: string;
  keyType?: KeyType;
}

export async function generateCa(request: CaRequest): Promise<CertificateAuthority> {
  if (request.commonName.trim() === '') {
    throw new CertificateRequestError('the CA needs a common name');
  }
  const { notBefore, notAfter } = validity(request);
  const keys = await generateKeys(request.keyType ?? DEFAULT_KEY_TYPE);
  const subjectDer = nameDer(request.commonName);
  const certificate = buildCertificate({
    subjectDer,
    subjectKeys: keys,
    notBefore,
    notAfter,
    isCA: true,
    keyUsage: ['keyCertSign', 'cRLSign'],
    extKeyUsage: [],
    subjectAltNames: [],
  });
  return {
    certPem: certificate.pem,
    keyPem: privateKeyPem(keys),
    keys,
    subjectDer,
    subjectKeyId: certificate.subjectKeyId,
    notAfter,
  };
}

export interface IssueRequest extends TlsCertificateRequest {
  /** Optional subject common name; without one the subject is empty and the SANs carry the names. */
  commonName?: string;
}

/** A CA:FALSE leaf signed by `ca`; its validity never outlasts the CA's. */
export async function issueCertificate(ca: CertificateAuthority, request: IssueRequest): Promise<GeneratedCertificate> {
  assertCertificateType(request.type);
  const sans = subjectAltNames(request.hostnames);
  const { notBefore, notAfter } = validity(request);
  const keyType = request.keyType ?? DEFAULT_KEY_TYPE;
  const keys = await generateKeys(keyType);
  const issuer: Issuer = { nameDer: ca.subjectDer, keys: ca.keys, subjectKeyId: ca.subjectKeyId };
  const certificate = buildCertificate({
    subjectDer: nameDer(request.commonName),
    subjectKeys: keys,
    issuer,
    notBefore,
    notAfter: notAfter.getTime() > ca.notAfter.getTime() ? ca.notAfter : notAfter,
    isCA: false,
    // keyEncipherment only means something for RSA key transport (RFC 5480 §3 forbids it for EC keys).
    keyUsage: keyType === 'rsa' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'],
    extKeyUsage: [request.type === 'server' ? 'serverAuth' : 'clientAuth'],
    subjectAltNames: sans,
  });
  return { certPem: certificate.pem, keyPem: privateKeyPem(keys) };
}

function assertCertificateType(type: string): void {
  if (!isCertificateType(type)) {
    throw new CertificateRequestError(`invalid certificate type "${type}" (expected server or client)`);
  }
}

function validity(request: Validity): { notBefore: Date; notAfter: Date } {
  const days = request.validityDays ?? DEFAULT_VALIDITY_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 36500) {
    throw new CertificateRequestError(`invalid validity "${days}" days (expected a whole number from 1 to 36500)`);
  }
  const now = request.now ?? new Date();
  // X.509 times have whole seconds; rounding here keeps notAfter - notBefore exact.
  const notBefore = new Date(Math.floor((now.getTime() - CLOCK_SKEW_MS) / 1000) * 1000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + days * DAY_MS) };
}
