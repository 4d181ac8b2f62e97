// What a hover or a code lens says about a value that holds certificates or keys: PEM text,
// base64 of PEM (Secret data, caBundle), or base64 of that again. It reads the material with the
// linter's own model (its PEM block finder, strict base64, certificate and key parsers, validity),
// so a hover never contradicts a finding. Keys are described by type and size only; their
// material never leaves this module, only their public half is kept to pair them.
import { CertificateFacts } from '../../pki/inspect';
import { KeyUsageName } from '../../pki/oids';
import { certificateStructure } from '../../pki/structure';
import { issuedBy, parseCertificate, ParsedCertificate, privateKeyPublicKey, publicKeyIdentity } from '../certs';
import { decodeStrictBase64, findPemBlocks, isCertificateLabel, isPrivateKeyLabel, PEM_BEGIN, removeWhitespace } from '../model/pem';
import { validityAt } from '../validity';

export { validityAt } from '../validity';
export type { Validity, ValidityState } from '../validity';

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
  /** The public key's identity (certs.ts publicKeyIdentity), to pair the certificate with a key. */
  publicKeyId: string;
  /** The linter's parse of the same certificate (issuer checks go through it). */
  parsed: ParsedCertificate;
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
  /** The identity of the public half (certs.ts publicKeyIdentity); never the private key. */
  publicKeyId?: string;
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

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };
/** Hovers over a huge bundle describe its first blocks only. */
const MAX_ITEMS = 20;

/** The PEM text a value stands for, or null when it is neither PEM nor (twice) base64 of PEM; decoded as the linter decodes a Secret value. */
export function pemTextOf(value: string): { encoding: ValueEncoding; text: string } | null {
  if (value.includes(PEM_BEGIN)) return { encoding: 'pem', text: value };
  const once = decodeBase64(value);
  if (once === null) return null;
  if (once.includes(PEM_BEGIN)) return { encoding: 'base64', text: once };
  const twice = decodeBase64(once);
  return twice !== null && twice.includes(PEM_BEGIN) ? { encoding: 'base64-twice', text: twice } : null;
}

function decodeBase64(value: string): string | null {
  const compact = removeWhitespace(value);
  if (compact === '') return null;
  return decodeStrictBase64(compact)?.toString('utf8') ?? null;
}

export function describeMaterial(value: string): DescribedValue | null {
  const pem = pemTextOf(value);
  if (!pem) return null;
  const items: DescribedItem[] = [];
  for (const block of findPemBlocks(pem.text)) {
    if (items.length >= MAX_ITEMS) break;
    // An unterminated block (a truncated copy) is the linter's finding, not something to describe.
    if (block.endLabel !== block.label) continue;
    items.push(describeBlock(block.label, pem.text.slice(block.start, block.end), block.start, block.end, block.der, block.headers));
  }
  return { encoding: pem.encoding, items };
}

function describeBlock(label: string, text: string, start: number, end: number, der: Buffer | null, headers: Record<string, string>): DescribedItem {
  if (isCertificateLabel(label)) {
    const parsed = der ? parseCertificate(der) : null;
    if (!parsed) return { kind: 'other', start, end, label, problem: 'does not parse as an X.509 certificate' };
    const keyUsage = safeKeyUsage(parsed);
    return {
      kind: 'certificate',
      start,
      end,
      facts: parsed.facts,
      ...(keyUsage === undefined ? {} : { keyUsage }),
      pem: text,
      publicKeyId: parsed.publicKeyId,
      parsed,
    };
  }
  if (isPrivateKeyLabel(label)) return describeKey(label, der, headers, start, end);
  return { kind: 'other', start, end, label };
}

function safeKeyUsage(parsed: ParsedCertificate): KeyUsageName[] | undefined {
  try {
    return certificateStructure(parsed.der).keyUsage;
  } catch {
    return undefined;
  }
}

/** A key as Go's tls.LoadX509KeyPair reads it (the linter's loader): encrypted and unreadable keys say only that. */
function describeKey(label: string, der: Buffer | null, headers: Record<string, string>, start: number, end: number): DescribedKey {
  const publicKey = der ? privateKeyPublicKey(label, der, headers) : 'unparseable';
  if (publicKey === 'encrypted') return { kind: 'private-key', start, end, label, state: 'encrypted' };
  if (publicKey === 'unparseable') return { kind: 'private-key', start, end, label, state: 'unreadable' };
  const details = publicKey.asymmetricKeyDetails ?? {};
  const curve = details.namedCurve;
  const keyBits = details.modulusLength ?? (curve === undefined ? undefined : CURVE_BITS[curve]);
  return {
    kind: 'private-key',
    start,
    end,
    label,
    state: 'readable',
    keyType: publicKey.asymmetricKeyType ?? 'unknown',
    ...(keyBits === undefined ? {} : { keyBits }),
    ...(curve === undefined ? {} : { curve }),
    publicKeyId: publicKeyIdentity(publicKey),
  };
}

/** Whether the certificate is the key's; undefined when the key cannot be read. */
export function certificateMatchesKey(certificate: DescribedCertificate, key: DescribedKey): boolean | undefined {
  if (!key.publicKeyId) return undefined;
  return certificate.publicKeyId === key.publicKeyId;
}

/** Whether one of the CA certificates issued and signed `leaf` (signature and names, not dates), as the rules decide it. */
export function issuedByOneOf(leaf: DescribedCertificate, cas: readonly DescribedCertificate[]): boolean {
  return cas.some((ca) => issuedBy(leaf.parsed, ca.parsed));
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
