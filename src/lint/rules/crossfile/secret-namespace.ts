import { controlPlaneContext, controlPlaneTlsOf } from '../../crossfile/control-plane';
import { moveSecretFix } from '../../crossfile/secret-fixes';
import { secretsNamed } from '../../crossfile/secrets';
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
        const secrets = secretsNamed(cpCtx.index(), cpCtx.get, named.secretName);
        // One definition in the right (or an unwritten) namespace is enough.
        if (secrets.length === 0 || secrets.some((s) => s.namespace === null || s.namespace === cp.namespace)) continue;
        const secret = secrets[0];
        ctx.report({
          range: named.range,
          message: `Secret ${echo(named.secretName)} is in namespace ${echo(secret.namespace)}, but the control plane runs in ${echo(cp.namespace)}; a pod mounts Secrets of its own namespace only ("secret \\"${echo(named.secretName)}\\" not found"). Create the Secret in ${echo(cp.namespace)}.`,
          related: [{ path: secret.path, range: secret.namespaceRange ?? secret.nameRange, message: `Secret ${echo(named.secretName)} in namespace ${echo(secret.namespace)}` }],
          fixes: secret.namespaceRange ? [moveSecretFix(secret.path, secret.namespaceRange, named.secretName, cp.namespace)] : [],
        });
      }
    }
  },
};
