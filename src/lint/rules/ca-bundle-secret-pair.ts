import { isSet, isTrue } from '../model/yaml';
import { Rule } from '../rule';

export const caBundleSecretPair: Rule = {
  id: 'ca-bundle-secret-pair',
  defaultSeverity: 'error',
  summary: 'Exactly one of controlPlane.tls.general.secretName and caBundle is set.',
  kinds: ['helm-values'],
  check(doc, ctx) {
    const yaml = doc.yaml;
    if (!yaml) return;
    for (const { doc: d } of doc.helmValues) {
      const secretName = yaml.get(d, ['controlPlane', 'tls', 'general', 'secretName']);
      const caBundle = yaml.get(d, ['controlPlane', 'tls', 'general', 'caBundle']);
      const hasSecret = isSet(secretName?.value ?? null);
      const hasBundle = isSet(caBundle?.value ?? null);
      // With cert-manager on, the chart fails on cert-manager-conflict first; that rule reports it.
      if (hasSecret === hasBundle || isTrue(yaml.getNode(d, ['controlPlane', 'tls', 'general', 'certManager', 'enabled']))) continue;
      const chart = 'the chart fails with "You need to send both or neither of controlPlane.tls.general.caBundle and controlPlane.tls.general.secretName"';
      if (hasSecret && secretName) {
        ctx.report({
          range: secretName.range,
          message: `controlPlane.tls.general.secretName is set without caBundle: ${chart}. Add caBundle: the one-line base64 of the Secret's ca.crt (base64 -w0 < ca.crt); caSecretName does not count.`,
        });
      } else if (caBundle) {
        ctx.report({
          range: caBundle.range,
          message: `controlPlane.tls.general.caBundle is set without secretName: ${chart}. Set secretName to the Secret holding tls.crt, tls.key and ca.crt, or remove caBundle.`,
        });
      }
    }
  },
};
