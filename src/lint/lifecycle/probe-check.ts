// A served chain judged against the workspace: is the leaf a certificate the workspace holds (and
// where), does a CA the workspace trusts for that channel verify it, do its names cover the host
// the client dials (Go's VerifyHostname: SANs only, one-label wildcards, IPs against IP SANs).
import { X509Certificate } from 'node:crypto';
import { echo, echoList, echoSubject } from '../../pki/redact';
import { hostCovered } from '../certs';
import { LintDocument } from '../model/document';
import { materialValues, MaterialValue } from './material-values';
import { issued } from './renew';

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
  const validNow = new Date(leaf.validFrom).getTime() <= now.getTime() && now.getTime() <= new Date(leaf.validTo).getTime();
  checks.push({ name: 'validity', ok: validNow, detail: validNow ? `valid until ${new Date(leaf.validTo).toISOString()}` : `not valid now (valid ${new Date(leaf.validFrom).toISOString()} to ${new Date(leaf.validTo).toISOString()}): clients fail with "x509: certificate has expired or is not yet valid"` });
  const anchors = trustAnchors(values, input.channel, shown, input.caPem);
  if (anchors.length === 0) {
    checks.push({ name: 'trusted', ok: false, detail: 'no CA to verify it with: the workspace has none for this channel; pass --ca FILE' });
  } else {
    const verifier = anchors.find((a) => a.x509.fingerprint256 === leaf.fingerprint256 || issued(leaf, a.x509) || chain.slice(1).some((i) => issued(leaf, i) && (issued(i, a.x509) || i.fingerprint256 === a.x509.fingerprint256)));
    checks.push(
      verifier
        ? { name: 'trusted', ok: true, detail: `verified by "${echoSubject(verifier.x509.subject ?? '') || 'no subject'}" from ${echo(verifier.label)}` }
        : { name: 'trusted', ok: false, detail: `no CA of ${echoList([...new Set(anchors.map((a) => a.label))], ', ', 4)} issued it: clients fail with "x509: certificate signed by unknown authority"` },
    );
  }
  const facts = namesOf(leaf);
  const covered = hostCovered(input.hostname, facts.dns, facts.ip);
  checks.push({ name: 'host name', ok: covered, detail: covered ? `its SANs cover ${echo(input.hostname)}` : `its SANs (${echoList([...facts.dns, ...facts.ip]) || 'none'}) do not cover ${echo(input.hostname)}: clients fail with "x509: certificate is valid for …, not ${echo(input.hostname)}"` });
  return {
    channel: input.channel,
    chain: chain.map((c) => ({ subject: echoSubject(c.subject ?? ''), issuer: echoSubject(c.issuer ?? ''), names: [...namesOf(c).dns, ...namesOf(c).ip].map((n) => echo(n)), notBefore: new Date(c.validFrom).toISOString(), notAfter: new Date(c.validTo).toISOString(), fingerprint256: c.fingerprint256 })),
    checks,
    ok: checks.every((c) => c.ok),
  };
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

function trustAnchors(values: readonly MaterialValue[], channel: ProbeChannel, shown: (p: string) => string, given?: { pem: string; label: string }): Array<{ x509: X509Certificate; label: string }> {
  if (given) {
    return (given.pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).flatMap((pem) => {
      try {
        return [{ x509: new X509Certificate(pem), label: given.label }];
      } catch {
        return [];
      }
    });
  }
  return values
    .filter((v) => v.slot.content === 'ca' && TRUST_LABELS[channel].test(v.slot.label))
    .flatMap((v) => v.certificates.map((c) => ({ x509: c.x509, label: `${v.slot.label} in ${shown(v.doc.path)}` })));
}

function expectedHint(values: readonly MaterialValue[], shown: (p: string) => string): string {
  const wanted = values.find((v) => v.slot.origin.kind === 'secret' && v.slot.label.startsWith('tls.crt') && v.certificates.length > 0);
  if (!wanted) return '';
  return ` (${echo(wanted.slot.label)} in ${echo(shown(wanted.doc.path))} is valid until ${new Date(wanted.certificates[0].x509.validTo).toISOString()})`;
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
