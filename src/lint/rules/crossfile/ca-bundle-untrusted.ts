// cert-untrusted between a values caBundle and the general Secret's tls.crt when the Secret has
// no ca.crt of its own to compare with (caSecretName, or `kubectl create secret tls`): the API
// server verifies kuma-cp's webhook certificate with caBundle. A Secret with a ca.crt is
// ca-bundle-mismatch's (caBundle vs ca.crt) and the Secret's own chain check's business.
import { issuedBy, ParsedCertificate } from '../../certs';
import { controlPlaneContext, controlPlaneTlsOf } from '../../crossfile/control-plane';
import { certificatesOf, entryCertificate, firstCertificate } from '../../crossfile/pem';
import { resolveWorkspaceFile } from '../../crossfile/paths';
import { resolvesTo, resolveSecret } from '../../crossfile/secret-definitions';
import { Rule } from '../../rule';
import { RelatedLocation, Span } from '../../types';
import { echo, echoSubject } from '../../../pki/redact';

interface ServedCertificate {
  name: string;
  cert: ParsedCertificate;
  range: Span;
  /** Where the Secret's name is written: identifies the definition among others of the name. */
  nameRange: Span;
}

export const caBundleUntrusted: Rule = {
  id: 'cert-untrusted',
  defaultSeverity: 'error',
  summary: 'The CA that is supposed to verify a certificate does not.',
  kinds: ['secret', 'shell', 'markdown'],
  check(doc, ctx) {
    const cpCtx = controlPlaneContext(ctx);
    const served: ServedCertificate[] = [];
    for (const secret of doc.secrets) {
      if (!secret.name || secret.entries.some((e) => e.key === 'ca.crt')) continue;
      const entry = secret.entries.find((e) => e.key === 'tls.crt');
      const cert = entryCertificate(entry);
      if (cert && entry) served.push({ name: secret.name, cert, range: entry.keyRange, nameRange: secret.nameRange });
    }
    for (const command of doc.commands) {
      if (command.kind !== 'kubectl-secret' || !command.name || command.files.some((f) => f.key === 'ca.crt')) continue;
      const crt = command.files.find((f) => f.key === 'tls.crt');
      const file = crt && !crt.path.dynamic ? resolveWorkspaceFile(cpCtx.get, doc.path, crt.path.value) : null;
      const cert = file ? firstCertificate(file.text) : null;
      if (crt && cert) served.push({ name: command.name.value, cert, range: crt.path.range, nameRange: command.name.range });
    }
    if (served.length === 0) return;
    for (const { name, cert, range, nameRange } of served) {
      for (const other of cpCtx.index().referencers(name)) {
        for (const cp of controlPlaneTlsOf(other, cpCtx)) {
          const named = cp.secretNames.find((s) => s.slot === 'general');
          if (named?.secretName !== name || !cp.caBundle?.content) continue;
          // Only when this definition is the Secret that control plane mounts, and not one of several.
          if (!resolvesTo(resolveSecret(cpCtx, name, cp.namespace), doc.path, nameRange)) continue;
          const bundle = certificatesOf(cp.caBundle.content);
          if (bundle.length === 0 || bundle.some((ca) => ca.facts.fingerprint256 === cert.facts.fingerprint256 || issuedBy(cert, ca))) continue;
          const related: RelatedLocation[] = [{ path: other.path, range: cp.caBundle.range, message: 'the caBundle the API server verifies it with' }];
          ctx.report({
            range,
            message: `The certificate of Secret ${echo(name)} (kuma-cp's webhook and general certificate) was not issued by the CA in caBundle ("${echoSubject(bundle[0].facts.subject)}"); admission calls fail with "x509: certificate signed by unknown authority". Issue it from that CA, or set caBundle to the base64 of the CA that issued it.`,
            related,
          });
        }
      }
    }
  },
};
