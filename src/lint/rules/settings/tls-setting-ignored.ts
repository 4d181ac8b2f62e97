import { GENERAL_TLS_MIN_VERSION, NEVER_APPLIED_SETTINGS, PER_SERVER_TLS_MIN_VERSIONS, settingByEnv, TLS_VERSIONS } from '../../../kuma';
import { Rule } from '../../rule';
import { Fix } from '../../types';
import { findSetting, nameInScope, resolvedOccurrences, shown, writtenName } from './resolve';
import { renameFix } from './setting-edits';

export const tlsSettingIgnored: Rule = {
  id: 'tls-setting-ignored',
  defaultSeverity: 'warning',
  summary: 'A TLS setting kuma-cp overwrites or never applies.',
  description:
    'When KUMA_GENERAL_TLS_MIN_VERSION is non-empty (its default is TLSv1_2) kuma-cp copies it over every server\'s own *_TLS_MIN_VERSION at startup, so a per-server minimum only works when the general one is cleared or set instead. KUMA_API_SERVER_HTTPS_TLS_MAX_VERSION is validated but never applied by the API server.',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      const general = findSetting(scope, GENERAL_TLS_MIN_VERSION);
      if (general && !general.known) continue;
      const generalValue = general ? general.value.trim() : settingByEnv(GENERAL_TLS_MIN_VERSION)?.defaultValue ?? '';
      const generalName = nameInScope(scope, settingByEnv(GENERAL_TLS_MIN_VERSION)!);
      for (const { occurrence, setting } of resolvedOccurrences(scope)) {
        if (NEVER_APPLIED_SETTINGS.includes(setting.env) && occurrence.value.trim() !== '') {
          ctx.report({
            range: occurrence.range,
            message: `${writtenName(occurrence)} has no effect: kuma-cp validates it but never applies it to the HTTPS API server's TLS configuration. Remove it; to cap the TLS version of every server use ${nameInScope(scope, settingByEnv('KUMA_GENERAL_TLS_MAX_VERSION')!)}.`,
          });
          continue;
        }
        if (!PER_SERVER_TLS_MIN_VERSIONS.includes(setting.env) || !occurrence.known) continue;
        const value = occurrence.value.trim();
        // An invalid version is tls-version-invalid's finding; this rule only speaks about valid ones.
        if (!TLS_VERSIONS.includes(value) || generalValue === '' || value === generalValue) continue;
        const fixes: Fix[] = [];
        if (!general && occurrence.envName !== null) {
          fixes.push(renameFix(doc, `Set ${GENERAL_TLS_MIN_VERSION} instead (applies to every kuma-cp server)`, occurrence, GENERAL_TLS_MIN_VERSION, true));
        }
        ctx.report({
          range: occurrence.range,
          message: `${writtenName(occurrence)}=${shown(value)} has no effect: kuma-cp overwrites every server's TLS minimum with ${generalName} (${general ? `set to ${generalValue}` : `default ${generalValue}`}) when that is non-empty. Set ${generalName} to ${shown(value)} instead, or set it to an empty value so per-server minimums apply.`,
          fixes,
        });
      }
    }
  },
};
