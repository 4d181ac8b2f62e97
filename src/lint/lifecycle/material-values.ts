// Every place of a workspace that holds certificates or private keys, read through the linter's
// own slots (material.ts: PEM files, Secret data/stringData, chart values, install lines,
// KUMA_CONTROL_PLANE_CA_CERT), decoded once, and the one way to write a slot's new PEM back in
// the slot's own encoding. Renewal and CA rotation compute their edits with it.
import { X509Certificate } from 'node:crypto';
import { isScalar } from 'yaml';
import { parseCertificate, ParsedCertificate, privateKeyPublicId } from '../certs';
import { slotsOf, MaterialSlot } from '../material';
import { LintDocument } from '../model/document';
import { decodeStrictBase64, findPemBlocks, isCertificateLabel, isPrivateKeyLabel, PEM_BEGIN, removeWhitespace } from '../model/pem';
import { hasShellSubstitution } from '../model/settings';
import { isPlaceholderValue } from '../model/placeholders';
import { Span, TextEdit } from '../types';

export interface PemPiece {
  /** Offsets into the slot's decoded PEM text. */
  start: number;
  end: number;
  /** The block's own text (BEGIN to END line). */
  pem: string;
}

export interface CertificatePiece extends PemPiece {
  /** The linter's parse of the block (cached by content): its facts, and OpenSSL's view on demand. */
  parsed: ParsedCertificate;
  readonly x509: X509Certificate;
  fingerprint: string;
}

export interface KeyPiece extends PemPiece {
  /** The key's public half as the linter compares it with a certificate's (`ParsedCertificate.publicKeyId`). */
  publicKeyId: string;
}

export interface MaterialValue {
  doc: LintDocument;
  slot: MaterialSlot;
  /** The PEM the slot stands for (decoded from base64 where the slot is base64). */
  pem: string;
  /** How the value is written: PEM as it is, or base64 of it. */
  written: 'raw' | 'base64';
  certificates: CertificatePiece[];
  keys: KeyPiece[];
}

/** Every material value of the documents: decodable, not a substitution or placeholder. */
export function materialValues(docs: Iterable<LintDocument>): MaterialValue[] {
  const values: MaterialValue[] = [];
  for (const doc of docs) {
    // All slots count: a Secret nobody references still holds the certificate being replaced.
    const serverSecrets = new Set(doc.secrets.flatMap((s) => (s.name ? [s.name] : [])));
    for (const slot of slotsOf(doc, serverSecrets)) {
      const value = readValue(doc, slot);
      if (value) values.push(value);
    }
  }
  return values;
}

function readValue(doc: LintDocument, slot: MaterialSlot): MaterialValue | null {
  const text = slot.value.text;
  if (text.trim() === '' || isPlaceholderValue(text) || hasShellSubstitution(text) || (slot.shellWord && /[$`]/.test(text))) return null;
  let pem: string;
  let written: MaterialValue['written'];
  if (text.includes(PEM_BEGIN)) {
    pem = text;
    written = 'raw';
  } else {
    const decoded = decodeStrictBase64(removeWhitespace(text))?.toString('utf8');
    if (decoded === undefined || !decoded.includes(PEM_BEGIN)) return null;
    pem = decoded;
    written = 'base64';
  }
  const value: MaterialValue = { doc, slot, pem, written, certificates: [], keys: [] };
  for (const block of findPemBlocks(pem)) {
    if (block.endLabel !== block.label || !block.der) continue;
    const piece = { start: block.start, end: block.end, pem: pem.slice(block.start, block.end) };
    if (isCertificateLabel(block.label)) {
      // Null is cert-invalid's business; nothing to renew in it.
      const parsed = parseCertificate(block.der);
      if (parsed) value.certificates.push(certificatePiece(piece, parsed));
    } else if (isPrivateKeyLabel(block.label)) {
      // The linter's key model (cached, read from the DER where it can be): encrypted or
      // unreadable keys are key-unsupported's business.
      const publicKeyId = privateKeyPublicId(block.label, block.der, block.headers);
      if (publicKeyId !== 'encrypted' && publicKeyId !== 'unparseable') value.keys.push({ ...piece, publicKeyId });
    }
  }
  return value.certificates.length > 0 || value.keys.length > 0 ? value : null;
}

function certificatePiece(piece: PemPiece, parsed: ParsedCertificate): CertificatePiece {
  return {
    ...piece,
    parsed,
    get x509(): X509Certificate {
      return parsed.x509;
    },
    fingerprint: parsed.facts.fingerprint256,
  };
}

export interface PemChange {
  /** The block replaced (or, for `insertAfter`, the block the new one follows). */
  piece: PemPiece;
  /** New PEM text; '' removes the block. */
  newPem: string;
  insertAfter?: boolean;
}

/** The slot's PEM with blocks replaced, removed or added. */
export function changedPem(value: MaterialValue, changes: readonly PemChange[]): string {
  let out = value.pem;
  // From the end, so earlier offsets stay valid.
  for (const change of [...changes].sort((a, b) => b.piece.start - a.piece.start)) {
    const block = change.newPem.replace(/\s+$/, '');
    if (change.insertAfter) {
      out = `${out.slice(0, change.piece.end)}\n${block}${out.slice(change.piece.end)}`;
    } else if (block === '') {
      // Removing a block takes its line break with it.
      const end = out.startsWith('\r\n', change.piece.end) ? change.piece.end + 2 : out.startsWith('\n', change.piece.end) ? change.piece.end + 1 : change.piece.end;
      out = out.slice(0, change.piece.start) + out.slice(end);
    } else {
      out = out.slice(0, change.piece.start) + block + out.slice(change.piece.end);
    }
  }
  return out;
}

/**
 * The edit that writes `pem` into the slot, encoded the way the slot is written: one-line base64
 * (Secret data, caBundle, --set), a literal block scalar (YAML raw PEM), or the text itself
 * (PEM files, env values). Null when the slot cannot be rewritten safely (a shell word).
 */
export function slotEdit(value: MaterialValue, pem: string): TextEdit | null {
  const { doc, slot } = value;
  if (value.written === 'base64') {
    return { path: doc.path, range: slot.value.range, newText: Buffer.from(pem, 'utf8').toString('base64') };
  }
  if (slot.shellWord) return null;
  const eol = doc.lines.eol;
  const yamlRange = doc.format === 'yaml' || doc.format === 'markdown' ? yamlValueRange(value) : null;
  if (yamlRange) {
    const indent = doc.lines.indentation(yamlRange.keyLine) + '  ';
    const body = pem.replace(/\r?\n$/, '').split(/\r?\n/);
    return { path: doc.path, range: yamlRange.range, newText: `${pem.endsWith('\n') ? '|' : '|-'}${eol}${body.map((line) => indent + line).join(eol)}` };
  }
  if (doc.format === 'yaml' || doc.format === 'markdown') return null;
  return { path: doc.path, range: slot.value.range, newText: eol === '\n' ? pem : pem.replace(/\r?\n/g, eol) };
}

/** The YAML value node's range (from its `|` on) and its key's line, for a raw-PEM YAML slot. */
function yamlValueRange(value: MaterialValue): { range: Span; keyLine: number } | null {
  const { doc, slot } = value;
  if (slot.secret) {
    const entry = slot.secret.entries.find((e) => e.embedded === slot.value);
    return entry ? { range: entry.valueRange, keyLine: entry.keyRange.start.line } : null;
  }
  if (slot.helmDoc && doc.yaml && slot.label.startsWith('controlPlane.')) {
    const entry = doc.yaml.get(slot.helmDoc, slot.label.split('.'));
    return entry?.value && isScalar(entry.value) ? { range: entry.valueRange, keyLine: (entry.keyRange ?? entry.valueRange).start.line } : null;
  }
  return null;
}
