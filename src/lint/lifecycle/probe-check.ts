// A served chain judged against the workspace: is the leaf a certificate the workspace holds (and
// where), does a CA the workspace trusts for that channel verify it, do its names cover the host
// the client dials (Go's VerifyHostname: SANs only, one-label wildcards, IPs against IP SANs).
import { X509Certificate } from 'node:crypto';
import { echo, echoList, echoSubject } from '../../pki/redact';
import { hostCovered, issuedBy, parseCertificate, ParsedCertificate } from '../certs';
import { LintDocument } from '../model/document';
import { certificatesOf } from '../crossfile/pem';
import { materialValues, MaterialValue } from './material-values';

export type ProbeChannel = 'general' | 'apiServer' | 'kdsGlobalServer';

export interface ServedCertificate {
  subject: string;
  issuer: string;
  names: string[];
  notBefore: string;
  notAfter: string;
  fingerprint256: string;
}

export interface ProbeCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ProbeReport {
  channel: ProbeChannel;
  chain: ServedCertificate[];
  checks: ProbeCheck[];
  ok: boolean;
}

/** Which of Kuma's TLS listeners a port is (reference §2.1); the scheme decides for other ports. */
export function channelOf(port: number, scheme: 'https' | 'grpcs' | 'tcp'): ProbeChannel {
  if (port === 5682) return 'apiServer';
  if (port === 5685) return 'kdsGlobalServer';
  if (port === 5678 || port === 5443) return 'general';
  return scheme === 'https' ? 'apiServer' : scheme === 'grpcs' ? 'kdsGlobalServer' : 'general';
}

export interface ProbeCheckInput {
  chainPem: string[];
  /** The name the client verifies: --server-name, else the host dialled. */
  hostname: string;
  channel: ProbeChannel;
  docs: readonly LintDocument[];
  /** The CA given with --ca (PEM, a bundle is fine); otherwise the workspace's trust material. */
  caPem?: { pem: string; label: string };
  now?: Date;
  /** How a workspace path is shown (the CLI: relative to the current folder). */
  displayPath?: (path: string) => string;
}

export function checkServedChain(input: ProbeCheckInput): ProbeReport {
  const now = input.now ?? new Date();
  const shown = input.displayPath ?? ((p: string) => p);
  const chain = input.chainPem.map((pem) => new X509Certificate(pem));
  const checks: ProbeCheck[] = [];
  const leaf = chain[0];
  const values = materialValues(input.docs);
  const copies = values.filter((v) => v.certificates.some((c) => c.fingerprint === leaf.fingerprint256));
  const secretCopy = copies.find((v) => v.slot.origin.kind === 'secret');
  checks.push(
    copies.length > 0
      ? { name: 'workspace certificate', ok: true, detail: `it is ${echo((secretCopy ?? copies[0]).slot.label)} (${echo(shown((secretCopy ?? copies[0]).doc.path))})` }
      : { name: 'workspace certificate', ok: false, detail: `the workspace holds a different certificate${expectedHint(values, shown)}; the server still serves another one (apply the Secret and restart the control plane)` },
  );
  const from = isoTime(leaf.validFrom);
  const to = isoTime(leaf.validTo);
  if (from === null || to === null) {
    checks.push({ name: 'validity', ok: false, detail: 'its validity dates are malformed (OpenSSL: "Bad time value"): Go clients refuse the certificate ("x509: malformed certificate")' });
  } else {
    const validNow = Date.parse(from) <= now.getTime() && now.getTime() <= Date.parse(to);
    checks.push({ name: 'validity', ok: validNow, detail: validNow ? `valid until ${to}` : `not valid now (valid ${from} to ${to}): clients fail with "x509: certificate has expired or is not yet valid"` });
  }
  const anchors = trustAnchors(values, input.channel, shown, input.caPem);
  if (anchors.length === 0) {
    checks.push({ name: 'trusted', ok: false, detail: 'no CA to verify it with: the workspace has none for this channel; pass --ca FILE' });
  } else {
    // Judged as the linter judges every certificate (one certificate model): a served certificate
    // Go cannot parse verifies with no CA.
    const served = chain.map((c) => parseCertificate(Buffer.from(c.raw)));
    const servedLeaf = served[0];
    const signedBy = (ca: ParsedCertificate): boolean =>
      servedLeaf !== null && (ca.facts.fingerprint256 === servedLeaf.facts.fingerprint256 || issuedBy(servedLeaf, ca) || served.slice(1).some((i) => i !== null && issuedBy(servedLeaf, i) && (issuedBy(i, ca) || i.facts.fingerprint256 === ca.facts.fingerprint256)));
    const verifier = anchors.find((a) => signedBy(a.parsed));
    checks.push(
      verifier
        ? { name: 'trusted', ok: true, detail: `verified by "${echoSubject(verifier.parsed.facts.subject) || 'no subject'}" from ${echo(verifier.label)}` }
        : { name: 'trusted', ok: false, detail: `no CA of ${echoList([...new Set(anchors.map((a) => a.label))], ', ', 4)} issued it: clients fail with "x509: certificate signed by unknown authority"` },
    );
  }
  const facts = namesOf(leaf);
  const covered = hostCovered(input.hostname, facts.dns, facts.ip);
  checks.push({ name: 'host name', ok: covered, detail: covered ? `its SANs cover ${echo(input.hostname)}` : `its SANs (${echoList([...facts.dns, ...facts.ip]) || 'none'}) do not cover ${echo(input.hostname)}: clients fail with "x509: certificate is valid for …, not ${echo(input.hostname)}"` });
  return {
    channel: input.channel,
    chain: chain.map((c) => ({ subject: echoSubject(c.subject ?? ''), issuer: echoSubject(c.issuer ?? ''), names: [...namesOf(c).dns, ...namesOf(c).ip].map((n) => echo(n)), notBefore: isoTime(c.validFrom) ?? 'malformed', notAfter: isoTime(c.validTo) ?? 'malformed', fingerprint256: c.fingerprint256 })),
    checks,
    ok: checks.every((c) => c.ok),
  };
}

/** OpenSSL's printed time as ISO 8601; null for one it could not print ("Bad time value"). */
function isoTime(openSslTime: string): string | null {
  const time = new Date(openSslTime);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

function namesOf(x509: X509Certificate): { dns: string[]; ip: string[] } {
  const entries = (x509.subjectAltName ?? '').split(', ').filter((e) => e !== '');
  return { dns: entries.filter((e) => e.startsWith('DNS:')).map((e) => e.slice(4)), ip: entries.filter((e) => e.startsWith('IP Address:')).map((e) => e.slice(11)) };
}

const TRUST_LABELS: Record<ProbeChannel, RegExp> = {
  // The API server calls the webhooks with caBundle; data planes get the Secret's ca.crt.
  general: /caBundle|^ca\.crt|KUMA_CONTROL_PLANE_CA_CERT|caCert/,
  // kumactl verifies the API server with a CA file (kumactl config --ca-cert-file).
  apiServer: /./,
  // Zones verify the global KDS server with kdsZoneClient's ca.crt or cert.
  kdsGlobalServer: /kdsZoneClient|^ca\.crt/,
};

function trustAnchors(values: readonly MaterialValue[], channel: ProbeChannel, shown: (p: string) => string, given?: { pem: string; label: string }): Array<{ parsed: ParsedCertificate; label: string }> {
  if (given) {
    return certificatesOf(given.pem).map((parsed) => ({ parsed, label: given.label }));
  }
  return values
    .filter((v) => v.slot.content === 'ca' && TRUST_LABELS[channel].test(v.slot.label))
    .flatMap((v) => v.certificates.map((c) => ({ parsed: c.parsed, label: `${v.slot.label} in ${shown(v.doc.path)}` })));
}

function expectedHint(values: readonly MaterialValue[], shown: (p: string) => string): string {
  const wanted = values.find((v) => v.slot.origin.kind === 'secret' && v.slot.label.startsWith('tls.crt') && v.certificates.length > 0);
  if (!wanted) return '';
  return ` (${echo(wanted.slot.label)} in ${echo(shown(wanted.doc.path))} is valid until ${wanted.certificates[0].parsed.facts.notAfter.toISOString()})`;
}

/** The report as lines of text (values already echoed), for the CLI and the editor alike. */
export function probeReportLines(where: string, protocol: string | null, report: ProbeReport): string[] {
  const lines = [`${where} (${report.channel}) served ${report.chain.length} certificate(s)${protocol ? ` over ${protocol}` : ''}:`];
  report.chain.forEach((c, i) => {
    lines.push(`  ${i}: subject "${c.subject}", issuer "${c.issuer}"`, `     names: ${c.names.join(', ') || '(none)'}`, `     valid ${c.notBefore} to ${c.notAfter}`, `     SHA-256 ${c.fingerprint256}`);
  });
  for (const check of report.checks) lines.push(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  return lines;
}
