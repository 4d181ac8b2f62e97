// A secretName whose Secret the workspace defines more than once, differently, where the control
// plane would mount it. The other cross-file rules stay silent for such a name (they would have
// to pick one definition); this rule says why, and lists every definition.
import { controlPlaneContext, resolvedSecretNames } from '../../crossfile/control-plane';
import { differingKeys } from '../../crossfile/secret-definitions';
import { SecretSource } from '../../crossfile/secrets';
import { Rule } from '../../rule';
import { echo, echoList } from '../../../pki/redact';

/** Kubernetes' own rule for Secret keys; anything else is not repeated in a message. */
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,64}$/;
const LISTED_KEYS = 3;

export const secretAmbiguous: Rule = {
  id: 'secret-ambiguous',
  defaultSeverity: 'warning',
  summary: 'A secretName that two or more different definitions in the workspace produce (same namespace, or no namespace known).',
  description:
    'Kubernetes keeps one Secret per name and namespace: the control plane mounts whichever definition was applied last. The cross-file checks cannot know which and stay silent for the name.',
  kinds: ['helm-values', 'shell', 'markdown'],
  check(doc, ctx) {
    for (const { cp, named, resolution } of resolvedSecretNames(doc, controlPlaneContext(ctx))) {
      // Out-of-namespace definitions are secret-namespace's business, not a choice Kubernetes makes.
      if (resolution.kind !== 'ambiguous' || !resolution.inNamespace) continue;
      const { definitions } = resolution;
      const keys = differingKeys(definitions).filter((k) => SECRET_KEY.test(k));
      const differ = keys.length === 0 ? '' : ` (they differ in ${echoList(keys, ", ", LISTED_KEYS)})`;
      const where = definitions.some((d) => d.namespace === null) ? `in ${echo(cp.namespace)} or without a namespace` : `in ${echo(cp.namespace)}`;
      ctx.report({
        range: named.range,
        message: `Secret ${echo(named.secretName)} is defined ${definitions.length} times ${where}, with different content${differ} (see related). Kubernetes keeps one Secret per name and namespace, so ${named.setting} gets whichever definition was applied last; the certificate and key checks skip this Secret rather than guess. Keep one definition, or give the others their own names.`,
        related: definitions.map((d, i) => ({ path: d.path, range: d.nameRange, message: `definition ${i + 1} of ${definitions.length}: ${describe(d)}` })),
      });
    }
  },
};

function describe(definition: SecretSource): string {
  const what = definition.origin === 'kubectl' ? 'kubectl create secret' : 'Secret manifest';
  return definition.namespace === null ? `${what}, no namespace written` : `${what} in ${echo(definition.namespace)}`;
}
