import { replaceFix } from '../fixes';
import { isSet, isTrue } from '../model/yaml';
import { Rule } from '../rule';

export const certManagerConflict: Rule = {
  id: 'cert-manager-conflict',
  defaultSeverity: 'error',
  summary: 'controlPlane.tls.general.certManager.enabled together with secretName or caBundle.',
  kinds: ['helm-values'],
  check(doc, ctx) {
    const yaml = doc.yaml;
    if (!yaml) return;
    for (const { doc: d } of doc.helmValues) {
      const enabled = yaml.get(d, ['controlPlane', 'tls', 'general', 'certManager', 'enabled']);
      if (!enabled || !isTrue(enabled.value)) continue;
      for (const key of ['secretName', 'caBundle']) {
        const entry = yaml.get(d, ['controlPlane', 'tls', 'general', key]);
        if (!entry || !isSet(entry.value)) continue;
        ctx.report({
          range: entry.range,
          message: `controlPlane.tls.general.${key} is set while certManager.enabled is true: the chart fails with "When controlPlane.tls.general.certManager.enabled is true, secretName and caBundle must be empty" (cert-manager creates the Secret and injects the CA). Clear ${key}, or disable cert-manager.`,
          related: [{ path: doc.path, range: enabled.range, message: 'cert-manager integration enabled here' }],
          fixes: [replaceFix(doc, `Clear ${key} (cert-manager provides it)`, entry.valueRange, '""', true)],
        });
      }
    }
  },
};
