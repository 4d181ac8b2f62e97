import {
  CatalogueSetting,
  KumaVersion,
  MISNAMED,
  isEnvNameInScope,
  isKnownYamlPath,
  isReadByEveryVersion,
  isYamlPathInScope,
  readVerdict,
  settingByEnv,
  settingByYamlPath,
  suggestEnvName,
  suggestYamlPath,
  yamlPathOfEnv,
} from '../../../kuma';
import { JudgedVersion, judgedKumaVersion } from '../../kuma-version';
import { LintDocument } from '../../model/document';
import { SettingOccurrence } from '../../model/settings';
import { Rule, RuleContext } from '../../rule';
import { Fix } from '../../types';
import { renameFix } from './setting-edits';
import { echo } from '../../../pki/redact';

export const unknownSetting: Rule = {
  id: 'unknown-setting',
  defaultSeverity: 'warning',
  summary: 'A KUMA_* TLS/API-server/KDS/MADS setting or kuma-cp YAML key that Kuma does not read (in the Kuma version in use).',
  description:
    'kuma-cp and kuma-dp ignore environment variables and config keys they do not know, silently: a typo leaves the default in force (often plaintext or 0.0.0.0). Environment names are case-sensitive and must be upper-case. Kuma\'s own defaults file prints two wrong names. Settings are judged against the Kuma version in use (kumaTls.kumaVersion / --kuma-version, else the version the file or workspace installs); with no version known, a name is unknown only if no Kuma from 2.0 to master reads it.',
  check(doc, ctx) {
    // Judged once per file, and only when a name's verdict depends on it (the workspace scan is not free).
    let judged: JudgedVersion | undefined | null = null;
    const version = (): JudgedVersion | undefined => (judged === null ? (judged = judgedKumaVersion(doc, ctx)) : judged);
    for (const scope of doc.settings) {
      for (const occurrence of scope.occurrences) {
        if (occurrence.envName !== null) checkEnvName(doc, ctx, occurrence, occurrence.envName, version);
        else if (occurrence.yamlPath !== null) checkYamlPath(doc, ctx, occurrence, occurrence.yamlPath, version);
      }
    }
  },
};

type VersionSource = () => JudgedVersion | undefined;

function checkEnvName(doc: LintDocument, ctx: RuleContext, occurrence: SettingOccurrence, name: string, version: VersionSource): void {
  if (!isEnvNameInScope(name)) return;
  const setting = settingByEnv(name);
  if (setting) {
    checkVersion(ctx, occurrence, setting, name, version, (successor) => renameFix(doc, `Rename to ${successor}`, occurrence, successor, true));
    return;
  }
  const judged = name in MISNAMED || name.toUpperCase() !== name ? undefined : version();
  const suggestion = suggestEnvName(name, judged?.version);
  let message: string;
  if (name in MISNAMED) {
    message = `${echo(name)} is not read by Kuma, although Kuma's defaults file and docs print it: the setting stays at its default. Kuma reads ${MISNAMED[name]}.`;
  } else if (suggestion && suggestion === name.toUpperCase()) {
    message = `${echo(name)} is ignored: Kuma reads environment variables by their upper-case name only, so the setting stays at its default. Use ${suggestion}.`;
  } else {
    message = `${echo(name)} is not a setting ${judged ? `Kuma ${echo(judged.version.text)} reads` : 'any Kuma from 2.0 to master reads'}, so it has no effect and the default stays in force.${suggestion ? ` Did you mean ${suggestion}?` : ' Check the name against Kuma\'s configuration reference.'}`;
  }
  ctx.report({
    range: occurrence.nameRange,
    message,
    fixes: suggestion ? [renameFix(doc, `Rename to ${suggestion}`, occurrence, suggestion, true)] : [],
  });
}

function checkYamlPath(doc: LintDocument, ctx: RuleContext, occurrence: SettingOccurrence, path: string[], version: VersionSource): void {
  const dotted = path.join('.');
  if (!isYamlPathInScope(dotted)) return;
  const setting = settingByYamlPath(dotted);
  if (setting) {
    const renameLastKey = (successorEnv: string): Fix | undefined => {
      const successorPath = yamlPathOfEnv(successorEnv);
      const newKey = successorPath && lastKeyRename(path, successorPath);
      return newKey ? renameFix(doc, `Rename to ${newKey}`, occurrence, newKey, true) : undefined;
    };
    checkVersion(ctx, occurrence, setting, dotted, version, renameLastKey, (env) => yamlPathOfEnv(env) ?? env);
    return;
  }
  if (isKnownYamlPath(dotted)) return;
  const judged = version();
  const suggestion = suggestYamlPath(dotted, 'kuma-cp', judged?.version);
  const newKey = suggestion ? lastKeyRename(path, suggestion) : undefined;
  ctx.report({
    range: occurrence.nameRange,
    message: `${echo(dotted)} is not a kuma-cp setting${judged ? ` in Kuma ${echo(judged.version.text)}` : ''}: kuma-cp ignores unknown config keys without a warning, so the default stays in force.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
    fixes: newKey ? [renameFix(doc, `Rename to ${newKey}`, occurrence, newKey, true)] : [],
  });
}

/** The new last key when `suggestion` differs from `path` in its last key only: a different parent would mean moving the entry. */
function lastKeyRename(path: string[], suggestion: string): string | undefined {
  const segments = suggestion.split('.');
  if (segments.length !== path.length) return undefined;
  if (segments.slice(0, -1).join('.').toLowerCase() !== path.slice(0, -1).join('.').toLowerCase()) return undefined;
  return segments[segments.length - 1];
}

const SOURCE_NOTE: Record<JudgedVersion['source'], string> = {
  option: '',
  file: ' (the Kuma version this file installs)',
  workspace: ' (the Kuma version this workspace installs; set kumaTls.kumaVersion or --kuma-version to judge another)',
};

/** A name some Kuma reads: a finding only when the version in use does not. */
function checkVersion(
  ctx: RuleContext,
  occurrence: SettingOccurrence,
  setting: CatalogueSetting,
  written: string,
  version: VersionSource,
  fixFor: (successorEnv: string) => Fix | undefined,
  nameOf: (successorEnv: string) => string = (env) => env,
): void {
  if (isReadByEveryVersion(setting)) return;
  const judged = version();
  if (!judged) return; // no version known: some catalogued Kuma reads it
  const verdict = readVerdict(setting, judged.version);
  if (verdict.read) return;
  const kuma = `Kuma ${echo(judged.version.text)}${SOURCE_NOTE[judged.source]}`;
  let message: string;
  let successors: readonly string[] = [];
  if ('addedIn' in verdict) {
    message = `${echo(written)} is not read by ${kuma} (added in ${verdict.addedIn}), so it has no effect there and the default stays in force.`;
  } else {
    successors = verdict.successors.filter((env) => readsIn(env, judged.version));
    const use = successors.length > 0 ? `; use ${successors.map(nameOf).join(' or ')}` : '';
    message = `${echo(written)} is not read by ${kuma}: removed in ${verdict.removedIn}${use}. It has no effect and the default stays in force.`;
  }
  const fixes = successors.map(fixFor).filter((fix): fix is Fix => fix !== undefined);
  ctx.report({ range: occurrence.nameRange, message, fixes });
}

function readsIn(env: string, version: KumaVersion): boolean {
  const successor = settingByEnv(env);
  return successor !== undefined && readVerdict(successor, version).read;
}
