// secret-missing-key for what the values-file rule (../secret-missing-key.ts) does not see:
// Secrets made by `kubectl create secret` lines, and secretNames set on install command lines.
import { controlPlaneContext, requiredKeys, resolvedSecretNames } from '../../crossfile/control-plane';
import { addSecretKeysFix } from '../../crossfile/secret-fixes';
import { checkableCopies } from '../../crossfile/secret-definitions';
import { Rule } from '../../rule';
import { echo } from '../../../pki/redact';

export const secretMissingKeyCrossFile: Rule = {
  id: 'secret-missing-key',
  defaultSeverity: 'error',
  summary: 'A Secret referenced by controlPlane.tls.*.secretName lacks a required key, or kds*.create: true without cert/key.',
  kinds: ['helm-values', 'shell', 'markdown'],
  check(doc, ctx) {
    const cpCtx = controlPlaneContext(ctx);
    for (const { cp, named, resolution } of resolvedSecretNames(doc, cpCtx)) {
      const required = requiredKeys(named.slot, cp.hasCaSecretName);
      for (const secret of checkableCopies(resolution)) {
        if (cp.origin === 'values' && secret.origin === 'manifest') continue;
        const missing = required.filter((k) => !secret.keys.has(k));
        if (missing.length === 0) continue;
        const how = secret.origin === 'kubectl' ? `add --from-file=${missing[0]}=PATH to the kubectl create secret line` : `add ${missing.length > 1 ? 'the keys' : 'the key'} to the Secret`;
        const secretDoc = secret.manifest ? cpCtx.get(secret.path) : undefined;
        ctx.report({
          range: named.range,
          message: `Secret ${echo(named.secretName)} (${named.setting}) has no ${missing.join(', ')}; Kuma mounts ${required.join(', ')} from it, so the control-plane pod cannot start ("references non-existent secret key"). To fix, ${how}.`,
          related: [{ path: secret.path, range: secret.nameRange, message: `Secret ${echo(named.secretName)} is defined here` }],
          fixes: secretDoc && secret.manifest ? addSecretKeysFix(cpCtx.get, secretDoc, secret.manifest, missing) : [],
        });
      }
    }
  },
};
