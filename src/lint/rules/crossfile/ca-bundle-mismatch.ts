import { dirname, relative } from 'node:path';
import { controlPlaneContext, controlPlaneTlsOf } from '../../crossfile/control-plane';
import { certificatesOf, firstCertificate } from '../../crossfile/pem';
import { resolveSecret } from '../../crossfile/secret-definitions';
import { issuedBy, ParsedCertificate } from '../../certs';
import { Rule } from '../../rule';
import { Fix } from '../../types';
import { echo, echoSubject } from '../../../pki/redact';

export const caBundleMismatch: Rule = {
  id: 'ca-bundle-mismatch',
  defaultSeverity: 'error',
  summary: "caBundle decodes to a different certificate than the ca.crt of the Secret that secretName (or caSecretName) names.",
  description:
    "The chart puts caBundle into the webhook configurations; the Kubernetes API server uses it to verify kuma-cp's certificate, which comes from the Secret. A different CA makes every admission call fail with \"x509: certificate signed by unknown authority\", so no pod gets a sidecar.",
  kinds: ['helm-values', 'shell', 'markdown'],
  check(doc, ctx) {
    const cpCtx = controlPlaneContext(ctx);
    for (const cp of controlPlaneTlsOf(doc, cpCtx)) {
      const bundle = cp.caBundle;
      if (!bundle || bundle.content === null) continue;
      const bundleFingerprints = new Set(certificatesOf(bundle.content).map((c) => c.facts.fingerprint256));
      // Not a certificate at all: pem-malformed / encoding-mismatch say so.
      if (bundleFingerprints.size === 0) continue;
      const named = cp.secretNames.find((s) => s.slot === 'generalCa') ?? cp.secretNames.find((s) => s.slot === 'general');
      if (!named) continue;
      // Several different definitions: secret-ambiguous says so; comparing with one would be a guess.
      const resolution = resolveSecret(cpCtx, named.secretName, cp.namespace);
      if (resolution.kind !== 'single') continue;
      const secret = resolution.secret;
      const ca = secret.keys.get('ca.crt');
      const caCert = ca?.content ? firstCertificate(ca.content) : null;
      if (!ca || !caCert) continue;
      if (bundleCoversSecretCa(bundleFingerprints, certificatesOf(ca.content ?? ''), secret.keys.get('tls.crt')?.content ?? null)) continue;
      const bundleSubject = echoSubject(firstCertificate(bundle.content)?.facts.subject ?? '') || '(no subject)';
      const caSubject = echoSubject(caCert.facts.subject) || '(no subject)';
      const where = bundle.file ? `caBundle (from ${echo(relative(dirname(doc.path), bundle.file.path))})` : 'caBundle';
      const fixes: Fix[] = [];
      if (bundle.substitution && ca.file) {
        fixes.push({ title: `Encode the Secret's ca.crt (${echo(relative(dirname(doc.path), ca.file.path))}) instead`, edits: [{ path: doc.path, range: bundle.substitution.pathRange, newText: relative(dirname(doc.path), ca.file.path) }], preferred: true });
      } else if (!bundle.substitution && ca.content) {
        fixes.push({ title: `Replace caBundle with the base64 of Secret ${echo(secret.name)}'s ca.crt`, edits: [{ path: doc.path, range: bundle.range, newText: Buffer.from(ca.content, 'utf8').toString('base64') }], preferred: true });
      }
      ctx.report({
        range: bundle.range,
        message: `${where} is the certificate "${bundleSubject}", but Secret ${echo(secret.name)}'s ca.crt is "${caSubject}". The API server verifies kuma-cp's webhook certificate with caBundle, so admission calls fail ("x509: certificate signed by unknown authority"). caBundle must be the one-line base64 of that ca.crt (base64 -w0 < ca.crt).`,
        related: [{ path: secret.path, range: ca.range, message: `ca.crt of Secret ${echo(secret.name)}` }],
        fixes,
      });
    }
  },
};

/**
 * During a CA rotation either side may hold the old and the new CA (a bundle). The bundle matches
 * when it holds the CA of ca.crt that issued the Secret's tls.crt, the one the API server must
 * verify kuma-cp with; when no CA of ca.crt issued it (cert-untrusted's case), one CA in common.
 */
function bundleCoversSecretCa(bundle: ReadonlySet<string>, secretCas: ParsedCertificate[], leafPem: string | null): boolean {
  const leaf = leafPem ? firstCertificate(leafPem) : null;
  const issuer = leaf ? secretCas.find((ca) => issuedBy(leaf, ca)) : undefined;
  if (issuer) return bundle.has(issuer.facts.fingerprint256);
  return secretCas.some((ca) => bundle.has(ca.facts.fingerprint256));
}
