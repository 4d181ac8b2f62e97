import { controlPlaneContext } from '../crossfile/control-plane';
import { helmValuesOf } from '../crossfile/values';
import { Rule } from '../rule';

const GENERAL = ['controlPlane', 'tls', 'general'];

export const caBundleSecretPair: Rule = {
  id: 'ca-bundle-secret-pair',
  defaultSeverity: 'error',
  summary: 'Exactly one of controlPlane.tls.general.secretName and caBundle is set.',
  kinds: ['helm-values', 'shell', 'markdown'],
  check(doc, ctx) {
    for (const values of helmValuesOf(doc, controlPlaneContext(ctx))) {
      const secretName = values.get([...GENERAL, 'secretName']);
      const caBundle = values.get([...GENERAL, 'caBundle']);
      const hasSecret = secretName?.isSet ?? false;
      const hasBundle = caBundle?.isSet ?? false;
      // With cert-manager on, the chart fails on cert-manager-conflict first; that rule reports it.
      if (hasSecret === hasBundle || values.get([...GENERAL, 'certManager', 'enabled'])?.isTrue) continue;
      // The other half may be in values this view cannot see (an -f file outside the workspace).
      if (values.partial) continue;
      const present = hasSecret ? secretName! : caBundle!;
      if (present.path !== doc.path) continue;
      const chart = 'the chart fails with "You need to send both or neither of controlPlane.tls.general.caBundle and controlPlane.tls.general.secretName"';
      ctx.report({
        range: present.range,
        message: hasSecret
          ? `controlPlane.tls.general.secretName is set without caBundle: ${chart}. Add caBundle: the one-line base64 of the Secret's ca.crt (base64 -w0 < ca.crt); caSecretName does not count.`
          : `controlPlane.tls.general.caBundle is set without secretName: ${chart}. Set secretName to the Secret holding tls.crt, tls.key and ca.crt, or remove caBundle.`,
      });
    }
  },
};
