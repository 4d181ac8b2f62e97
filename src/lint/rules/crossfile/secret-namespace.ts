import { controlPlaneContext, controlPlaneTlsOf } from '../../crossfile/control-plane';
import { moveSecretFix } from '../../crossfile/secret-fixes';
import { resolveSecret } from '../../crossfile/secret-definitions';
import { Rule } from '../../rule';
import { echo } from '../../../pki/redact';

export const secretNamespace: Rule = {
  id: 'secret-namespace',
  defaultSeverity: 'warning',
  summary: 'The referenced Secret lives in another namespace than the control plane.',
  description: 'Pods mount Secrets of their own namespace only; a Secret in another namespace is the same as no Secret for kuma-cp.',
  kinds: ['helm-values', 'shell', 'markdown'],
  check(doc, ctx) {
    const cpCtx = controlPlaneContext(ctx);
    for (const cp of controlPlaneTlsOf(doc, cpCtx)) {
      for (const named of cp.secretNames) {
        const resolution = resolveSecret(cpCtx, named.secretName, cp.namespace);
        // One definition in the right (or an unwritten) namespace is enough.
        if (resolution.kind === 'none' || resolution.inNamespace) continue;
        const secrets = resolution.kind === 'single' ? resolution.copies : resolution.definitions;
        const secret = secrets[0];
        ctx.report({
          range: named.range,
          message: `Secret ${echo(named.secretName)} is in namespace ${echo(secret.namespace)}, but the control plane runs in ${echo(cp.namespace)}; a pod mounts Secrets of its own namespace only ("secret \\"${echo(named.secretName)}\\" not found"). Create the Secret in ${echo(cp.namespace)}.`,
          related: secrets.map((s) => ({ path: s.path, range: s.namespaceRange ?? s.nameRange, message: `Secret ${echo(named.secretName)} in namespace ${echo(s.namespace)}` })),
          // Several differing definitions elsewhere: moving one of them would be a guess.
          fixes: resolution.kind === 'single' && secret.namespaceRange ? [moveSecretFix(secret.path, secret.namespaceRange, named.secretName, cp.namespace)] : [],
        });
      }
    }
  },
};
