// Who issued a certificate, answered in one place: the rules (through lint/certs.ts `issuedBy`,
// which caches it per pair), renewal, CA rotation, the probe's check of a served chain and the
// certificate commands all ask this. The DER reader decides it where it can (certificate-der.ts
// `issuedByDer`, the same answer as OpenSSL's checkIssued + verify); OpenSSL decides the rest.
import { X509Certificate } from 'node:crypto';
import { CertificateDer, issuedByDer, readCertificateDer } from './certificate-der';

/** A certificate as far as it has been read: the reader's view (null where it declined) and OpenSSL's, which may be made on demand. */
export interface IssuerCheckable {
  readonly read: CertificateDer | null;
  readonly x509: X509Certificate;
}

/**
 * Whether `issuer` issued and signed `leaf`: names as OpenSSL compares them, the key identifiers,
 * keyUsage allowing certificate signing, the signature. Not validity dates. Never throws.
 */
export function issuedByCertificate(leaf: IssuerCheckable, issuer: IssuerCheckable): boolean {
  try {
    const read = leaf.read && issuer.read ? issuedByDer(leaf.read, issuer.read) : null;
    return read ?? (leaf.x509.checkIssued(issuer.x509) && leaf.x509.verify(issuer.x509.publicKey));
  } catch {
    return false;
  }
}

/** A certificate's PEM block (one BEGIN/END CERTIFICATE pair) to check with `issuedByCertificate`; OpenSSL loads it only if the reader declines. */
export function checkableOfPem(block: string): IssuerCheckable {
  const body = block.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '');
  // Node's base64 decoder passes over characters OpenSSL's PEM reader refuses: such a body is OpenSSL's to judge.
  const read = /^[A-Za-z0-9+/=\s]*$/.test(body) ? readCertificateDer(Buffer.from(body, 'base64')) : null;
  let x509: X509Certificate | undefined;
  return {
    read,
    get x509(): X509Certificate {
      return (x509 ??= new X509Certificate(block));
    },
  };
}

/** An X509Certificate already made by OpenSSL, as `issuedByCertificate` takes it. */
export function checkableOfX509(x509: X509Certificate): IssuerCheckable {
  return { read: null, x509 };
}
