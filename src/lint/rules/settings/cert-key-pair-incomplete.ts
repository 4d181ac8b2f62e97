import { CERT_KEY_PAIRS, CertKeyPair, settingByEnv } from '../../../kuma';
import { SettingOccurrence, SettingScope } from '../../model/settings';
import { Rule } from '../../rule';
import { findSetting, nameInScope } from './resolve';

export const certKeyPairIncomplete: Rule = {
  id: 'cert-key-pair-incomplete',
  defaultSeverity: 'error',
  summary: 'A TLS certificate file setting without its key file setting, or the reverse.',
  description: 'Each Kuma server needs its certificate and private key together. kuma-cp refuses to start with only one of general, API-server or KDS pair set; for the others the server fails when it loads the pair, or silently pairs your certificate with the general key.',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      for (const pair of CERT_KEY_PAIRS) {
        // The chart always sets the general pair itself; envVars only override one half of it.
        if (scope.source === 'helm-env-vars' && pair.cert === 'KUMA_GENERAL_TLS_CERT_FILE') continue;
        const cert = setOccurrence(scope, pair.cert);
        const key = setOccurrence(scope, pair.key);
        if ((cert === undefined) === (key === undefined)) continue;
        const present = (cert ?? key) as SettingOccurrence;
        ctx.report({ range: present.range, message: message(scope, pair, cert !== undefined) });
      }
    }
  },
};

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
  const certName = name(pair.cert);
  const keyName = name(pair.key);
  const [present, missing] = certIsSet ? [certName, keyName] : [keyName, certName];
  const consequence = pair.startupError
    ? `kuma-cp refuses to start: "${pair.startupError}".`
    : 'the server cannot load a certificate without its key (or pairs it with the general one).';
  return `${present} is set without ${missing}: ${consequence} Set both, pointing at the certificate and its private key, or neither.`;
}
