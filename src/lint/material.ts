// Where certificates and keys appear ("slots"), what each slot expects, and one shared
// analysis of them per document: encoding, PEM structure, parse results, certificate facts.
// The PEM/certificate rules each report their own share of this analysis, so a file's
// material is decoded and parsed once however many rules look at it.
import { isScalar } from 'yaml';
import { issuedBy, parseCertificate, ParsedCertificate, privateKeySpki, WEAK_SIGNATURE_OIDS } from './certs';
import { replaceFix } from './fixes';
import { LintDocument } from './model/document';
import { baseName } from './model/kinds';
import { decodeStrictBase64, findPemBlocks, isCertificateLabel, isPrivateKeyLabel, PEM_BEGIN, PemBlock, removeWhitespace } from './model/pem';
import { isCertificateShapedKey, SecretManifest } from './model/secret';
import { hasShellSubstitution } from './model/settings';
import { EmbeddedText, wholeValue } from './model/text';
import { YamlDocument } from './model/yaml';
import { Fix, RelatedLocation, Span } from './types';

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
}

export interface LocatedCertificate {
  parsed: ParsedCertificate;
  range: Span;
}

export interface SlotAnalysis {
  slot: MaterialSlot;
  certificates: LocatedCertificate[];
  /** Private keys found, by their public half (SubjectPublicKeyInfo, base64 DER). */
  keys: Array<{ spki: string; range: Span }>;
}

export interface Problem {
  rule: string;
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
}

const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';

const cache = new WeakMap<LintDocument, { key: string; analysis: MaterialAnalysis }>();

export function analyzeMaterial(doc: LintDocument, clock: AnalysisClock, serverSecrets: ReadonlySet<string> = new Set()): MaterialAnalysis {
  const key = `${clock.now.getTime()}|${clock.expiryWindowDays}|${[...serverSecrets].sort().join(',')}`;
  const cached = cache.get(doc);
  if (cached && cached.key === key) return cached.analysis;
  const analysis = new Analyzer(doc, clock).run(slotsOf(doc, serverSecrets));
  cache.set(doc, { key, analysis });
  return analysis;
}

export function slotsOf(doc: LintDocument, serverSecrets: ReadonlySet<string>): MaterialSlot[] {
  const slots: MaterialSlot[] = [];
  for (const secret of doc.secrets) slots.push(...secretSlots(secret, serverSecrets));
  const yaml = doc.yaml;
  if (yaml) {
    for (const { doc: d } of doc.helmValues) {
      const add = (path: string[], content: SlotContent, encoding: SlotEncoding, group: string, role: MaterialSlot['role'], server = false): void => {
        const entry = yaml.get(d, ['controlPlane', 'tls', ...path]);
        if (!entry || !entry.value || !isScalar(entry.value)) return;
        slots.push({ label: `controlPlane.tls.${path.join('.')}`, content, encoding, server, value: yaml.embedded(entry.value), group: `helm:${d.index}:${group}`, role, helmDoc: d });
      };
      add(['general', 'caBundle'], 'ca', 'one-line-base64', 'general', 'ca');
      // One group: the zone's KDS CA must verify the global KDS server certificate.
      add(['kdsGlobalServer', 'cert'], 'certificate', 'raw', 'kds', 'cert', true);
      add(['kdsGlobalServer', 'key'], 'key', 'raw', 'kds', 'key');
      add(['kdsZoneClient', 'cert'], 'ca', 'raw', 'kds', 'ca');
    }
  }
  for (const scope of doc.settings) {
    for (const s of scope.occurrences) {
      const name = s.envName?.toUpperCase() ?? s.yamlPath?.join('.');
      if (name !== 'KUMA_CONTROL_PLANE_CA_CERT' || !s.embedded.text.includes(PEM_BEGIN)) continue;
      slots.push({ label: s.envName ?? name, content: 'ca', encoding: 'raw', server: false, value: s.embedded, group: `setting:${s.line}`, role: null, typeCheckOnly: true });
    }
  }
  if (doc.format === 'pem') {
    const name = baseName(doc.path).toLowerCase();
    const content: SlotContent = name.endsWith('.key') ? 'key' : name.endsWith('.ca-bundle') || name.startsWith('ca.') || name.startsWith('ca-') ? 'ca' : name.endsWith('.pem') || !/\.(crt|cer)$/.test(name) ? 'any' : 'certificate';
    slots.push({ label: baseName(doc.path), content, encoding: 'raw', server: false, value: doc.whole, group: 'file', role: content === 'key' ? 'key' : content === 'certificate' ? 'cert' : null });
  }
  return slots;
}

function secretSlots(secret: SecretManifest, serverSecrets: ReadonlySet<string>): MaterialSlot[] {
  const slots: MaterialSlot[] = [];
  for (const entry of secret.entries) {
    if (!isCertificateShapedKey(entry.key) || !entry.node) continue;
    const k = entry.key.toLowerCase();
    const content: SlotContent = k.endsWith('.key') ? 'key' : k === 'ca.crt' || k.startsWith('ca.') || k.startsWith('ca-') ? 'ca' : k.endsWith('.crt') || k.endsWith('.cer') ? 'certificate' : 'any';
    const role = entry.key === 'tls.crt' ? 'cert' : entry.key === 'tls.key' ? 'key' : entry.key === 'ca.crt' ? 'ca' : null;
    slots.push({
      label: `${entry.key} of Secret ${secret.name ?? '(unnamed)'}`,
      content,
      encoding: entry.field === 'data' ? 'base64' : 'raw',
      server: entry.key === 'tls.crt' && secret.name !== null && serverSecrets.has(secret.name),
      value: entry.embedded,
      group: `secret:${secret.doc.index}`,
      role,
      secret,
    });
  }
  return slots;
}

class Analyzer {
  private readonly problems: Problem[] = [];

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
    return { slots: analyses, problems: this.problems };
  }

  private report(rule: string, range: Span, message: string, fixes?: Fix[], related?: RelatedLocation[]): void {
    this.problems.push({ rule, range, message, ...(fixes ? { fixes } : {}), ...(related ? { related } : {}) });
  }

  private analyzeSlot(slot: MaterialSlot): SlotAnalysis {
    const result: SlotAnalysis = { slot, certificates: [], keys: [] };
    const text = slot.value.text;
    if (text.trim() === '' || hasShellSubstitution(text)) return result;
    const pemText = this.decodeSlot(slot);
    if (!pemText) return result;
    const blocks = findPemBlocks(pemText.text);
    if (blocks.length === 0) {
      if (!slot.typeCheckOnly) this.report('pem-malformed', slot.value.range, `${slot.label} has no PEM block: Kuma and Kubernetes expect "-----BEGIN …-----" … "-----END …-----" here (otherwise: "unable to parse bytes as PEM block"). Put the PEM file's content here.`);
      return result;
    }
    for (const block of blocks) this.analyzeBlock(slot, block, pemText.spanOf(block.start, block.end), result);
    return result;
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
    const compact = removeWhitespace(text);
    const decoded = decodeStrictBase64(compact);
    if (!decoded) {
      if (slot.typeCheckOnly) return null;
      if (slot.encoding === 'raw') this.report('pem-malformed', value.range, `${slot.label} must be PEM text ("-----BEGIN …-----"), but it is neither PEM nor base64 of PEM ("unable to parse bytes as PEM block"). Paste the PEM file's content.`);
      else this.report('encoding-mismatch', value.range, `${slot.label} is not valid base64, so Kubernetes cannot decode it ("illegal base64 data"). Encode the PEM file with base64 -w0.`);
      return null;
    }
    const decodedText = decoded.toString('utf8');
    if (decodedText.includes(PEM_BEGIN)) {
      if (slot.encoding === 'raw') {
        this.report('encoding-mismatch', value.range, `${slot.label} is base64, but this value must be the raw PEM text (the chart/Kubernetes puts it in stringData or a file as is, so Kuma would read base64 where it expects "-----BEGIN"). Decode it.`, [this.pemBlockFix('Decode the base64 to PEM', value.range, decodedText)]);
      } else if (slot.encoding === 'one-line-base64' && compact !== text.trim()) {
        this.report('encoding-mismatch', value.range, `${slot.label} is line-wrapped base64: Helm injects it with nindent, so the continuation lines break the rendered webhook YAML. It must be one line (base64 -w0, or base64 | tr -d '\\n').`, [this.replaceValue('Join the caBundle into one line', value.range, compact, true)]);
      }
      return wholeValue(decodedText, value.range);
    }
    const twice = decodeStrictBase64(removeWhitespace(decodedText));
    if (twice && twice.toString('utf8').includes(PEM_BEGIN)) {
      const pem = twice.toString('utf8');
      const fix = slot.encoding === 'raw' ? this.pemBlockFix('Decode twice to PEM', value.range, pem) : this.replaceValue('Decode the double-encoded value once', value.range, removeWhitespace(decodedText), true);
      this.report('encoding-mismatch', value.range, `${slot.label} is base64-encoded twice (it decodes to "LS0t…", the base64 of "-----BEGIN"), so the consumer gets base64 instead of PEM ("unable to parse bytes as PEM block"). Encode the PEM file only once.`, [fix]);
      return wholeValue(pem, value.range);
    }
    if (slot.typeCheckOnly) return null;
    const what = decoded.length > 0 && decoded[0] === 0x30 ? 'DER (binary) data' : 'something that is not PEM';
    this.report('pem-malformed', value.range, `${slot.label} decodes to ${what}, not PEM ("unable to parse bytes as PEM block"). Kuma reads PEM only: convert with openssl x509 -inform der -outform pem (or openssl pkey for keys).`);
    return null;
  }

  private analyzeBlock(slot: MaterialSlot, block: PemBlock, range: Span, result: SlotAnalysis): void {
    const only = slot.typeCheckOnly === true;
    if (block.endLabel === null) {
      if (!only) this.report('pem-malformed', range, `The "-----BEGIN ${block.label}-----" block in ${slot.label} has no matching END line (truncated copy?), so it cannot be parsed ("unable to parse bytes as PEM block").`);
      return;
    }
    if (block.endLabel !== block.label) {
      if (!only) this.report('pem-malformed', range, `The PEM block in ${slot.label} begins as "${block.label}" but ends as "${block.endLabel}"; Go's PEM decoder rejects it. Copy the block again from its file.`);
      return;
    }
    if (isPrivateKeyLabel(block.label)) {
      if (slot.content === 'certificate' || slot.content === 'ca') {
        this.report('pem-wrong-type', range, `${slot.label} must hold a certificate, but this is a private key (${block.label}): it would not load, and it leaks the key to everyone who can read this value. Put the certificate here and keep the key in its key slot.`);
        return;
      }
      if (only) return;
      if (!block.der) {
        this.report('pem-malformed', range, `The body of the ${block.label} block in ${slot.label} is not valid base64, so it cannot be decoded ("unable to parse bytes as PEM block").`);
        return;
      }
      const key = privateKeySpki(block.label, block.der, block.headers);
      if (key === 'encrypted') {
        this.report('key-unsupported', range, `The private key in ${slot.label} is encrypted; Kuma loads keys with Go's tls.LoadX509KeyPair, which cannot decrypt them, so kuma-cp fails to start. Decrypt it: openssl pkey -in key.pem -out key-plain.pem.`);
      } else if (key === 'unparseable') {
        this.report('key-unsupported', range, `The private key in ${slot.label} does not parse as PKCS#1, SEC 1 or PKCS#8, the encodings Kuma accepts (kumactl writes "RSA PRIVATE KEY" or "EC PRIVATE KEY"). Regenerate it or convert with openssl pkey.`);
      } else {
        result.keys.push({ spki: key, range });
      }
      return;
    }
    if (isCertificateLabel(block.label)) {
      if (slot.content === 'key') {
        this.report('pem-wrong-type', range, `${slot.label} must hold the private key, but this is a certificate; Go's tls.LoadX509KeyPair fails ("tls: found a certificate rather than a key in the PEM for the private key"). Put the key file's content here.`);
        return;
      }
      // A slot whose format another rule owns still gets the certificate checks (expiry…).
      if (!block.der) {
        if (!only) this.report('pem-malformed', range, `The body of the CERTIFICATE block in ${slot.label} is not valid base64, so it cannot be decoded ("unable to parse bytes as PEM block").`);
        return;
      }
      const parsed = parseCertificate(block.der);
      if (!parsed) {
        if (!only) this.report('cert-invalid', range, `The CERTIFICATE block in ${slot.label} does not parse as X.509 (Go: "x509: malformed certificate"); it was probably damaged when copied. Copy it again from the certificate file.`);
        return;
      }
      result.certificates.push({ parsed, range });
      this.checkCertificate(slot, parsed, range);
      return;
    }
    if (slot.content !== 'any' && !only) {
      const want = slot.content === 'key' ? 'a private key' : 'a certificate';
      this.report('pem-wrong-type', range, `${slot.label} must hold ${want}, but this is a "${block.label}" block, which Kuma cannot use here.`);
    }
  }

  private checkCertificate(slot: MaterialSlot, cert: ParsedCertificate, range: Span): void {
    const facts = cert.facts;
    const now = this.clock.now.getTime();
    const subject = describe(cert);
    if (facts.notAfter.getTime() < now) {
      this.report('cert-expired', range, `The certificate ${subject} in ${slot.label} expired on ${facts.notAfter.toISOString()}; TLS clients reject it ("x509: certificate has expired or is not yet valid"). Issue a new one (kuma-tls generate, or kumactl generate tls-certificate).`);
    } else if (facts.notBefore.getTime() > now + CLOCK_SKEW_MS) {
      this.report('cert-not-yet-valid', range, `The certificate ${subject} in ${slot.label} is not valid before ${facts.notBefore.toISOString()}; until then TLS clients reject it ("x509: certificate has expired or is not yet valid"). Check the clock of the machine that issued it.`);
    } else if (facts.notAfter.getTime() - now < this.clock.expiryWindowDays * DAY_MS) {
      const days = Math.max(0, Math.floor((facts.notAfter.getTime() - now) / DAY_MS));
      this.report('cert-expiring', range, `The certificate ${subject} in ${slot.label} expires in ${days} day(s), on ${facts.notAfter.toISOString()}. Renew it before Kuma's connections start failing.`);
    }
    const isPureCa = facts.isCA && !(facts.extKeyUsage ?? []).includes(SERVER_AUTH_OID);
    const isServer = (facts.extKeyUsage ?? []).includes(SERVER_AUTH_OID) || (slot.server && !isPureCa);
    if (isServer && facts.dnsNames.length === 0 && facts.ipAddresses.length === 0) {
      this.report('cert-no-san', range, `The server certificate ${subject} in ${slot.label} has no subjectAltName; Go (and so Kuma and its clients) ignores the common name ("x509: certificate relies on legacy Common Name field, use SANs instead"). Reissue it with --hostname for every name it is reached by.`);
    }
    if (facts.keyType === 'rsa' && facts.keyBits !== undefined && facts.keyBits < 2048) {
      this.report('cert-weak', range, `The certificate ${subject} in ${slot.label} has a ${facts.keyBits}-bit RSA key; under 2048 bits is breakable and rejected by current TLS stacks. Reissue it with RSA 2048+ or ECDSA P-256.`);
    } else if (cert.signatureOid && WEAK_SIGNATURE_OIDS[cert.signatureOid] && !(facts.selfSigned && facts.isCA && slot.content === 'ca')) {
      this.report('cert-weak', range, `The certificate ${subject} in ${slot.label} is signed with ${WEAK_SIGNATURE_OIDS[cert.signatureOid]}, which Go rejects ("x509: cannot verify signature: insecure algorithm"). Reissue it with a SHA-256 signature.`);
    }
  }

  private checkPairs(group: SlotAnalysis[]): void {
    // A combined file (certificate and key in one .pem) pairs with itself.
    const combined = group.find((a) => a.certificates.length > 0 && a.keys.length > 0);
    const cert = group.find((a) => a.slot.role === 'cert' && a.certificates.length > 0) ?? combined;
    const key = group.find((a) => a.slot.role === 'key' && a.keys.length > 0) ?? combined;
    const ca = group.find((a) => a.slot.role === 'ca' && a.certificates.length > 0);
    if (cert && key) {
      const leaf = cert.certificates[0];
      if (leaf.parsed.spki !== key.keys[0].spki) {
        this.report('cert-key-mismatch', leaf.range, `The certificate in ${cert.slot.label} does not belong to the private key in ${key.slot.label}; kuma-cp fails to load the pair ("tls: private key does not match public key"). Put the key that was generated with this certificate (or reissue both together).`, undefined, [{ path: this.doc.path, range: key.keys[0].range, message: `the private key (${key.slot.label})` }]);
      }
    }
    if (cert && ca) {
      const leaf = cert.certificates[0];
      const chain = cert.certificates.slice(1).map((c) => c.parsed);
      const anchors = ca.certificates.map((c) => c.parsed);
      const trusted = anchors.some((a) => a.spki === leaf.parsed.spki && a.x509.raw.equals(leaf.parsed.x509.raw)) || anchors.some((a) => issuedBy(leaf.parsed, a)) || chain.some((i) => issuedBy(leaf.parsed, i) && anchors.some((a) => issuedBy(i, a) || a.x509.raw.equals(i.x509.raw)));
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

function describe(cert: ParsedCertificate): string {
  const names = [...cert.facts.dnsNames, ...cert.facts.ipAddresses];
  if (names.length > 0) return `for ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;
  const cn = /CN=([^\n]*)/.exec(cert.facts.subject);
  return cn ? `"${cn[1]}"` : '(empty subject)';
}
