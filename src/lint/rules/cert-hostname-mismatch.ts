import { hostCovered } from '../certs';
import { controlPlaneContext, controlPlaneTlsOf, ControlPlaneContext } from '../crossfile/control-plane';
import { resolveSecret } from '../crossfile/secret-definitions';
import { LintDocument } from '../model/document';
import { SecretManifest } from '../model/secret';
import { Rule } from '../rule';
import { RelatedLocation } from '../types';
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
      const leaf = slot.certificates[0];
      const { dnsNames, ipAddresses, hasSubjectAltName } = leaf.parsed.facts;
      // No subjectAltName at all is cert-no-san's, the more specific problem.
      if (!hasSubjectAltName) continue;
      const installs = generalInstalls(doc, secret, controlPlaneContext(ctx));
      if (installs.size === 0 && GENERAL_SECRET_NAMES.has(secret.name)) installs.set(ctx.controlPlane.namespace, []);
      const { serviceName } = ctx.controlPlane;
      for (const [namespace, related] of installs) {
        const required = [`${serviceName}.${namespace}`, `${serviceName}.${namespace}.svc`];
        const missing = required.filter((host) => !hostCovered(host, dnsNames, ipAddresses));
        if (missing.length === 0) continue;
        const all = [...dnsNames, ...ipAddresses, ...leaf.parsed.facts.uris];
        ctx.report({
          range: leaf.range,
          message: `The general certificate in Secret ${echo(secret.name)} does not cover ${echoList(missing, ' and ')} (its SANs: ${all.length ? echoList(all, ', ', MAX_LISTED_SANS) : 'none'}). Sidecars connect to https://${echo(required[0])}:5678 and the Kubernetes API server calls the webhooks at ${echo(required[1])}, so TLS fails ("x509: certificate is valid for …, not …"). Reissue it with --hostname=${echoList(required, ',')}.`,
          related,
        });
      }
    }
  },
};

/**
 * The namespaces of the control planes that mount this Secret definition as their general
 * Secret, each with where it is named. The certificate serves the control plane's Service, so it
 * is checked against the namespace the control plane is installed into (the install line's -n),
 * never the Secret's own (a mismatch there is secret-namespace's).
 */
function generalInstalls(doc: LintDocument, secret: SecretManifest, cpCtx: ControlPlaneContext): Map<string, RelatedLocation[]> {
  const name = secret.name!;
  const installs = new Map<string, RelatedLocation[]>();
  for (const other of cpCtx.index().referencers(name)) {
    for (const cp of controlPlaneTlsOf(other, cpCtx)) {
      const named = cp.secretNames.filter((s) => s.slot === 'general' && s.secretName === name);
      if (named.length === 0 || !mounts(cpCtx, name, cp.namespace, doc.path, secret)) continue;
      const related = installs.get(cp.namespace) ?? [];
      for (const n of named) related.push({ path: other.path, range: n.range, message: `used as ${echo(n.setting)} here` });
      installs.set(cp.namespace, related);
    }
  }
  return installs;
}

/** Whether a control plane in `namespace` may get this definition (the one, or one of several that differ). */
function mounts(cpCtx: ControlPlaneContext, name: string, namespace: string, path: string, secret: SecretManifest): boolean {
  const resolution = resolveSecret(cpCtx, name, namespace);
  const candidates = resolution.kind === 'single' ? resolution.copies : resolution.kind === 'ambiguous' ? resolution.definitions : [];
  return candidates.some((d) => d.path === path && d.nameRange.start.line === secret.nameRange.start.line && d.nameRange.start.character === secret.nameRange.start.character);
}
