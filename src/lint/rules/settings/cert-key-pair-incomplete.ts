import { CERT_KEY_PAIRS, CertKeyPair, settingByEnv } from '../../../kuma';
import { LintDocument } from '../../model/document';
import { SettingOccurrence, SettingScope } from '../../model/settings';
import { isSet } from '../../model/yaml';
import { Rule } from '../../rule';
import { findSetting, nameInScope } from './resolve';
import { documentAt } from './setting-edits';

export const certKeyPairIncomplete: Rule = {
  id: 'cert-key-pair-incomplete',
  defaultSeverity: 'error',
  summary: 'A TLS certificate file setting without its key file setting, or the reverse.',
  description: 'Each Kuma server needs its certificate and private key together. kuma-cp validates the general, HTTPS API, KDS, MADS, diagnostics and Postgres pairs when it loads its configuration and refuses to start with only one half; the dp-server fails when it loads a lone certificate and silently swaps a lone key for the general pair.',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      const chartPairs = scope.source === 'helm-env-vars' ? pairsTheChartSets(doc, scope) : [];
      for (const pair of CERT_KEY_PAIRS) {
        // envVars merge over the chart's own env, so overriding one half of a chart-set pair is fine.
        if (chartPairs.includes(pair.cert)) continue;
        const cert = setOccurrence(scope, pair.cert);
        const key = setOccurrence(scope, pair.key);
        if ((cert === undefined) === (key === undefined)) continue;
        const present = (cert ?? key) as SettingOccurrence;
        ctx.report({ range: present.range, message: message(scope, pair, cert !== undefined) });
      }
    }
  },
};

/** Cert settings whose pair the kuma chart renders itself for this values document (reference §2.1, §2.2). */
function pairsTheChartSets(doc: LintDocument, scope: SettingScope): string[] {
  const values = scope.yamlDoc ?? documentAt(doc, scope.range.start.line);
  const file = doc.yaml;
  const pairs = ['KUMA_GENERAL_TLS_CERT_FILE'];
  if (!values || !file) return pairs;
  const secretSet = (channel: string) => isSet(file.getNode(values, ['controlPlane', 'tls', channel, 'secretName']));
  if (secretSet('apiServer')) pairs.push('KUMA_API_SERVER_HTTPS_TLS_CERT_FILE');
  if (secretSet('kdsGlobalServer')) pairs.push('KUMA_MULTIZONE_GLOBAL_KDS_TLS_CERT_FILE');
  return pairs;
}

/** The occurrence when it is set to something (an unknowable value counts as set). */
function setOccurrence(scope: SettingScope, env: string): SettingOccurrence | undefined {
  const occurrence = findSetting(scope, env);
  if (!occurrence) return undefined;
  return !occurrence.known || occurrence.value.trim() !== '' ? occurrence : undefined;
}

function message(scope: SettingScope, pair: CertKeyPair, certIsSet: boolean): string {
  const name = (env: string): string => {
    const setting = settingByEnv(env);
    return setting ? nameInScope(scope, setting) : env;
  };
  const [present, missing] = certIsSet ? [name(pair.cert), name(pair.key)] : [name(pair.key), name(pair.cert)];
  const startupError = pair.startupErrors && (certIsSet ? pair.startupErrors.certOnly : pair.startupErrors.keyOnly);
  const consequence = startupError
    ? `${scope.component === 'kuma-dp' ? 'kuma-dp' : 'kuma-cp'} refuses to start: "${startupError}".`
    : certIsSet
      ? 'the server cannot load a certificate without its private key.'
      : 'the key is silently replaced by the general certificate\'s pair, so your key is never used.';
  return `${present} is set without ${missing}: ${consequence} Set both, pointing at the certificate and its private key, or neither.`;
}
