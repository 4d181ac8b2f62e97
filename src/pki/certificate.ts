// X.509 v3 certificates assembled from DER pieces: derBytes encodes the TBSCertificate, Node's
// crypto supplies the SubjectPublicKeyInfo and the signature. node-forge's certificate API only
// knows RSA keys and signs in pure JavaScript, so it is not used.
import { createHash, randomBytes, sign } from 'node:crypto';
import {
  bitString,
  boolean,
  childrenOf,
  contextSpecific,
  namedBits,
  nullValue,
  octetString,
  oid,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './derBytes';
import { SubjectAltName } from './hostnames';
import { KeyPair } from './keys';
import { KEY_USAGE_BIT, KeyUsageName, OID } from './oids';

export type ExtendedKeyUsage = 'serverAuth' | 'clientAuth';

export interface Issuer {
  /** DER of the issuer's subject Name, copied byte for byte into the certificate's issuer field. */
  nameDer: Buffer;
  keys: KeyPair;
  /** The issuer's subjectKeyIdentifier, repeated as authorityKeyIdentifier. */
  subjectKeyId?: Buffer;
}

export interface CertificateProfile {
  /** DER of the subject Name; use `nameDer()` to build one. */
  subjectDer: Buffer;
  subjectKeys: KeyPair;
  /** Omitted: self-signed with `subjectKeys` (and then no authorityKeyIdentifier, like Go). */
  issuer?: Issuer;
  notBefore: Date;
  notAfter: Date;
  isCA: boolean;
  keyUsage: KeyUsageName[];
  extKeyUsage: ExtendedKeyUsage[];
  subjectAltNames: SubjectAltName[];
  /**
   * A subjectAltName extension copied as it is from another certificate (a renewal keeps every
   * name type, URIs and emails too); replaces `subjectAltNames`.
   */
  copiedSubjectAltName?: { critical: boolean; value: Buffer };
}

export interface BuiltCertificate {
  der: Buffer;
  pem: string;
  subjectKeyId: Buffer;
}

/** A Name with at most a common name; no common name gives the empty Name kumactl uses. */
export function nameDer(commonName?: string): Buffer {
  if (commonName === undefined || commonName === '') {
    return sequence([]);
  }
  return sequence([set([sequence([oid(OID.commonName), utf8String(commonName)])])]);
}

export function buildCertificate(profile: CertificateProfile): BuiltCertificate {
  const spkiDer = profile.subjectKeys.publicKey.export({ type: 'spki', format: 'der' });
  const subjectKeyId = subjectKeyIdOf(spkiDer);
  const signer = profile.issuer?.keys ?? profile.subjectKeys;
  const issuerNameDer = profile.issuer?.nameDer ?? profile.subjectDer;
  const signatureAlgorithm = signatureAlgorithmOf(signer);
  const extensions = buildExtensions(profile, subjectKeyId);

  const tbsDer = sequence([
    contextSpecific(0, [smallInteger(2)]),
    unsignedInteger(randomSerial()),
    signatureAlgorithm,
    issuerNameDer,
    sequence([time(profile.notBefore), time(profile.notAfter)]),
    profile.subjectDer,
    spkiDer,
    contextSpecific(3, [sequence(extensions)]),
  ]);
  // ECDSA signatures come out DER-encoded (Ecdsa-Sig-Value), which is what X.509 wants.
  const signature = sign('sha256', tbsDer, signer.privateKey);
  const der = sequence([tbsDer, signatureAlgorithm, bitString(signature)]);
  return { der, pem: certificatePem(der), subjectKeyId };
}

export function certificatePem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * RFC 7093 §2 method 1: the leftmost 160 bits of the SHA-256 of the subjectPublicKey bits, which
 * is what Go (and so kumactl) writes since Go 1.25; SHA-1 would work as well but is retired.
 */
export function subjectKeyIdOf(spkiDer: Buffer): Buffer {
  // SubjectPublicKeyInfo: SEQUENCE { algorithm, BIT STRING }; the key bits follow the unused-bits octet.
  const publicKeyBits = childrenOf(spkiDer)[1].content.subarray(1);
  return createHash('sha256').update(publicKeyBits).digest().subarray(0, 20);
}

/** 128 random bits as a positive, non-zero serial (Go: rand.Int(rand.Reader, 2^128)). */
function randomSerial(): Buffer {
  for (;;) {
    const serial = randomBytes(16);
    if (serial.some((byte) => byte !== 0)) {
      return serial;
    }
  }
}

function signatureAlgorithmOf(keys: KeyPair): Buffer {
  return keys.type === 'rsa'
    ? sequence([oid(OID.sha256WithRSAEncryption), nullValue()])
    : sequence([oid(OID.ecdsaWithSHA256)]);
}

function buildExtensions(profile: CertificateProfile, subjectKeyId: Buffer): Buffer[] {
  const extensions: Buffer[] = [];
  // Go's order: key usage, extended key usage, basic constraints, SKI, AKI, SAN.
  if (profile.keyUsage.length > 0) {
    extensions.push(extension(OID.keyUsage, true, namedBits(profile.keyUsage.map((name) => KEY_USAGE_BIT[name]))));
  }
  if (profile.extKeyUsage.length > 0) {
    extensions.push(extension(OID.extKeyUsage, false, sequence(profile.extKeyUsage.map((usage) => oid(OID[usage])))));
  }
  // DER omits the DEFAULT FALSE of cA, so a leaf's basicConstraints is an empty SEQUENCE.
  extensions.push(extension(OID.basicConstraints, true, sequence(profile.isCA ? [boolean(true)] : [])));
  extensions.push(extension(OID.subjectKeyIdentifier, false, octetString(subjectKeyId)));
  if (profile.issuer?.subjectKeyId !== undefined) {
    const keyIdentifier = contextSpecific(0, profile.issuer.subjectKeyId);
    extensions.push(extension(OID.authorityKeyIdentifier, false, sequence([keyIdentifier])));
  }
  if (profile.copiedSubjectAltName !== undefined) {
    extensions.push(extension(OID.subjectAltName, profile.copiedSubjectAltName.critical, profile.copiedSubjectAltName.value));
  } else if (profile.subjectAltNames.length > 0) {
    // RFC 5280 §4.2.1.6: with an empty subject the SAN extension must be critical.
    const subjectIsEmpty = childrenOf(profile.subjectDer).length === 0;
    // Go (and so kumactl) writes all DNS names first, then all IP addresses, each in given order.
    const ordered = [
      ...profile.subjectAltNames.filter((name) => name.kind === 'dns'),
      ...profile.subjectAltNames.filter((name) => name.kind === 'ip'),
    ];
    const names = ordered.map((name) =>
      name.kind === 'dns' ? contextSpecific(2, Buffer.from(name.value, 'latin1')) : contextSpecific(7, name.bytes),
    );
    extensions.push(extension(OID.subjectAltName, subjectIsEmpty, sequence(names)));
  }
  return extensions;
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence([oid(id), ...(critical ? [boolean(true)] : []), octetString(value)]);
}
