import { isSet } from '../model/yaml';
import { helmValuesOf } from '../crossfile/values';
import { helmSecretNames, SecretSlot } from '../model/helm';
import { Rule } from '../rule';
import { addSecretKeysFix } from '../crossfile/secret-fixes';
import { controlPlaneContext, valuesNamespace } from '../crossfile/control-plane';
import { checkableCopies, resolveSecret } from '../crossfile/secret-definitions';
import { echo } from '../../pki/redact';

/** Keys each referenced Secret must have (reference §2.3). */
const REQUIRED_KEYS: Partial<Record<SecretSlot, string[]>> = {
  general: ['tls.crt', 'tls.key', 'ca.crt'],
  generalCa: ['ca.crt'],
  apiServer: ['tls.crt', 'tls.key'],
  kdsGlobalServer: ['tls.crt', 'tls.key'],
  kdsZoneClient: ['ca.crt'],
};

export const secretMissingKey: Rule = {
  id: 'secret-missing-key',
  defaultSeverity: 'error',
  summary: 'A Secret referenced by controlPlane.tls.*.secretName lacks a required key, or kds*.create: true without cert/key.',
  kinds: ['helm-values', 'shell', 'markdown'],
  check(doc, ctx) {
    const cpCtx = controlPlaneContext(ctx);
    const createChecks: Array<[string, string, string]> = [
      ['kdsGlobalServer', 'cert', 'you must provide a kds tls cert'],
      ['kdsGlobalServer', 'key', 'you must provide a kds tls key'],
      ['kdsZoneClient', 'cert', 'you must provide a kds cert'],
    ];
    for (const values of helmValuesOf(doc, cpCtx)) {
      const tls = (path: string[]) => values.get(['controlPlane', 'tls', ...path]);
      for (const [section, key, chartMessage] of createChecks) {
        const create = tls([section, 'create']);
        if (!create || !create.isTrue || create.path !== doc.path || tls([section, key])?.isSet || values.partial) continue;
        const what = section === 'kdsZoneClient' ? 'the PEM of the CA that signed the global KDS server certificate' : key === 'cert' ? 'the PEM certificate' : 'the PEM private key';
        ctx.report({
          range: create.range,
          message: `controlPlane.tls.${section}.create is true but controlPlane.tls.${section}.${key} is empty: the chart fails with "${chartMessage}". Set ${key} to ${what} (raw PEM, not base64), or create the Secret yourself and set create: false.`,
        });
      }
    }
    const yaml = doc.yaml;
    if (!yaml) return;
    let ns: string | undefined;
    const namespace = () => (ns ??= valuesNamespace(doc.path, cpCtx));
    for (const { doc: d } of doc.helmValues) {
      const tls = (path: string[]) => yaml.get(d, ['controlPlane', 'tls', ...path]);
      const hasCaSecret = isSet(tls(['general', 'caSecretName'])?.value ?? null);
      for (const { slot, path, secretName: name, range } of helmSecretNames(yaml, d)) {
        const required = (REQUIRED_KEYS[slot] ?? []).filter((k) => !(slot === 'general' && k === 'ca.crt' && hasCaSecret));
        // Manifests only: Secrets from kubectl lines are the cross-file form's. Differing
        // definitions get no verdict (secret-ambiguous), identical copies one each.
        for (const secret of checkableCopies(resolveSecret(cpCtx, name, namespace()))) {
          const other = secret.manifest ? ctx.workspace.get(secret.path) : undefined;
          if (!other || !secret.manifest) continue;
          const missing = required.filter((k) => !secret.keys.has(k));
          if (missing.length === 0) continue;
          ctx.report({
            range,
            message: `Secret ${echo(name)} (controlPlane.tls.${path.join('.')}) has no ${missing.join(', ')}; Kuma mounts ${required.join(', ')} from it, so the control-plane pod cannot start ("references non-existent secret key"). Add ${missing.length > 1 ? 'the keys' : 'the key'} to the Secret.`,
            related: [{ path: other.path, range: secret.nameRange, message: `Secret ${echo(name)} is defined here` }],
            fixes: addSecretKeysFix((p) => ctx.workspace.get(p), other, secret.manifest, missing),
          });
        }
      }
    }
  },
};
