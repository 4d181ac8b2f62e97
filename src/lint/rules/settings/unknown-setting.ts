import { MISNAMED, isEnvNameInScope, isKnownYamlPath, isYamlPathInScope, settingByEnv, suggestEnvName, suggestYamlPath } from '../../../kuma';
import { LintDocument } from '../../model/document';
import { SettingOccurrence } from '../../model/settings';
import { Rule, RuleContext } from '../../rule';
import { renameFix } from './setting-edits';
import { echo } from '../../../pki/redact';

export const unknownSetting: Rule = {
  id: 'unknown-setting',
  defaultSeverity: 'warning',
  summary: 'A KUMA_* TLS/API-server/KDS/MADS setting or kuma-cp YAML key that Kuma does not read.',
  description:
    'kuma-cp and kuma-dp ignore environment variables and config keys they do not know, silently: a typo leaves the default in force (often plaintext or 0.0.0.0). Environment names are case-sensitive and must be upper-case. Kuma\'s own defaults file prints two wrong names.',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      for (const occurrence of scope.occurrences) {
        if (occurrence.envName !== null) checkEnvName(doc, ctx, occurrence, occurrence.envName);
        else if (occurrence.yamlPath !== null) checkYamlPath(doc, ctx, occurrence, occurrence.yamlPath);
      }
    }
  },
};

function checkEnvName(doc: LintDocument, ctx: RuleContext, occurrence: SettingOccurrence, name: string): void {
  if (settingByEnv(name) || !isEnvNameInScope(name)) return;
  const suggestion = suggestEnvName(name);
  let message: string;
  if (name in MISNAMED) {
    message = `${echo(name)} is not read by Kuma, although Kuma's defaults file and docs print it: the setting stays at its default. Kuma reads ${MISNAMED[name]}.`;
  } else if (suggestion && suggestion === name.toUpperCase()) {
    message = `${echo(name)} is ignored: Kuma reads environment variables by their upper-case name only, so the setting stays at its default. Use ${suggestion}.`;
  } else {
    message = `${echo(name)} is not a setting Kuma reads, so it has no effect and the default stays in force.${suggestion ? ` Did you mean ${suggestion}?` : ' Check the name against Kuma\'s configuration reference.'}`;
  }
  ctx.report({
    range: occurrence.nameRange,
    message,
    fixes: suggestion ? [renameFix(doc, `Rename to ${suggestion}`, occurrence, suggestion, true)] : [],
  });
}

function checkYamlPath(doc: LintDocument, ctx: RuleContext, occurrence: SettingOccurrence, path: string[]): void {
  const dotted = path.join('.');
  if (!isYamlPathInScope(dotted) || isKnownYamlPath(dotted)) return;
  const suggestion = suggestYamlPath(dotted);
  const suggestedSegments = suggestion?.split('.');
  // Only the last key can be renamed in place; a different parent would mean moving the entry.
  const renamesLastKey =
    suggestedSegments !== undefined &&
    suggestedSegments.length === path.length &&
    suggestedSegments.slice(0, -1).join('.').toLowerCase() === path.slice(0, -1).join('.').toLowerCase();
  const newKey = suggestedSegments?.[suggestedSegments.length - 1];
  ctx.report({
    range: occurrence.nameRange,
    message: `${echo(dotted)} is not a kuma-cp setting: kuma-cp ignores unknown config keys without a warning, so the default stays in force.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
    fixes: renamesLastKey && newKey ? [renameFix(doc, `Rename to ${newKey}`, occurrence, newKey, true)] : [],
  });
}
