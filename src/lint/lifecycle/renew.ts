// Renewal of one certificate across a workspace: the same subject and names, a new validity, a
// new key unless asked to keep it, signed by the CA that signed it (found, with its key, in the
// workspace) or by itself. Every place that holds the certificate or its key gets the new one.
import { X509Certificate } from 'node:crypto';
import { CertificateAuthority, CertificateRequestError } from '../../pki/generate';
import { keyPairFromPem } from '../../pki/keys';
import { loadCa } from '../../pki/loadCa';
import { echoSubject } from '../../pki/redact';
import { reissueCertificate } from '../../pki/renew';
import { issuedBy } from '../certs';
import { LintDocument } from '../model/document';
import { CertificatePiece, KeyPiece, MaterialValue, materialValues } from './material-values';
import { emptyPlan, LifecycleError, LifecyclePlan, PemChanges } from './plan';

export interface RenewOptions {
  keepKey?: boolean;
  /** Which certificate of the file (SHA-256 fingerprint as Node prints it); default: the first. */
  fingerprint?: string;
  validityDays?: number;
  now?: Date;
}

/** Every key piece of the values that is the private key of `certificate`. */
export function keysOf(values: readonly MaterialValue[], certificate: CertificatePiece): Array<{ value: MaterialValue; piece: KeyPiece }> {
  return values.flatMap((value) => value.keys.filter((k) => k.publicKeyId === certificate.parsed.publicKeyId).map((piece) => ({ value, piece })));
}

/** Every certificate piece of the values with this fingerprint. */
export function copiesOf(values: readonly MaterialValue[], fingerprint: string): Array<{ value: MaterialValue; piece: CertificatePiece }> {
  return values.flatMap((value) => value.certificates.filter((c) => c.fingerprint === fingerprint).map((piece) => ({ value, piece })));
}

/** The CA of the workspace that issued `leaf`, with its key; an error saying what is missing. */
export function issuingCa(values: readonly MaterialValue[], leaf: CertificatePiece, now: Date): CertificateAuthority {
  const issuers = values.flatMap((v) => v.certificates).filter((c) => c.fingerprint !== leaf.fingerprint && issuedBy(leaf.parsed, c.parsed));
  if (issuers.length === 0) {
    throw new LifecycleError(`the CA that issued the certificate ("${echoSubject(leaf.x509.issuer ?? '') || 'no subject'}") is not in the workspace`);
  }
  for (const issuer of issuers) {
    const key = keysOf(values, issuer)[0];
    if (key) return caFrom(issuer.pem, key.piece.pem, now);
  }
  throw new LifecycleError(`the private key of the CA that issued the certificate ("${echoSubject(issuers[0].x509.subject ?? '') || 'no subject'}") is not in the workspace, so nothing can sign the renewed certificate`);
}

/** loadCa with its CertificateRequestError turned into a LifecycleError. */
export function caFrom(certPem: string, keyPem: string, now: Date): CertificateAuthority {
  try {
    return loadCa(certPem, keyPem, now);
  } catch (error) {
    if (error instanceof CertificateRequestError) throw new LifecycleError(error.message);
    throw error;
  }
}

/**
 * Issues `target` again (signed by `ca`, or by itself) and records, in `changes`, the new
 * certificate for every copy of the old one and the new key for every copy of the old key.
 */
export async function replaceEverywhere(values: readonly MaterialValue[], target: CertificatePiece, changes: PemChanges, options: RenewOptions & { ca?: CertificateAuthority }): Promise<void> {
  const oldKeys = keysOf(values, target);
  if (oldKeys.length === 0) {
    throw new LifecycleError(
      options.keepKey
        ? 'keeping the key needs the certificate\'s private key, and it is not in the workspace'
        : 'the certificate\'s private key is not in the workspace, so a new key would have nowhere to go; renew where the key is kept',
    );
  }
  const keepKeys = options.keepKey ? keyPairFromPem(oldKeys[0].piece.pem) : undefined;
  const reissued = await reissueCertificate(target.pem, { ca: options.ca, keepKeys, validityDays: options.validityDays, now: options.now });
  for (const { value, piece } of copiesOf(values, target.fingerprint)) changes.add(value, { piece, newPem: reissued.certPem });
  if (!keepKeys) for (const { value, piece } of oldKeys) changes.add(value, { piece, newPem: reissued.keyPem });
}

/** The plan that renews the first certificate of `certPath` wherever the workspace holds it. */
export async function planRenewal(docs: readonly LintDocument[], certPath: string, options: RenewOptions = {}): Promise<LifecyclePlan> {
  const now = options.now ?? new Date();
  const values = materialValues(docs);
  const inFile = values.filter((v) => v.doc.path === certPath).flatMap((v) => v.certificates);
  const target = options.fingerprint === undefined ? inFile[0] : inFile.find((c) => c.fingerprint === options.fingerprint);
  if (!target) throw new LifecycleError('the file holds no certificate the workspace can read');
  const selfSigned = target.parsed.facts.selfSigned;
  if (target.parsed.facts.isCA && !options.keepKey && (!selfSigned || values.some((v) => v.certificates.some((c) => c.fingerprint !== target.fingerprint && issuedBy(c.parsed, target.parsed))))) {
    throw new LifecycleError('this is a CA that has issued certificates: a new key would leave them untrusted. Renew it with --keep-key, or replace it with kuma-tls rotate-ca');
  }
  const ca = selfSigned ? undefined : issuingCa(values, target, now);
  const changes = new PemChanges();
  await replaceEverywhere(values, target, changes, { ...options, now, ca });
  const plan = emptyPlan();
  changes.into(plan);
  if (ca) plan.notes.push(`signed by the CA "${echoSubject(ca.certPem === '' ? '' : new X509Certificate(ca.certPem).subject ?? '') || 'no subject'}" found in the workspace`);
  return plan;
}
