import { controlPlaneContext, controlPlaneTlsOf } from '../../crossfile/control-plane';
import { secretsNamed } from '../../crossfile/secrets';
import { closestWithin } from '../../../kuma/edit-distance';
import { replaceFix } from '../../fixes';
import { Rule } from '../../rule';
import { echo } from '../../../pki/redact';

/**
 * Suggestions compare a name with this many unreferenced Secrets at most: a file of thousands
 * of values documents against thousands of Secrets would otherwise cost millions of edit
 * distances, and a typo's target is among the first hundred in any real workspace.
 */
const MAX_SUGGESTION_CANDIDATES = 100;

export const secretNotFound: Rule = {
  id: 'secret-not-found',
  defaultSeverity: 'info',
  summary: 'A secretName that no Secret manifest and no kubectl create secret line in the workspace defines.',
  description:
    'If the Secret does not exist when the chart is installed, the control-plane pod waits in ContainerCreating ("secret … not found"). Only reported when the workspace defines Secrets that nothing references (the likely target of a typo); a workspace without Secrets keeps them elsewhere.',
  kinds: ['helm-values', 'shell', 'markdown'],
  check(doc, ctx) {
    const cpCtx = controlPlaneContext(ctx);
    const settings = controlPlaneTlsOf(doc, cpCtx);
    if (!settings.some((cp) => cp.secretNames.length > 0)) return;
    const candidates = cpCtx.index().unreferenced;
    if (candidates.length === 0) return;
    const suggestionPool = candidates.slice(0, MAX_SUGGESTION_CANDIDATES);
    // Every values document of a file usually names the same Secrets: one suggestion per name.
    const suggestions = new Map<string, string>();
    const suggest = (name: string): string => {
      let closest = suggestions.get(name);
      if (closest === undefined) suggestions.set(name, (closest = closestWithin(name, suggestionPool, 64) ?? candidates[0]));
      return closest;
    };
    for (const cp of settings) {
      for (const named of cp.secretNames) {
        if (named.chartCreates || secretsNamed(cpCtx.index(), cpCtx.get, named.secretName).length > 0) continue;
        const closest = suggest(named.secretName);
        ctx.report({
          range: named.range,
          message: `No Secret ${echo(named.secretName)} in this workspace (no manifest, no kubectl create secret line), though it defines ${candidates.length === 1 ? `Secret ${echo(closest)}` : `Secrets such as ${echo(closest)}`} that nothing references. ${named.setting} needs the Secret in namespace ${echo(cp.namespace)} before the install, or the control-plane pod waits with "secret \\"${echo(named.secretName)}\\" not found".`,
          fixes: [replaceFix(doc, `Use Secret ${echo(closest)}`, named.range, closest, true)],
        });
      }
    }
  },
};
