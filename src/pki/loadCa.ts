// A CA from the workspace, read and checked. Apart from generate.ts because reading a
// certificate's structure loads node-forge's ASN.1 reader, which generating never needs: the CLI
// imports this only when a command is given an existing CA.
import { X509Certificate } from 'node:crypto';
import { CertificateAuthority, CertificateRequestError } from './generate';
import { KeyPair, keyPairFromPem } from './keys';
import { certificateStructure } from './structure';

/**
 * A CA from the workspace, checked before anything is signed with it: a certificate that says
 * CA:TRUE, may sign certificates, is still valid, and belongs to the key.
 */
export function loadCa(certPem: string, keyPem: string, now: Date = new Date()): CertificateAuthority {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certPem);
  } catch {
    throw new CertificateRequestError('the CA certificate is not a readable PEM certificate');
  }
  let keys: KeyPair;
  try {
    keys = keyPairFromPem(keyPem);
  } catch (error) {
    throw new CertificateRequestError(`the CA key: ${(error as Error).message}`);
  }
  if (!certificate.ca) {
    throw new CertificateRequestError('the CA certificate is not a CA (basicConstraints CA:FALSE or missing)');
  }
  if (!certificate.checkPrivateKey(keys.privateKey)) {
    throw new CertificateRequestError('the CA key does not belong to the CA certificate');
  }
  const structure = certificateStructure(certificate.raw);
  if (structure.keyUsage !== undefined && !structure.keyUsage.includes('keyCertSign')) {
    throw new CertificateRequestError('the CA certificate\'s key usage does not allow signing certificates (keyCertSign)');
  }
  const notAfter = new Date(certificate.validTo);
  if (notAfter.getTime() <= now.getTime()) {
    throw new CertificateRequestError(`the CA certificate expired on ${notAfter.toISOString()}`);
  }
  return {
    certPem,
    keyPem,
    keys,
    subjectDer: structure.subjectDer,
    subjectKeyId: structure.subjectKeyId,
    notAfter,
  };
}
