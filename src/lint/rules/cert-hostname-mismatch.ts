import { hostCovered } from '../certs';
import { Rule } from '../rule';
import { materialAnalysis } from './material-rule';
import { echo, echoList } from '../../pki/redact';

/** A certificate may carry thousands of SANs; the message names a few. */
const MAX_LISTED_SANS = 8;

/** Secret names that hold the general certificate even when no values file in the workspace says so. */
const GENERAL_SECRET_NAMES = new Set(['general-tls-certs', 'kuma-tls-cert']);

export const certHostnameMismatch: Rule = {
  id: 'cert-hostname-mismatch',
  defaultSeverity: 'warning',
  summary: "A required host is not covered by the certificate's subjectAltNames.",
  kinds: ['secret'],
  check(doc, ctx) {
    const analysis = materialAnalysis(doc, ctx);
    for (const slot of analysis.slots) {
      const secret = slot.slot.secret;
      if (!secret || secret.name === null || slot.slot.role !== 'cert' || slot.certificates.length === 0) continue;
      const references = ctx.workspace.secretReferences?.(secret.name).filter((r) => r.slot === 'general') ?? [];
      if (references.length === 0 && !GENERAL_SECRET_NAMES.has(secret.name)) continue;
      const { serviceName } = ctx.controlPlane;
      const namespace = secret.namespace ?? ctx.controlPlane.namespace;
      const required = [`${serviceName}.${namespace}`, `${serviceName}.${namespace}.svc`];
      const leaf = slot.certificates[0];
      const { dnsNames, ipAddresses } = leaf.parsed.facts;
      const missing = required.filter((host) => !hostCovered(host, dnsNames, ipAddresses));
      if (missing.length === 0) continue;
      const all = [...dnsNames, ...ipAddresses];
      ctx.report({
        range: leaf.range,
        message: `The general certificate in Secret ${echo(secret.name)} does not cover ${echoList(missing, ' and ')} (its SANs: ${all.length ? echoList(all, ', ', MAX_LISTED_SANS) : 'none'}). Sidecars connect to https://${echo(required[0])}:5678 and the Kubernetes API server calls the webhooks at ${echo(required[1])}, so TLS fails ("x509: certificate is valid for …, not …"). Reissue it with --hostname=${echoList(required, ',')}.`,
        related: references.map((r) => ({ path: r.path, range: r.range, message: 'used as controlPlane.tls.general.secretName here' })),
      });
    }
  },
};
