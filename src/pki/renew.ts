// A certificate issued again: the same subject, names, key usages and CA flag, a new validity, a
// new key unless the old one is kept, signed by the CA given (or by itself when it was
// self-signed). What a renewal or the second phase of a CA rotation puts in place of a certificate.
import { X509Certificate } from 'node:crypto';
import { buildCertificate, ExtendedKeyUsage } from './certificate';
import { CertificateAuthority, CertificateRequestError, CLOCK_SKEW_MS, DEFAULT_VALIDITY_DAYS, generateCa, GeneratedCertificate } from './generate';
import { KeyPair, KeyType, generateKeys, privateKeyPem } from './keys';
import { OID } from './oids';
import { certificateStructure } from './structure';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_VALIDITY_DAYS = 36500;

export interface ReissueRequest {
  /** The signer; omitted: the certificate signs itself (kumactl's self-signed certificates, a CA). */
  ca?: CertificateAuthority;
  /** Keep this key pair (the old one, `--keep-key`); otherwise a new key of the old key's type. */
  keepKeys?: KeyPair;
  /** Default: the old certificate's lifetime, in whole days. */
  validityDays?: number;
  now?: Date;
}

export interface ReissuedCertificate extends GeneratedCertificate {
  keys: KeyPair;
  notAfter: Date;
  subjectKeyId: Buffer;
}

/** The key type we can sign for the old certificate's public key, or an error naming it. */
export function keyTypeOf(certificate: X509Certificate): KeyType {
  const type = certificate.publicKey.asymmetricKeyType;
  if (type === 'rsa') return 'rsa';
  if (type === 'ec' && certificate.publicKey.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa';
  throw new CertificateRequestError(`the certificate's key is ${type ?? 'of an unknown type'}; kuma-tls issues RSA and ECDSA P-256 keys`);
}

/** The old lifetime in whole days (at least 1), the default validity of its successor. */
export function lifetimeDays(certificate: X509Certificate): number {
  const lifetime = new Date(certificate.validTo).getTime() - new Date(certificate.validFrom).getTime();
  return Math.min(MAX_VALIDITY_DAYS, Math.max(1, Math.round(lifetime / DAY_MS)));
}

export async function reissueCertificate(oldPem: string, request: ReissueRequest = {}): Promise<ReissuedCertificate> {
  const old = new X509Certificate(oldPem);
  const structure = certificateStructure(old.raw);
  const days = request.validityDays ?? lifetimeDays(old);
  if (!Number.isInteger(days) || days < 1 || days > MAX_VALIDITY_DAYS) {
    throw new CertificateRequestError(`invalid validity "${days}" days (expected a whole number from 1 to ${MAX_VALIDITY_DAYS})`);
  }
  const keys = request.keepKeys ?? (await generateKeys(keyTypeOf(old)));
  const now = request.now ?? new Date();
  // Backdated like kumactl's certificates, whole seconds so the lifetime is exact.
  const notBefore = new Date(Math.floor((now.getTime() - CLOCK_SKEW_MS) / 1000) * 1000);
  let notAfter = new Date(notBefore.getTime() + days * DAY_MS);
  if (request.ca && notAfter.getTime() > request.ca.notAfter.getTime()) notAfter = request.ca.notAfter;
  const san = structure.extensions.find((extension) => extension.oid === OID.subjectAltName);
  const extKeyUsage = (structure.extKeyUsage ?? []).flatMap((oid): ExtendedKeyUsage[] => (oid === OID.serverAuth ? ['serverAuth'] : oid === OID.clientAuth ? ['clientAuth'] : []));
  const isCA = structure.basicConstraints?.isCA ?? false;
  const built = buildCertificate({
    subjectDer: structure.subjectDer,
    subjectKeys: keys,
    ...(request.ca ? { issuer: { nameDer: request.ca.subjectDer, keys: request.ca.keys, subjectKeyId: request.ca.subjectKeyId } } : {}),
    notBefore,
    notAfter,
    isCA,
    keyUsage: structure.keyUsage ?? (isCA ? ['keyCertSign', 'cRLSign'] : ['digitalSignature']),
    extKeyUsage,
    subjectAltNames: [],
    ...(san ? { copiedSubjectAltName: { critical: san.critical, value: san.value } } : {}),
  });
  return { certPem: built.pem, keyPem: privateKeyPem(keys), keys, notAfter, subjectKeyId: built.subjectKeyId };
}

/** The CA that takes over from `oldCaPem` in a rotation: its key type and lifetime, a dated name. */
export async function successorCa(oldCaPem: string, options: { validityDays?: number; now?: Date } = {}): Promise<CertificateAuthority> {
  const old = new X509Certificate(oldCaPem);
  const commonName = /(?:^|\n)CN=([^\n]*)/.exec(old.subject ?? '')?.[1] ?? 'kuma-ca';
  const now = options.now ?? new Date();
  // A name of its own: messages, `openssl x509 -subject` and kubectl output tell the two CAs apart.
  const dated = `${commonName.replace(/-\d{8}$/, '')}-${now.toISOString().slice(0, 10).replace(/-/g, '')}`;
  return generateCa({ commonName: dated, keyType: keyTypeOf(old), validityDays: options.validityDays ?? Math.min(lifetimeDays(old), DEFAULT_VALIDITY_DAYS), now });
}
