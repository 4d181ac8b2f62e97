import { DP_CA_CERT_NOT_PEM_ERROR } from '../../../kuma';
import { Rule } from '../../rule';
import { Fix } from '../../types';
import { findSetting, resolvedOccurrences, writtenName } from './resolve';
import { renameFix } from './setting-edits';

const CA_CERT = 'KUMA_CONTROL_PLANE_CA_CERT';
const CA_CERT_FILE = 'KUMA_CONTROL_PLANE_CA_CERT_FILE';

export const caCertNotPem: Rule = {
  id: 'ca-cert-not-pem',
  defaultSeverity: 'error',
  summary: 'KUMA_CONTROL_PLANE_CA_CERT holds a path or anything else but PEM.',
  description: 'kuma-dp takes KUMA_CONTROL_PLANE_CA_CERT as the PEM text of the control plane\'s CA, not as a path; anything else fails the bootstrap with "could not add certificate" (kumahq/kuma#1462). A path belongs in KUMA_CONTROL_PLANE_CA_CERT_FILE.',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      for (const { occurrence, setting } of resolvedOccurrences(scope)) {
        if (setting.env !== CA_CERT || !occurrence.known) continue;
        const value = occurrence.value.trim();
        // PEM of the wrong type or with a broken body is the PEM rules' business.
        if (value === '' || value.includes('-----BEGIN ')) continue;
        const looksLikePath = isPathLike(value);
        const fixes: Fix[] = [];
        if (looksLikePath && occurrence.envName !== null && !findSetting(scope, CA_CERT_FILE)) {
          fixes.push(renameFix(doc, `Move the path to ${CA_CERT_FILE}`, occurrence, CA_CERT_FILE, true));
        }
        const what = looksLikePath ? 'a file path' : value.startsWith('LS0t') ? 'base64-encoded PEM' : 'not PEM';
        const remedy = looksLikePath
          ? `Pass the path as ${CA_CERT_FILE} (or --ca-cert-file) instead.`
          : `Put the CA certificate's PEM text here (-----BEGIN CERTIFICATE-----…), or its path in ${CA_CERT_FILE}.`;
        ctx.report({
          range: occurrence.valueRange,
          message: `${writtenName(occurrence)} is ${what}, but kuma-dp reads it as the CA certificate's PEM content, so the bootstrap fails with "${DP_CA_CERT_NOT_PEM_ERROR}". ${remedy}`,
          fixes,
        });
      }
    }
  },
};

function isPathLike(value: string): boolean {
  return !/\s/.test(value) && (value.includes('/') || value.includes('\\') || /\.(pem|crt|cer|ca-bundle)$/i.test(value));
}
