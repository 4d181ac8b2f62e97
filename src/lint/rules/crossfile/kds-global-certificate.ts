// The global KDS server certificate checked against what the zones in the workspace expect of
// it: their global address must be among its SANs (cert-hostname-mismatch) and their KDS CA
// must have issued it (cert-untrusted). Reported on the certificate, with the zone as related.
// A zone and a global certificate in one values file are material.ts's pairing, not ours.
import { hostCovered, issuedBy, ParsedCertificate } from '../../certs';
import { controlPlaneContext, ControlPlaneContext, mountedAs } from '../../crossfile/control-plane';
import { zoneCaPem, ZoneConnection, zoneConnections } from '../../crossfile/kds';
import { certificatesOf, entryCertificate, firstCertificate } from '../../crossfile/pem';
import { resolveSecret } from '../../crossfile/secret-definitions';
import { LintDocument } from '../../model/document';
import { Rule, RuleContext } from '../../rule';
import { Span } from '../../types';
import { echo, echoList, echoSubject } from '../../../pki/redact';

interface GlobalCertificate {
  cert: ParsedCertificate;
  range: Span;
  label: string;
}

function globalCertificates(doc: LintDocument, cpCtx: ControlPlaneContext): GlobalCertificate[] {
  const out: GlobalCertificate[] = [];
  if (doc.yaml) {
    for (const { doc: d } of doc.helmValues) {
      const entry = doc.yaml.get(d, ['controlPlane', 'tls', 'kdsGlobalServer', 'cert']);
      const pem = doc.yaml.getString(d, ['controlPlane', 'tls', 'kdsGlobalServer', 'cert']);
      const cert = pem ? firstCertificate(pem) : null;
      if (entry && cert) out.push({ cert, range: entry.valueRange, label: 'controlPlane.tls.kdsGlobalServer.cert' });
    }
  }
  if (doc.secrets.length === 0) return out;
  const index = cpCtx.index();
  for (const secret of doc.secrets) {
    if (!secret.name || !index.isKdsGlobalSecret(secret.name) || !mountedAs(cpCtx, 'kdsGlobalServer', secret.name, doc.path, secret.nameRange)) continue;
    const entry = secret.entries.find((e) => e.key === 'tls.crt');
    const cert = entryCertificate(entry);
    if (entry && cert) out.push({ cert, range: entry.keyRange, label: `tls.crt of Secret ${echo(secret.name)} (the global KDS server certificate)` });
  }
  return out;
}

function zonesElsewhere(doc: LintDocument, cpCtx: ControlPlaneContext): ZoneConnection[] {
  return cpCtx.index().zones().filter((z) => z !== doc).flatMap((z) => zoneConnections(z));
}

function each(doc: LintDocument, ctx: RuleContext, body: (global: GlobalCertificate, zone: ZoneConnection, cpCtx: ControlPlaneContext) => void): void {
  const cpCtx = controlPlaneContext(ctx);
  const certs = globalCertificates(doc, cpCtx);
  if (certs.length === 0) return;
  for (const zone of zonesElsewhere(doc, cpCtx)) for (const global of certs) body(global, zone, cpCtx);
}

export const kdsGlobalHostname: Rule = {
  id: 'cert-hostname-mismatch',
  defaultSeverity: 'warning',
  summary: "A required host is not covered by the certificate's SANs.",
  kinds: ['secret', 'helm-values'],
  check(doc, ctx) {
    each(doc, ctx, (global, zone) => {
      const { dnsNames, ipAddresses } = global.cert.facts;
      if (hostCovered(zone.host, dnsNames, ipAddresses)) return;
      const sans = [...dnsNames, ...ipAddresses];
      ctx.report({
        range: global.range,
        message: `The ${global.label} does not cover ${echo(zone.host)}, the global address a zone connects to; the zone's KDS client fails with "x509: certificate is valid for ${echoList(sans) || 'no names'}, not ${echo(zone.host)}". Re-issue the certificate with ${echo(zone.host)} among its SANs.`,
        related: [{ path: zone.doc.path, range: zone.addressRange, message: `a zone connects to ${echo(zone.host)} here` }],
      });
    });
  },
};

export const kdsGlobalUntrusted: Rule = {
  id: 'cert-untrusted',
  defaultSeverity: 'error',
  summary: 'The CA that is supposed to verify a certificate does not.',
  kinds: ['secret', 'helm-values'],
  check(doc, ctx) {
    each(doc, ctx, (global, zone, cpCtx) => {
      const ca = zoneCaPem(zone, cpCtx.get, (name) => {
        // The zone's namespace is not tracked: the configured one. Several differing definitions: no verdict.
        const resolution = resolveSecret(cpCtx, name, cpCtx.defaultNamespace);
        const key = resolution.kind === 'single' ? resolution.secret.keys.get('ca.crt') : undefined;
        return resolution.kind === 'single' && key?.content ? { pem: key.content, path: resolution.secret.path, range: key.range } : null;
      });
      // The zone's CA may be a bundle (old and new CA during a rotation): any of them will do, as in Go's CertPool.
      const anchors = ca ? certificatesOf(ca.pem) : [];
      const caCert = anchors[0];
      if (!ca || !caCert || anchors.some((anchor) => anchor.facts.fingerprint256 === global.cert.facts.fingerprint256 || issuedBy(global.cert, anchor))) return;
      ctx.report({
        range: global.range,
        message: `The ${global.label} was not issued by the CA a zone verifies it with ("${echoSubject(caCert.facts.subject)}"); the zone's KDS connection fails with "x509: certificate signed by unknown authority". Give the zone the CA that signed this certificate (kdsZoneClient Secret ca.crt / KUMA_MULTIZONE_ZONE_KDS_ROOT_CA_FILE).`,
        related: [
          { path: ca.path, range: ca.range, message: "the zone's KDS CA" },
          { path: zone.doc.path, range: zone.addressRange, message: `the zone connecting to ${echo(zone.host)}` },
        ],
      });
    });
  },
};
