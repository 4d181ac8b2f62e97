import { settingByEnv } from '../../../kuma';
import { Rule } from '../../rule';
import { Fix } from '../../types';
import { findSetting, isFalseValue, isTrueValue, nameInScope, writtenName } from './resolve';
import { addSettingFix, replaceValueFix } from './setting-edits';

const GENERAL_CERT = 'KUMA_GENERAL_TLS_CERT_FILE';
const MADS_ENABLED = 'KUMA_MONITORING_ASSIGNMENT_SERVER_ENABLED';
const MADS_TLS = 'KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED';

export const madsTlsDisabled: Rule = {
  id: 'mads-tls-disabled',
  defaultSeverity: 'info',
  summary: 'The monitoring assignment server (MADS) runs without TLS although the control plane has a certificate.',
  description: 'MADS (port 5676) tells Prometheus which data plane proxies to scrape. It is plaintext unless KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED=true, even when the control plane is given a certificate for all its other servers.',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      // Only a control plane that serves: not kuma-dp, not an init container such as `migration` (kuma-cp migrate up).
      if (scope.component === 'kuma-dp' || scope.runs === 'other') continue;
      const general = findSetting(scope, GENERAL_CERT);
      if (!general || (general.known && general.value.trim() === '')) continue;
      const enabled = findSetting(scope, MADS_ENABLED);
      if (enabled && (!enabled.known || isFalseValue(enabled.value))) continue;
      const tls = findSetting(scope, MADS_TLS);
      if (tls && (!tls.known || isTrueValue(tls.value))) continue;
      const tlsName = nameInScope(scope, settingByEnv(MADS_TLS)!);
      const title = `Serve MADS over TLS (${tlsName}=true)`;
      const fix: Fix | undefined = tls
        ? replaceValueFix(doc, title, tls, 'true', true)
        : addSettingFix(doc, scope, settingByEnv(MADS_TLS)!, 'true', title, true);
      const anchor = tls ?? enabled ?? general;
      ctx.report({
        range: anchor.range,
        message: `${writtenName(general)} gives kuma-cp a certificate, but the monitoring assignment server (MADS, port 5676) still serves Prometheus in clear text because ${tlsName} is ${tls ? 'false' : 'not set (default false)'}. Set ${tlsName}=true (Prometheus then needs the CA) or disable MADS if you do not use it.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};
