import { controlPlaneContext } from '../crossfile/control-plane';
import { helmValuesOf } from '../crossfile/values';
import { replaceValueEntryFix } from '../fixes';
import { Rule } from '../rule';

export const certManagerConflict: Rule = {
  id: 'cert-manager-conflict',
  defaultSeverity: 'error',
  summary: 'controlPlane.tls.general.certManager.enabled together with secretName or caBundle.',
  kinds: ['helm-values', 'shell', 'markdown'],
  check(doc, ctx) {
    for (const values of helmValuesOf(doc, controlPlaneContext(ctx))) {
      const enabled = values.get(['controlPlane', 'tls', 'general', 'certManager', 'enabled']);
      if (!enabled || !enabled.isTrue) continue;
      for (const key of ['secretName', 'caBundle']) {
        const entry = values.get(['controlPlane', 'tls', 'general', key]);
        if (!entry || !entry.isSet || entry.path !== doc.path) continue;
        ctx.report({
          range: entry.range,
          message: `controlPlane.tls.general.${key} is set while certManager.enabled is true: the chart fails with "When controlPlane.tls.general.certManager.enabled is true, secretName and caBundle must be empty" (cert-manager creates the Secret and injects the CA). Clear ${key}, or disable cert-manager.`,
          related: [{ path: enabled.path, range: enabled.range, message: 'cert-manager integration enabled here' }],
          fixes: [replaceValueEntryFix(doc, `Clear ${key} (cert-manager provides it)`, entry, '', true)],
        });
      }
    }
  },
};
