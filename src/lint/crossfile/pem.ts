// The first certificate or private key of a text, as the cross-file rules compare them.
import { parseCertificate, ParsedCertificate, privateKeyPublicId } from '../certs';
import { findPemBlocks, PEM_BEGIN } from '../model/pem';
import { holdsPrivateKey, TextMemo } from '../../pki/text-memo';
import { SecretEntry } from '../model/secret';
import { LintDocument } from '../model/document';
import { Span } from '../types';

export function firstCertificate(pem: string): ParsedCertificate | null {
  const block = findPemBlocks(pem).find((b) => b.label === 'CERTIFICATE' && b.der);
  return block?.der ? parseCertificate(block.der, block.base64) : null;
}

/** Every certificate of a PEM text that parses (a CA bundle holds several), in order. */
export function certificatesOf(pem: string): ParsedCertificate[] {
  return findPemBlocks(pem).flatMap((b) => (b.label === 'CERTIFICATE' && b.der ? [parseCertificate(b.der, b.base64)] : [])).filter((c): c is ParsedCertificate => c !== null);
}

/** The identity of the first private key's public half (certs.ts publicKeyIdentity), or null when there is none that loads. */
export function privateKeyPublicHalf(pem: string): string | null {
  const block = findPemBlocks(pem).find((b) => b.label.endsWith('PRIVATE KEY') && b.der);
  if (!block?.der) return null;
  const id = privateKeyPublicId(block.label, block.der, block.headers);
  return id === 'encrypted' || id === 'unparseable' ? null : id;
}

/**
 * Whether the first private key of `keyText` is the key of the first certificate of `certText`:
 * Go's tls.X509KeyPair check (the two public halves are one key), with the identities the rules
 * compare. Unreadable, encrypted or missing material is no.
 */
export function keyBelongsTo(certText: string, keyText: string): boolean {
  const certificate = firstCertificate(certText);
  const key = privateKeyPublicHalf(keyText);
  return certificate !== null && key !== null && certificate.publicKeyId === key;
}

/** Base64 of `data` values may be wrapped or padded with blanks; Kubernetes ignores neither, we compare content. */
export function decodeBase64(value: string): string | null {
  return decodedMemo.get(value, decode, (_, pem) => pem !== null && (!pem.includes(PEM_BEGIN) || holdsPrivateKey(pem)));
}

// The caBundle of every values file is the same CA: decoded once. Kept: PEM without a key, and
// "not base64" (null); anything else (a key, text that is not PEM) is decoded each time.
const decodedMemo = new TextMemo<string | null>(512, 16 * 1024);

function decode(value: string): string | null {
  const compact = value.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  return Buffer.from(compact, 'base64').toString('utf8');
}

// Several cross-file rules read the same Secret's certificate, once per file that names it: decode
// and parse each entry once (an entry belongs to one parse of its document, so it never goes stale).
const entryCertificates = new WeakMap<SecretEntry, ParsedCertificate | null>();

/** The certificate a Secret entry holds (`data` base64 or `stringData` PEM). */
export function entryCertificate(entry: SecretEntry | undefined): ParsedCertificate | null {
  if (!entry) return null;
  const known = entryCertificates.get(entry);
  if (known !== undefined) return known;
  const pem = entry.field === 'data' ? decodeBase64(entry.value) : entry.value;
  const certificate = pem ? firstCertificate(pem) : null;
  entryCertificates.set(entry, certificate);
  return certificate;
}

/** Where a related link into a PEM file lands: its first BEGIN line (the file start if none). */
export function firstBlockRange(doc: LintDocument): Span {
  const block = doc.pemBlocks[0] ?? findPemBlocks(doc.text)[0];
  if (!block) return doc.lines.span(0, 0);
  const lineEnd = doc.text.indexOf('\n', block.start);
  return doc.lines.span(block.start, lineEnd < 0 ? block.end : Math.min(lineEnd, block.end));
}
