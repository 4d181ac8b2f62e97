// Hover text for certificates and keys. Editor-free (plain Markdown strings) so the unit tests
// can check that a key's hover names its type and nothing else.
import { DescribedCertificate, DescribedItem, DescribedKey, ValueEncoding, validityAt } from './describe';
import { echo } from '../../pki/redact';

/** What a certificate or key was checked against, in words for the hover. */
export interface PairingNote {
  ok: boolean;
  text: string;
  /** Nothing was compared (e.g. the Secret is defined several times): neither a pass nor a failure. */
  undecided?: boolean;
}

/** Verdicts in words, not emoji: a hover must read the same without an emoji font or colour. */
function noteLine(note: PairingNote): string {
  return `- ${note.undecided ? '**not checked:**' : note.ok ? '**pass:**' : '**FAIL:**'} ${escape(note.text)}`;
}

const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

const ENCODING_NOTES: Record<ValueEncoding, string> = {
  pem: '',
  base64: 'base64 of PEM',
  'base64-twice': 'base64 of base64 of PEM (encoded twice)',
};

export function keyDescription(keyType: string | undefined, keyBits?: number, curve?: string): string {
  if (keyType === 'rsa') return keyBits === undefined ? 'RSA' : `RSA ${keyBits}-bit`;
  if (keyType === 'ec') return `ECDSA ${curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : curve ?? ''}`.trim();
  if (keyType === 'ed25519') return 'Ed25519';
  return keyType ?? 'unknown key type';
}

/** Document text in a hover: through the echo gate (bounded, key material withheld), then Markdown-escaped. */
function escape(text: string): string {
  return echo(text, undefined, 200).replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`);
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

export function certificateMarkdown(cert: DescribedCertificate, now: Date, notes: readonly PairingNote[] = [], encoding: ValueEncoding = 'pem'): string {
  const f = cert.facts;
  const role = f.isCA ? (f.selfSigned ? 'CA certificate, self-signed' : 'CA certificate') : f.selfSigned ? 'leaf certificate, self-signed' : 'leaf certificate';
  const validity = validityAt(f, now);
  const status =
    validity.state === 'expired'
      ? `**EXPIRED** ${days(validity.days)} ago`
      : validity.state === 'not-yet-valid'
        ? `**NOT YET VALID** (valid in ${days(validity.days)})`
        : `${days(validity.days)} left`;
  const sans = [...f.dnsNames.map((n) => `DNS:${n}`), ...f.ipAddresses.map((n) => `IP:${n}`)];
  const eku = f.extKeyUsage === undefined ? 'none (any use)' : f.extKeyUsage.map((oid) => EKU_NAMES[oid] ?? oid).join(', ');
  const lines = [
    `**Certificate** — ${role}, ${keyDescription(f.keyType, f.keyBits, f.curve)}${ENCODING_NOTES[encoding] ? ` (${ENCODING_NOTES[encoding]})` : ''}`,
    '',
    `- Subject: ${f.subject ? escape(f.subject.replace(/\n/g, ', ')) : '*(empty)*'}`,
    `- Issuer: ${f.issuer ? escape(f.issuer.replace(/\n/g, ', ')) : '*(empty)*'}`,
    `- SANs: ${sans.length > 0 ? escape(sans.join(', ')) : '*none*'}`,
    `- Valid: ${f.notBefore.toISOString()} → ${f.notAfter.toISOString()} (${status})`,
    `- Key usage: ${cert.keyUsage === undefined ? 'none' : cert.keyUsage.join(', ')}; extended: ${eku}`,
    `- SHA-256: \`${f.fingerprint256}\``,
  ];
  for (const note of notes) lines.push(noteLine(note));
  return lines.join('\n');
}

/** A key's hover: its type and size and how it pairs; never any of its bytes. */
export function keyMarkdown(key: DescribedKey, notes: readonly PairingNote[] = []): string {
  const lines: string[] = [];
  if (key.state === 'encrypted') {
    lines.push('**Private key** — encrypted', '', 'Kuma loads keys with Go\'s tls.LoadX509KeyPair, which cannot decrypt them.');
  } else if (key.state === 'unreadable') {
    lines.push('**Private key** — does not parse as PKCS#1, SEC 1 or PKCS#8');
  } else {
    lines.push(`**Private key** — ${keyDescription(key.keyType, key.keyBits, key.curve)}`);
  }
  if (notes.length > 0) lines.push('');
  for (const note of notes) lines.push(noteLine(note));
  return lines.join('\n');
}

export function itemMarkdown(item: DescribedItem, now: Date, notes: readonly PairingNote[], encoding: ValueEncoding): string {
  if (item.kind === 'certificate') return certificateMarkdown(item, now, notes, encoding);
  if (item.kind === 'private-key') return keyMarkdown(item, notes);
  return `**${escape(item.label)}** PEM block${item.problem ? ` — ${escape(item.problem)}` : ''}`;
}
