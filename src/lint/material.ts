// Where certificates and keys appear ("slots"), what each slot expects, and one shared
// analysis of them per document: encoding, PEM structure, parse results, certificate facts.
// The PEM/certificate rules each report their own share of this analysis, so a file's
// material is decoded and parsed once however many rules look at it.
import { isScalar } from 'yaml';
import { derContent, issuedBy, parseCertificate, ParsedCertificate, privateKeyPublicId, WEAK_SIGNATURE_OIDS } from './certs';
import { replaceFix } from './fixes';
import { chartValuesOf, commandValueText, KumaCommand, wrappingBase64At } from './model/commands';
import { LintDocument } from './model/document';
import { baseName } from './model/kinds';
import { decodeStrictBase64, findPemBlocks, GoPemRejection, isCertificateLabel, isCrlLabel, isPrivateKeyLabel, PEM_BEGIN, PemBlock, removeWhitespace } from './model/pem';
import { isCertificateShapedKey, SecretManifest } from './model/secret';
import { hasShellSubstitution } from './model/settings';
import { EmbeddedText, wholeValue } from './model/text';
import { scalarString, YamlDocument } from './model/yaml';
import { controlPlaneCaCert } from './model/helm';
import { Fix, RelatedLocation, Span } from './types';
import { CertificateFacts } from '../pki/inspect';
import { echo } from '../pki/redact';
import { FileRole, isCaRole, roleOfFileName } from '../pki/fileRole';
import { isPlaceholderValue } from './model/placeholders';
import { validityAt } from './validity';
import { holdsPrivateKey, TextMemo } from '../pki/text-memo';

/** A base64 value without its white space, and what it decodes to (null: not strict base64). */
interface DecodedValue {
  compact: string;
  decoded: Buffer | null;
  decodedText: string;
}

function decodeValue(text: string): DecodedValue {
  const compact = removeWhitespace(text);
  const decoded = decodeStrictBase64(compact);
  return { compact, decoded, decodedText: decoded ? decoded.toString('utf8') : '' };
}

// The same CA is base64 in every values file and Secret: decoded once (only PEM without a key is
// kept, text-memo.ts). A kept Buffer is shared, so nothing here writes into one.
const base64Memo = new TextMemo<DecodedValue>(512, 16 * 1024);

export type SlotContent = 'certificate' | 'ca' | 'key' | 'any';
export type SlotEncoding = 'base64' | 'one-line-base64' | 'raw';

export interface MaterialSlot {
  /** For messages: "tls.crt of Secret general-tls-certs", "controlPlane.tls.general.caBundle". */
  label: string;
  content: SlotContent;
  encoding: SlotEncoding;
  /** A server slot per lint-rules.md (the certificate must be usable as a TLS server certificate). */
  server: boolean;
  value: EmbeddedText;
  /** Pairing: slots of one Secret / one values section / one file share a group. */
  group: string;
  role: 'cert' | 'key' | 'ca' | null;
  /** Only the block-type check applies (the value's format belongs to another rule). */
  typeCheckOnly?: boolean;
  secret?: SecretManifest;
  helmDoc?: YamlDocument;
  /** A word of a shell command line: `$VAR`, backticks and `$(…)` in it are the shell's to expand. */
  shellWord?: boolean;
  /**
   * Where the slot is, for what Kuma will load (crossfile/loaded.ts): a chart value (values file or
   * install line), a Kuma setting, a Secret (manifest or kubectl line, named as written), a PEM file.
   */
  origin: { kind: 'chart' | 'setting' | 'file' } | { kind: 'secret'; name: string | null; namespace: string | null };
}

export interface LocatedCertificate {
  parsed: ParsedCertificate;
  range: Span;
}

export interface SlotAnalysis {
  slot: MaterialSlot;
  certificates: LocatedCertificate[];
  /** Private keys found, by their public half (SubjectPublicKeyInfo, base64 DER). */
  keys: Array<{ publicKeyId: string; range: Span }>;
}

export interface Problem {
  rule: string;
  /** The slot the problem is in (null: the file as a whole), for the severity of what Kuma loads. */
  slot: MaterialSlot | null;
  range: Span;
  message: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

export interface MaterialAnalysis {
  slots: SlotAnalysis[];
  problems: Problem[];
}

export interface AnalysisClock {
  now: Date;
  expiryWindowDays: number;
  /** cert-expiring also fires when less than this fraction of the lifetime remains (0: never). */
  expiryLifetimeFraction?: number;
  /** Per Secret name: how long before notAfter cert-manager renews it (its Certificate decides, not the fraction). */
  renewBeforeMs?: ReadonlyMap<string, number>;
}

/** What to say about a DER private key where PEM is expected (never the key itself). */
export const DER_KEY_ADVICE = 'Kuma loads keys with Go\'s tls.LoadX509KeyPair, which reads PEM only ("tls: failed to find any PEM data in key input"). Convert it: openssl pkey -inform DER -in tls.key.der -out tls.key.';

const DAY_MS = 24 * 60 * 60 * 1000;
const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';

/**
 * The analysis of one document's material at one clock. Each lint asks once per document
 * (rules/material-rule.ts keeps the answer for the rest of that lint), so nothing is cached here.
 */
export function analyzeMaterial(doc: LintDocument, clock: AnalysisClock, serverSecrets: ReadonlySet<string> = new Set()): MaterialAnalysis {
  return new Analyzer(doc, clock).run(slotsOf(doc, serverSecrets));
}

export function slotsOf(doc: LintDocument, serverSecrets: ReadonlySet<string>): MaterialSlot[] {
  const slots: MaterialSlot[] = [];
  for (const secret of doc.secrets) slots.push(...secretSlots(secret, serverSecrets));
  const yaml = doc.yaml;
  if (yaml) {
    for (const { doc: d } of doc.helmValues) {
      for (const v of CHART_MATERIAL) {
        const entry = yaml.get(d, ['controlPlane', 'tls', ...v.path]);
        if (!entry || !entry.value || !isScalar(entry.value)) continue;
        slots.push({ label: `controlPlane.tls.${v.path.join('.')}`, content: v.content, encoding: v.encoding, server: v.server, value: yaml.embedded(entry.value), group: `helm:${d.index}:${v.group}`, role: v.role, helmDoc: d, origin: CHART });
      }
      // Judged like KUMA_CONTROL_PLANE_CA_CERT: ca-cert-not-pem owns values that are not PEM.
      const caCert = controlPlaneCaCert(yaml, d);
      if (caCert && isScalar(caCert.value) && scalarString(caCert.value).includes(PEM_BEGIN)) {
        slots.push({ label: 'controlPlane.caCert', content: 'ca', encoding: 'raw', server: false, value: yaml.embedded(caCert.value), group: `helm:${d.index}:caCert`, role: null, typeCheckOnly: true, helmDoc: d, origin: CHART });
      }
    }
  }
  for (const scope of doc.settings) {
    for (const s of scope.occurrences) {
      const name = s.envName?.toUpperCase() ?? s.yamlPath?.join('.');
      if (name !== 'KUMA_CONTROL_PLANE_CA_CERT' || !s.embedded.text.includes(PEM_BEGIN)) continue;
      slots.push({ label: echo(s.envName ?? name), content: 'ca', encoding: 'raw', server: false, value: s.embedded, group: `setting:${s.line}`, role: null, typeCheckOnly: true, origin: { kind: 'setting' } });
    }
  }
  doc.commands.forEach((command, index) => slots.push(...commandSlots(doc, command, index, serverSecrets)));
  // A CRL file holds no certificate or key, and nothing of Kuma reads one.
  const fileContent = doc.format === 'pem' ? contentOfRole(roleOfFileName(doc.path)) : null;
  if (fileContent) {
    slots.push({ label: echo(baseName(doc.path)), content: fileContent, encoding: 'raw', server: false, value: doc.whole, group: 'file', role: fileContent === 'key' ? 'key' : fileContent === 'certificate' ? 'cert' : null, origin: { kind: 'file' } });
  }
  return slots;
}

const CHART: MaterialSlot['origin'] = { kind: 'chart' };

/** The chart values under `controlPlane.tls` that hold material, and what each expects (reference §2.1). */
const CHART_MATERIAL: ReadonlyArray<{ path: readonly string[]; content: SlotContent; encoding: SlotEncoding; group: string; role: MaterialSlot['role']; server: boolean }> = [
  { path: ['general', 'caBundle'], content: 'ca', encoding: 'one-line-base64', group: 'general', role: 'ca', server: false },
  // One group: the zone's KDS CA must verify the global KDS server certificate.
  { path: ['kdsGlobalServer', 'cert'], content: 'certificate', encoding: 'raw', group: 'kds', role: 'cert', server: true },
  { path: ['kdsGlobalServer', 'key'], content: 'key', encoding: 'raw', group: 'kds', role: 'key', server: false },
  { path: ['kdsZoneClient', 'cert'], content: 'ca', encoding: 'raw', group: 'kds', role: 'ca', server: false },
];

/** What a slot named like a file expects (a Secret key is named after the file kubectl read); null for a CRL. */
function contentOfRole(role: FileRole): SlotContent | null {
  if (role === 'crl') return null;
  return isCaRole(role) ? 'ca' : role;
}

function roleOfSecretKey(key: string): MaterialSlot['role'] {
  return key === 'tls.crt' ? 'cert' : key === 'tls.key' ? 'key' : key === 'ca.crt' ? 'ca' : null;
}

function secretSlots(secret: SecretManifest, serverSecrets: ReadonlySet<string>): MaterialSlot[] {
  const slots: MaterialSlot[] = [];
  for (const entry of secret.entries) {
    const content = contentOfRole(roleOfFileName(entry.key));
    if (!isCertificateShapedKey(entry.key) || !entry.node || !content) continue;
    slots.push({
      label: `${echo(entry.key)} of Secret ${echo(secret.name ?? '(unnamed)')}`,
      content,
      encoding: entry.field === 'data' ? 'base64' : 'raw',
      server: entry.key === 'tls.crt' && secret.name !== null && serverSecrets.has(secret.name),
      value: entry.embedded,
      group: `secret:${secret.doc.index}`,
      role: roleOfSecretKey(entry.key),
      secret,
      origin: { kind: 'secret', name: secret.name, namespace: secret.namespace },
    });
  }
  return slots;
}

/**
 * The material a command line gives: `kubectl create secret … --from-literal=KEY=V` (kubectl
 * stores V's bytes, so V is raw PEM) and the chart values an install line sets (`--set`,
 * kumactl's `--tls-general-ca-bundle`), each expecting what the same value expects in YAML.
 */
function commandSlots(doc: LintDocument, command: KumaCommand, index: number, serverSecrets: ReadonlySet<string>): MaterialSlot[] {
  const slots: MaterialSlot[] = [];
  const group = `command:${index}`;
  if (command.kind === 'kubectl-secret') {
    const name = command.name && !command.name.dynamic ? command.name.value : null;
    for (const { key, value } of command.literals) {
      const content = contentOfRole(roleOfFileName(key));
      if (!isCertificateShapedKey(key) || !content) continue;
      slots.push({
        label: `${key} of kubectl create secret ${name ?? '(unnamed)'}`,
        content,
        encoding: 'raw',
        server: key === 'tls.crt' && name !== null && serverSecrets.has(name),
        value: commandValueText(value, doc.lines),
        group,
        role: roleOfSecretKey(key),
        shellWord: true,
        origin: { kind: 'secret', name, namespace: command.namespace && !command.namespace.dynamic ? command.namespace.value : null },
      });
    }
  } else if (command.kind === 'install') {
    for (const { helmValue, setting, value } of chartValuesOf(command)) {
      const v = CHART_MATERIAL.find((m) => helmValue === `controlPlane.tls.${m.path.join('.')}`);
      if (!v) continue;
      let text = commandValueText(value, doc.lines);
      // Helm splits --set at commas; neither base64 nor PEM has one.
      const comma = setting.startsWith('--') ? -1 : text.text.indexOf(',');
      if (comma >= 0) text = { text: text.text.slice(0, comma), range: text.spanOf(0, comma), spanOf: text.spanOf };
      const label = setting.startsWith('--') ? `${setting} (${helmValue})` : `${helmValue} (--set)`;
      slots.push({ label, content: v.content, encoding: v.encoding, server: v.server, value: text, group: `${group}:${v.group}`, role: v.role, shellWord: true, origin: CHART });
    }
  }
  return slots;
}

class Analyzer {
  private readonly problems: Problem[] = [];
  /** The slot being analysed: problems are reported in it. */
  private slot: MaterialSlot | null = null;

  constructor(
    private readonly doc: LintDocument,
    private readonly clock: AnalysisClock,
  ) {}

  run(slots: MaterialSlot[]): MaterialAnalysis {
    const analyses = slots.map((slot) => this.analyzeSlot(slot));
    const groups = new Map<string, SlotAnalysis[]>();
    for (const a of analyses) {
      const group = groups.get(a.slot.group) ?? [];
      group.push(a);
      groups.set(a.slot.group, group);
    }
    for (const group of groups.values()) this.checkPairs(group);
    this.slot = slots.find((s) => s.group === 'file') ?? null;
    this.checkFileEncoding();
    return { slots: analyses, problems: this.problems };
  }

  /**
   * A UTF-16 file is linted as the text it decodes to, but the programs that read these files as
   * bytes see NULs between the letters: Go's PEM decoder finds no block, and env-file readers
   * (docker --env-file, compose env_file, systemd EnvironmentFile) read UTF-8.
   */
  private checkFileEncoding(): void {
    const encoding = this.doc.encoding;
    if (encoding === 'utf-8') return;
    const range = this.doc.lines.span(0, this.doc.lines.lineEnd(0));
    const what = `${encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} (what Windows PowerShell 5 writes with > and Out-File)`;
    const resave = 'Save it as UTF-8 or ASCII (PowerShell: Set-Content -Encoding ascii, or Out-File -Encoding ascii).';
    if (this.doc.format === 'pem') {
      this.report('pem-malformed', range, `This file is ${what}. Kuma and Kubernetes read a PEM file's bytes, and Go's PEM decoder finds no block in UTF-16 ("unable to parse bytes as PEM block"). ${resave}`);
    } else if (this.doc.kinds.includes('env-file')) {
      this.report('encoding-mismatch', range, `This env file is ${what}. docker --env-file, compose env_file and systemd EnvironmentFile read UTF-8, so the KUMA_ settings in it do not reach kuma-cp or kuma-dp as written. ${resave}`);
    }
  }

  private report(rule: string, range: Span, message: string, fixes?: Fix[], related?: RelatedLocation[]): void {
    this.problems.push({ rule, slot: this.slot, range, message, ...(fixes ? { fixes } : {}), ...(related ? { related } : {}) });
  }

  private analyzeSlot(slot: MaterialSlot): SlotAnalysis {
    const result: SlotAnalysis = { slot, certificates: [], keys: [] };
    this.slot = slot;
    const text = slot.value.text;
    // Template placeholders (`<your-ca-bundle>`, `{% … %}`, `{{ … }}`) and elisions (`MIIE...`) are never malformed.
    if (text.trim() === '' || isPlaceholderValue(text)) return result;
    if (hasShellSubstitution(text) || (slot.shellWord && /[$`]/.test(text))) {
      if (slot.shellWord && slot.encoding === 'one-line-base64') this.checkWrappingSubstitution(slot);
      return result;
    }
    const pemText = this.decodeSlot(slot);
    if (!pemText) return result;
    const blocks = findPemBlocks(pemText.text);
    if (blocks.length === 0) {
      if (!slot.typeCheckOnly) this.report('pem-malformed', slot.value.range, `${slot.label} has no PEM block: Kuma and Kubernetes expect "-----BEGIN …-----" … "-----END …-----" here (otherwise: "unable to parse bytes as PEM block"). Put the PEM file's content here.`);
      return result;
    }
    // Go's tls.X509KeyPair skips the other blocks of the key PEM up to the first private key.
    const holdsKey = blocks.some((b) => isPrivateKeyLabel(b.label));
    for (const block of blocks) this.analyzeBlock(slot, block, pemText.spanOf(block.start, block.end), result, holdsKey);
    return result;
  }

  /**
   * The one substitution a linter can judge (lint-rules.md, a known trap that Kuma's docs print):
   * `$(… | base64)` without -w0 wraps at 76 columns, and Helm writes the lines into the webhooks.
   */
  private checkWrappingSubstitution(slot: MaterialSlot): void {
    const at = wrappingBase64At(slot.value.text);
    if (at === null) return;
    const fix = replaceFix(this.doc, 'Use base64 -w0', slot.value.spanOf(at, at), ' -w0', true);
    this.report('encoding-mismatch', slot.value.range, `${slot.label} runs base64 without -w0: GNU base64 breaks its output into 76-column lines, so the caBundle is line-wrapped and the continuation lines break the rendered webhook YAML. Use base64 -w0 (or pipe through tr -d '\\n').`, [fix]);
  }

  /** The text the PEM is in (the value itself, or what it decodes to), reporting encoding problems on the way. */
  private decodeSlot(slot: MaterialSlot): EmbeddedText | null {
    const value = slot.value;
    const text = value.text;
    if (text.includes(PEM_BEGIN)) {
      if (slot.encoding !== 'raw') {
        const why = slot.encoding === 'one-line-base64' ? 'Helm writes it verbatim into the webhooks\' clientConfig.caBundle, which the API server base64-decodes' : 'Kubernetes base64-decodes Secret data values ("illegal base64 data at input byte 0")';
        const encoded = Buffer.from(text, 'utf8').toString('base64');
        this.report('encoding-mismatch', value.range, `${slot.label} holds raw PEM, but it must be base64 (${why}). Encode it: base64 -w0 < file.pem.`, [this.replaceValue('Base64-encode the PEM', value.range, encoded)]);
      }
      return value;
    }
    const { compact, decoded, decodedText } = base64Memo.get(text, decodeValue, (_, v) => !v.decodedText.includes(PEM_BEGIN) || holdsPrivateKey(v.decodedText));
    if (!decoded) {
      if (slot.typeCheckOnly) return null;
      if (slot.encoding === 'raw') this.report('pem-malformed', value.range, `${slot.label} must be PEM text ("-----BEGIN …-----"), but it is neither PEM nor base64 of PEM ("unable to parse bytes as PEM block"). Paste the PEM file's content.`);
      else this.report('encoding-mismatch', value.range, `${slot.label} is not valid base64, so Kubernetes cannot decode it ("illegal base64 data"). Encode the PEM file with base64 -w0.`);
      return null;
    }
    if (decodedText.includes(PEM_BEGIN)) {
      if (slot.encoding === 'raw') {
        this.report('encoding-mismatch', value.range, `${slot.label} is base64, but this value must be the raw PEM text (the chart/Kubernetes puts it in stringData or a file as is, so Kuma would read base64 where it expects "-----BEGIN"). Decode it.`, slot.shellWord ? undefined : [this.pemBlockFix('Decode the base64 to PEM', value.range, decodedText)]);
      } else if (slot.encoding === 'one-line-base64' && compact !== text.trim()) {
        this.report('encoding-mismatch', value.range, `${slot.label} is line-wrapped base64: Helm injects it with nindent, so the continuation lines break the rendered webhook YAML. It must be one line (base64 -w0, or base64 | tr -d '\\n').`, [this.replaceValue('Join the caBundle into one line', value.range, compact, true)]);
      }
      return wholeValue(decodedText, value.range);
    }
    const twice = decodeStrictBase64(removeWhitespace(decodedText));
    if (twice && twice.toString('utf8').includes(PEM_BEGIN)) {
      const pem = twice.toString('utf8');
      const fix = slot.encoding !== 'raw' ? this.replaceValue('Decode the double-encoded value once', value.range, removeWhitespace(decodedText), true) : slot.shellWord ? null : this.pemBlockFix('Decode twice to PEM', value.range, pem);
      this.report('encoding-mismatch', value.range, `${slot.label} is base64-encoded twice (it decodes to "LS0t…", the base64 of "-----BEGIN"), so the consumer gets base64 instead of PEM ("unable to parse bytes as PEM block"). Encode the PEM file only once.`, fix ? [fix] : undefined);
      return wholeValue(pem, value.range);
    }
    if (slot.typeCheckOnly) return null;
    const der = derContent(decoded);
    if (der === 'private-key') {
      const slotNote = slot.content === 'key' || slot.content === 'any' ? '' : ` (and ${slot.label} must hold a certificate, not a key)`;
      this.report('pem-malformed', value.range, `${slot.label} decodes to a DER (binary) private key, not PEM${slotNote}; ${DER_KEY_ADVICE}`);
      return null;
    }
    const what = der === 'certificate' ? 'a DER (binary) certificate, not PEM' : decoded.length > 0 && decoded[0] === 0x30 ? 'DER (binary) data, not PEM' : 'something that is not PEM';
    this.report('pem-malformed', value.range, `${slot.label} decodes to ${what} ("unable to parse bytes as PEM block"). Kuma reads PEM only: convert with openssl x509 -inform der -outform pem (or openssl pkey for keys).`);
    return null;
  }

  private analyzeBlock(slot: MaterialSlot, block: PemBlock, range: Span, result: SlotAnalysis, slotHoldsKey: boolean): void {
    const only = slot.typeCheckOnly === true;
    if (block.endLabel === null) {
      if (!only) this.report('pem-malformed', range, `The "-----BEGIN ${echo(block.label)}-----" block in ${slot.label} has no matching END line (truncated copy?), so it cannot be parsed ("unable to parse bytes as PEM block").`);
      return;
    }
    if (block.endLabel !== block.label) {
      if (!only) this.report('pem-malformed', range, `The PEM block in ${slot.label} begins as "${echo(block.label)}" but ends as "${echo(block.endLabel)}"; Go's PEM decoder rejects it. Copy the block again from its file.`);
      return;
    }
    // Kuma goes on reading the block as written, so its other problems are reported too.
    if (block.goRejects) this.report('pem-malformed', range, `${slot.label}: ${GO_REJECTION_MESSAGES[block.goRejects]} Go's PEM decoder, which Kuma and Kubernetes use, finds no block here ("unable to parse bytes as PEM block").`);
    if (isPrivateKeyLabel(block.label)) {
      if (slot.content === 'certificate' || slot.content === 'ca') {
        this.report('pem-wrong-type', range, `${slot.label} must hold a certificate, but this is a private key (${echo(block.label)}): it would not load, and it leaks the key to everyone who can read this value. Put the certificate here and keep the key in its key slot.`);
        return;
      }
      if (only) return;
      if (!block.der) {
        this.report('pem-malformed', range, `The body of the ${echo(block.label)} block in ${slot.label} is not valid base64, so it cannot be decoded ("unable to parse bytes as PEM block").`);
        return;
      }
      const key = privateKeyPublicId(block.label, block.der, block.headers);
      if (key === 'encrypted') {
        this.report('key-unsupported', range, `The private key in ${slot.label} is encrypted; Kuma loads keys with Go's tls.LoadX509KeyPair, which cannot decrypt them, so kuma-cp fails to start. Decrypt it: openssl pkey -in key.pem -out key-plain.pem.`);
      } else if (key === 'unparseable') {
        this.report('key-unsupported', range, `The private key in ${slot.label} does not parse as PKCS#1, SEC 1 or PKCS#8, the encodings Kuma accepts (kumactl writes "RSA PRIVATE KEY" or "EC PRIVATE KEY"). Regenerate it or convert with openssl pkey.`);
      } else {
        result.keys.push({ publicKeyId: key, range });
      }
      return;
    }
    if (isCertificateLabel(block.label)) {
      if (slot.content === 'key') {
        // Beside a private key, a certificate is a combined file that Go reads the key from.
        if (slotHoldsKey) return;
        this.report('pem-wrong-type', range, `${slot.label} must hold the private key, but this is a certificate; Go's tls.LoadX509KeyPair fails ("tls: found a certificate rather than a key in the PEM for the private key"). Put the key file's content here.`);
        return;
      }
      // A slot whose format another rule owns still gets the certificate checks (expiry…).
      if (!block.der) {
        if (!only) this.report('pem-malformed', range, `The body of the CERTIFICATE block in ${slot.label} is not valid base64, so it cannot be decoded ("unable to parse bytes as PEM block").`);
        return;
      }
      const parsed = parseCertificate(block.der, block.base64);
      if (!parsed) {
        if (!only) this.report('cert-invalid', range, `The CERTIFICATE block in ${slot.label} does not parse as X.509 (Go: "x509: malformed certificate"); it was probably damaged when copied. Copy it again from the certificate file.`);
        return;
      }
      result.certificates.push({ parsed, range });
      this.checkCertificate(slot, parsed, range, result.certificates.length === 1);
      return;
    }
    if (isCrlLabel(block.label)) return;
    if (slot.content !== 'any' && !only) {
      const want = slot.content === 'key' ? 'a private key' : 'a certificate';
      this.report('pem-wrong-type', range, `${slot.label} must hold ${want}, but this is a "${echo(block.label)}" block, which Kuma cannot use here.`);
    }
  }

  private checkCertificate(slot: MaterialSlot, cert: ParsedCertificate, range: Span, firstInSlot: boolean): void {
    const facts = cert.facts;
    const now = this.clock.now.getTime();
    // Named only in a message: most certificates are fine, and naming one echoes every SAN.
    let named: string | undefined;
    const subject = (): string => (named ??= describe(cert));
    const validity = validityAt(facts, this.clock.now);
    if (validity.state === 'expired') {
      this.report('cert-expired', range, `The certificate ${subject()} in ${slot.label} expired on ${facts.notAfter.toISOString()}; TLS clients reject it ("x509: certificate has expired or is not yet valid"). Issue a new one (kuma-tls generate, or kumactl generate tls-certificate).`);
    } else if (validity.state === 'not-yet-valid') {
      this.report('cert-not-yet-valid', range, `The certificate ${subject()} in ${slot.label} is not valid before ${facts.notBefore.toISOString()}; until then TLS clients reject it ("x509: certificate has expired or is not yet valid"). Check the clock of the machine that issued it.`);
    } else {
      const secretName = slot.origin.kind === 'secret' ? slot.origin.name : null;
      const expiring = expiringReason(facts, this.clock, secretName === null ? undefined : this.clock.renewBeforeMs?.get(secretName));
      if (expiring !== null) {
        const days = Math.max(0, Math.floor((facts.notAfter.getTime() - now) / DAY_MS));
        this.report('cert-expiring', range, `The certificate ${subject()} in ${slot.label} expires in ${days} day(s), on ${facts.notAfter.toISOString()}${expiring}. Renew it before Kuma's connections start failing (kuma-tls renew, or Kuma TLS: Renew Certificate…).`);
      }
    }
    if (isServerCertificate(slot, facts) && !facts.hasSubjectAltName) {
      this.report('cert-no-san', range, `The server certificate ${subject()} in ${slot.label} has no subjectAltName; Go (and so Kuma and its clients) ignores the common name ("x509: certificate relies on legacy Common Name field, use SANs instead"). Reissue it with --hostname for every name it is reached by.`);
    }
    if (facts.keyType === 'rsa' && facts.keyBits !== undefined && facts.keyBits < 2048) {
      this.report('cert-weak', range, `The certificate ${subject()} in ${slot.label} has a ${facts.keyBits}-bit RSA key; under 2048 bits is breakable and rejected by current TLS stacks. Reissue it with RSA 2048+ or ECDSA P-256.`);
    } else if (cert.signatureOid && WEAK_SIGNATURE_OIDS[cert.signatureOid] && !isTrustAnchor(slot, facts, firstInSlot)) {
      this.report('cert-weak', range, `The certificate ${subject()} in ${slot.label} is signed with ${WEAK_SIGNATURE_OIDS[cert.signatureOid]}, which Go rejects ("x509: cannot verify signature: insecure algorithm"). Reissue it with a SHA-256 signature.`);
    }
  }

  private checkPairs(group: SlotAnalysis[]): void {
    // A combined file (certificate and key in one .pem) pairs with itself.
    const combined = group.find((a) => a.certificates.length > 0 && a.keys.length > 0);
    const cert = group.find((a) => a.slot.role === 'cert' && a.certificates.length > 0) ?? combined;
    const key = group.find((a) => a.slot.role === 'key' && a.keys.length > 0) ?? combined;
    const ca = group.find((a) => a.slot.role === 'ca' && a.certificates.length > 0);
    this.slot = cert?.slot ?? null;
    if (cert && key) {
      const leaf = cert.certificates[0];
      if (leaf.parsed.publicKeyId !== key.keys[0].publicKeyId) {
        this.report('cert-key-mismatch', leaf.range, `The certificate in ${cert.slot.label} does not belong to the private key in ${key.slot.label}; kuma-cp fails to load the pair ("tls: private key does not match public key"). Put the key that was generated with this certificate (or reissue both together).`, undefined, [{ path: this.doc.path, range: key.keys[0].range, message: `the private key (${key.slot.label})` }]);
      }
    }
    if (cert && ca) {
      const leaf = cert.certificates[0];
      const chain = cert.certificates.slice(1).map((c) => c.parsed);
      const anchors = ca.certificates.map((c) => c.parsed);
      const trusted = anchors.some((a) => a.publicKeyId === leaf.parsed.publicKeyId && a.der.equals(leaf.parsed.der)) || anchors.some((a) => issuedBy(leaf.parsed, a)) || chain.some((i) => issuedBy(leaf.parsed, i) && anchors.some((a) => issuedBy(i, a) || a.der.equals(i.der)));
      if (!trusted) {
        this.report('cert-untrusted', leaf.range, `The certificate in ${cert.slot.label} was not signed by the CA in ${ca.slot.label}; clients that trust that CA (sidecars, the Kubernetes API server calling the webhooks) reject it ("x509: certificate signed by unknown authority"). Put the CA that issued this certificate in ${ca.slot.label}, or reissue the certificate from that CA.`, undefined, [{ path: this.doc.path, range: ca.certificates[0].range, message: `the CA (${ca.slot.label})` }]);
      }
    }
  }

  private replaceValue(title: string, range: Span, newText: string, preferred = true): Fix {
    return replaceFix(this.doc, title, range, newText, preferred);
  }

  /** Replaces a YAML value with a literal block scalar holding `pem`, indented under its key. */
  private pemBlockFix(title: string, range: Span, pem: string): Fix {
    if (this.doc.format !== 'yaml') return replaceFix(this.doc, title, range, pem, true);
    const eol = this.doc.lines.eol;
    const indent = this.doc.lines.indentation(range.start.line) + '  ';
    const body = pem.replace(/\r?\n$/, '').split(/\r?\n/);
    const header = pem.endsWith('\n') ? '|' : '|-';
    return replaceFix(this.doc, title, range, header + eol + body.map((l) => indent + l).join(eol), true);
  }
}

const GO_REJECTION_MESSAGES: Record<GoPemRejection, string> = {
  'indented-begin': 'the "-----BEGIN" line is indented; it must start at the beginning of its line (remove the leading spaces).',
  'text-before-begin': 'text stands before "-----BEGIN" on its line; the marker must start the line.',
  'text-after-begin': 'the "-----BEGIN …-----" line goes on after its closing dashes; the base64 body must start on the next line.',
  'indented-end': 'the "-----END" line is indented; it must start at the beginning of its line (remove the leading spaces).',
  'text-after-end': 'text follows the "-----END …-----" marker on its line; put a line break after the closing dashes.',
  'cr-line-ends': 'the lines end in a lone CR (old Mac line ends), which Go does not take as line breaks; convert the file to LF or CRLF line ends.',
};

/**
 * Why a valid certificate counts as expiring ('' for the day window), or null. The window always
 * applies; beyond it, a cert-manager Certificate's renewal point (`renewBeforeMs`) decides for the
 * Secret it produces, and otherwise the share of the lifetime that remains.
 */
export function expiringReason(facts: Pick<CertificateFacts, 'notBefore' | 'notAfter'>, clock: AnalysisClock, renewBeforeMs?: number): string | null {
  const remaining = facts.notAfter.getTime() - clock.now.getTime();
  if (remaining < clock.expiryWindowDays * DAY_MS) return '';
  if (renewBeforeMs !== undefined) {
    return remaining < renewBeforeMs ? `, past the point where its cert-manager Certificate renews it (${Math.round(renewBeforeMs / DAY_MS)} day(s) before expiry): check that cert-manager is running and can issue it` : null;
  }
  const fraction = clock.expiryLifetimeFraction ?? 0;
  const lifetime = facts.notAfter.getTime() - facts.notBefore.getTime();
  if (fraction <= 0 || lifetime <= 0 || remaining >= fraction * lifetime) return null;
  return `: less than ${Math.round(fraction * 100)}% of its ${Math.round(lifetime / DAY_MS)}-day lifetime remains`;
}

/**
 * A server certificate (lint-rules.md): one in a server slot, or one with serverAuth among its
 * extended key usages. A CA (CA:TRUE) outside a server slot is there to verify others, whatever
 * its extended key usage: Sprig's genCA, which Kuma's chart uses, puts serverAuth and clientAuth
 * on its CA. A CA in a server slot without serverAuth is a self-signed anchor served as is.
 */
export function isServerCertificate(slot: Pick<MaterialSlot, 'server'>, facts: CertificateFacts): boolean {
  const serverAuth = (facts.extKeyUsage ?? []).includes(SERVER_AUTH_OID);
  return facts.isCA ? slot.server && serverAuth : slot.server || serverAuth;
}

/**
 * A self-signed certificate that verifies others: Go never checks the signature of a trust
 * anchor (it is trusted because it is in the pool, not because of its signature), so its
 * signature algorithm does not matter. A CA, anything in a CA slot, or a self-signed root sent
 * after the leaf of a chain; old roots (X.509 v1) have no basicConstraints at all.
 */
function isTrustAnchor(slot: MaterialSlot, facts: CertificateFacts, firstInSlot: boolean): boolean {
  return facts.selfSigned && (facts.isCA || slot.content === 'ca' || !firstInSlot);
}

function describe(cert: ParsedCertificate): string {
  const names = [...cert.facts.dnsNames, ...cert.facts.ipAddresses, ...cert.facts.uris];
  if (names.length > 0) return `for ${names.slice(0, 3).map((n) => echo(n)).join(', ')}${names.length > 3 ? ', …' : ''}`;
  const cn = /CN=([^\n]*)/.exec(cert.facts.subject);
  return cn ? `"${echo(cn[1])}"` : '(empty subject)';
}
