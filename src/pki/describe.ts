// What a hover or a code lens says about a value that holds certificates or keys: PEM text,
// base64 of PEM (Secret data, caBundle), or base64 of that again. Keys are described by type
// and size only; their material never leaves this module, only their public half is kept
// to tell whether a certificate belongs to them.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { CertificateFacts, certificateFacts } from './inspect';
import { KeyUsageName } from './oids';
import { certificateStructure } from './structure';

export type ValueEncoding = 'pem' | 'base64' | 'base64-twice';

export interface DescribedCertificate {
  kind: 'certificate';
  /** Offsets of the PEM block in the decoded text (in the value itself when encoding is 'pem'). */
  start: number;
  end: number;
  facts: CertificateFacts;
  /** Undefined when the certificate has no keyUsage extension. */
  keyUsage?: KeyUsageName[];
  pem: string;
  /** DER of the SubjectPublicKeyInfo, to pair the certificate with a key. */
  publicKeyDer: Buffer;
}

export interface DescribedKey {
  kind: 'private-key';
  start: number;
  end: number;
  label: string;
  /** 'encrypted' and 'unreadable' keys have no type or size. */
  state: 'readable' | 'encrypted' | 'unreadable';
  keyType?: string;
  keyBits?: number;
  curve?: string;
  /** DER of the public half; never the private key. */
  publicKeyDer?: Buffer;
}

export interface DescribedOther {
  kind: 'other';
  start: number;
  end: number;
  label: string;
  /** Why nothing more is said: an unparseable certificate, an unterminated block… */
  problem?: string;
}

export type DescribedItem = DescribedCertificate | DescribedKey | DescribedOther;

export interface DescribedValue {
  encoding: ValueEncoding;
  items: DescribedItem[];
}

const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE']);
const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };
const DAY_MS = 24 * 60 * 60 * 1000;
/** Hovers over a huge bundle describe its first blocks only. */
const MAX_ITEMS = 20;

/** The PEM text a value stands for, or null when it is neither PEM nor (twice) base64 of PEM. */
export function pemTextOf(value: string): { encoding: ValueEncoding; text: string } | null {
  if (value.includes('-----BEGIN ')) return { encoding: 'pem', text: value };
  const once = decodeBase64(value);
  if (once === null) return null;
  if (once.includes('-----BEGIN ')) return { encoding: 'base64', text: once };
  const twice = decodeBase64(once);
  return twice !== null && twice.includes('-----BEGIN ') ? { encoding: 'base64-twice', text: twice } : null;
}

function decodeBase64(value: string): string | null {
  const compact = value.replace(/\s+/g, '');
  if (compact === '' || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  return Buffer.from(compact, 'base64').toString('utf8');
}

export function describeMaterial(value: string): DescribedValue | null {
  const pem = pemTextOf(value);
  if (!pem) return null;
  const items: DescribedItem[] = [];
  for (const block of pemBlocks(pem.text)) {
    if (items.length >= MAX_ITEMS) break;
    items.push(describeBlock(block.label, pem.text.slice(block.start, block.end), block.start, block.end));
  }
  return { encoding: pem.encoding, items };
}

/** Complete BEGIN…END blocks with matching labels; indexOf only, so damaged text stays linear. */
function* pemBlocks(text: string): Generator<{ label: string; start: number; end: number }> {
  let from = 0;
  for (;;) {
    const start = text.indexOf('-----BEGIN ', from);
    if (start < 0) return;
    const labelEnd = text.indexOf('-----', start + 11);
    if (labelEnd < 0) return;
    const label = text.slice(start + 11, labelEnd);
    const endMarker = `-----END ${label}-----`;
    const nextBegin = text.indexOf('-----BEGIN ', labelEnd);
    const stop = nextBegin >= 0 ? nextBegin : text.length;
    const found = label.length <= 64 && !/[\r\n]/.test(label) ? text.slice(labelEnd, stop + endMarker.length).indexOf(endMarker) : -1;
    const endAt = found < 0 ? -1 : labelEnd + found;
    if (endAt < 0 || (nextBegin >= 0 && nextBegin < endAt)) {
      from = nextBegin >= 0 ? nextBegin : text.length;
      continue;
    }
    yield { label, start, end: endAt + endMarker.length };
    from = endAt + endMarker.length;
  }
}

function describeBlock(label: string, block: string, start: number, end: number): DescribedItem {
  if (CERTIFICATE_LABELS.has(label)) {
    try {
      const x509 = new X509Certificate(block);
      const keyUsage = safeKeyUsage(x509);
      return {
        kind: 'certificate',
        start,
        end,
        facts: certificateFacts(x509),
        ...(keyUsage === undefined ? {} : { keyUsage }),
        pem: block,
        publicKeyDer: x509.publicKey.export({ type: 'spki', format: 'der' }),
      };
    } catch {
      return { kind: 'other', start, end, label, problem: 'does not parse as an X.509 certificate' };
    }
  }
  if (label.endsWith('PRIVATE KEY')) return describeKey(label, block, start, end);
  return { kind: 'other', start, end, label };
}

function safeKeyUsage(x509: X509Certificate): KeyUsageName[] | undefined {
  try {
    return certificateStructure(x509.raw).keyUsage;
  } catch {
    return undefined;
  }
}

function describeKey(label: string, block: string, start: number, end: number): DescribedKey {
  if (label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,\s*ENCRYPTED/.test(block)) return { kind: 'private-key', start, end, label, state: 'encrypted' };
  try {
    const privateKey = createPrivateKey(block);
    const details = privateKey.asymmetricKeyDetails ?? {};
    const curve = details.namedCurve;
    const keyBits = details.modulusLength ?? (curve === undefined ? undefined : CURVE_BITS[curve]);
    return {
      kind: 'private-key',
      start,
      end,
      label,
      state: 'readable',
      keyType: privateKey.asymmetricKeyType ?? 'unknown',
      ...(keyBits === undefined ? {} : { keyBits }),
      ...(curve === undefined ? {} : { curve }),
      publicKeyDer: createPublicKey(privateKey).export({ type: 'spki', format: 'der' }),
    };
  } catch {
    return { kind: 'private-key', start, end, label, state: 'unreadable' };
  }
}

/** Whether the certificate is the key's; undefined when the key cannot be read. */
export function certificateMatchesKey(certificate: DescribedCertificate, key: DescribedKey): boolean | undefined {
  if (!key.publicKeyDer) return undefined;
  return certificate.publicKeyDer.equals(key.publicKeyDer);
}

/** Whether one of the CA certificates issued and signed `leaf` (signature and names, not dates). */
export function issuedByOneOf(leaf: DescribedCertificate, cas: readonly DescribedCertificate[]): boolean {
  try {
    const x509 = new X509Certificate(leaf.pem);
    return cas.some((ca) => {
      const issuer = new X509Certificate(ca.pem);
      return x509.checkIssued(issuer) && x509.verify(issuer.publicKey);
    });
  } catch {
    return false;
  }
}

export type ValidityState = 'valid' | 'expired' | 'not-yet-valid';

export interface Validity {
  state: ValidityState;
  /** Whole days until notAfter (valid), since notAfter (expired), or until notBefore (not yet valid). */
  days: number;
}

export function validityAt(facts: Pick<CertificateFacts, 'notBefore' | 'notAfter'>, now: Date): Validity {
  const t = now.getTime();
  if (facts.notBefore.getTime() > t) return { state: 'not-yet-valid', days: Math.ceil((facts.notBefore.getTime() - t) / DAY_MS) };
  if (facts.notAfter.getTime() <= t) return { state: 'expired', days: Math.floor((t - facts.notAfter.getTime()) / DAY_MS) };
  return { state: 'valid', days: Math.floor((facts.notAfter.getTime() - t) / DAY_MS) };
}

/** The code lens text: "expires in N days", "expired N days ago", "not yet valid (in N days)". */
export function validitySummary(facts: Pick<CertificateFacts, 'notBefore' | 'notAfter'>, now: Date): string {
  const validity = validityAt(facts, now);
  const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;
  switch (validity.state) {
    case 'expired':
      return validity.days === 0 ? 'expired today' : `expired ${days(validity.days)} ago`;
    case 'not-yet-valid':
      return `not yet valid (valid in ${days(validity.days)}; expires ${facts.notAfter.toISOString().slice(0, 10)})`;
    default:
      return validity.days === 0 ? 'expires today' : `expires in ${days(validity.days)}`;
  }
}
