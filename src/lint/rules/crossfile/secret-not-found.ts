import { controlPlaneContext, controlPlaneTlsOf } from '../../crossfile/control-plane';
import { closestWithin } from '../../../kuma/edit-distance';
import { replaceFix } from '../../fixes';
import { Rule } from '../../rule';
import { Fix } from '../../types';
import { echo } from '../../../pki/redact';

/** A typo, not another Secret: at most 1 edit for short names, up to 3 for long ones. */
function closeEnough(name: string): number {
  return Math.max(1, Math.min(3, Math.floor(name.length / 5)));
}

export const secretNotFound: Rule = {
  id: 'secret-not-found',
  defaultSeverity: 'info',
  summary: 'A secretName that nothing in the workspace produces, while the workspace keeps its Secrets.',
  description:
    'If the Secret does not exist when the chart is installed, the control-plane pod waits in ContainerCreating ("secret … not found"). Producers: Secret manifests, kubectl create secret lines, cert-manager Certificates (spec.secretName), ExternalSecrets (spec.target.name, else their name), SealedSecrets and kustomize secretGenerator entries. Only reported when the workspace keeps Secrets (it defines one that a secretName references or could name); a repository without Secrets keeps them elsewhere.',
  kinds: ['helm-values', 'shell', 'markdown'],
  check(doc, ctx) {
    const cpCtx = controlPlaneContext(ctx);
    const settings = controlPlaneTlsOf(doc, cpCtx);
    if (!settings.some((cp) => cp.secretNames.length > 0)) return;
    const index = cpCtx.index();
    if (!index.keepsSecrets()) return;
    // Every values document of a file usually names the same Secrets: one suggestion per name.
    const suggestions = new Map<string, string | null>();
    const suggest = (name: string): string | null => {
      let closest = suggestions.get(name);
      if (closest === undefined) suggestions.set(name, (closest = closestWithin(name, index.suggestionPool(), closeEnough(name)) ?? null));
      return closest;
    };
    for (const cp of settings) {
      for (const named of cp.secretNames) {
        if (named.chartCreates || index.defines(named.secretName)) continue;
        const closest = suggest(named.secretName);
        const fixes: Fix[] = closest ? [replaceFix(doc, `Use Secret ${echo(closest)}`, named.range, closest, true)] : [];
        ctx.report({
          range: named.range,
          message: `No Secret ${echo(named.secretName)} in this workspace (no manifest, kubectl create secret line, cert-manager Certificate, ExternalSecret, SealedSecret or secretGenerator), though it keeps its other Secrets here.${closest ? ` Did you mean ${echo(closest)}? Nothing references that Secret.` : ''} ${named.setting} needs the Secret in namespace ${echo(cp.namespace)} before the install, or the control-plane pod waits with "secret \\"${echo(named.secretName)}\\" not found".`,
          fixes,
        });
      }
    }
  },
};
