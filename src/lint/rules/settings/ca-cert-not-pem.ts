import { DP_CA_CERT_NOT_PEM_ERROR } from '../../../kuma';
import { isScalar } from 'yaml';
import { replaceFix } from '../../fixes';
import { controlPlaneCaCert } from '../../model/helm';
import { hasShellSubstitution } from '../../model/settings';
import { scalarString } from '../../model/yaml';
import { Rule } from '../../rule';
import { Fix } from '../../types';
import { findSetting, resolvedOccurrences, writtenName } from './resolve';
import { renameFix } from './setting-edits';

const CA_CERT = 'KUMA_CONTROL_PLANE_CA_CERT';
const CA_CERT_FILE = 'KUMA_CONTROL_PLANE_CA_CERT_FILE';

export const caCertNotPem: Rule = {
  id: 'ca-cert-not-pem',
  defaultSeverity: 'error',
  summary: 'KUMA_CONTROL_PLANE_CA_CERT (or kuma-dp\'s controlPlane.caCert) holds a path or anything else but PEM.',
  description: 'kuma-dp takes KUMA_CONTROL_PLANE_CA_CERT (YAML: controlPlane.caCert) as the PEM text of the control plane\'s CA, not as a path; anything else fails the bootstrap with "could not add certificate" (kumahq/kuma#1462). A path belongs in KUMA_CONTROL_PLANE_CA_CERT_FILE (controlPlane.caCertFile).',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      for (const { occurrence, setting } of resolvedOccurrences(scope)) {
        if (setting.env !== CA_CERT || !occurrence.known) continue;
        const problem = notPem(occurrence.value);
        if (!problem) continue;
        const fixes: Fix[] = [];
        if (problem === 'a file path' && occurrence.envName !== null && !findSetting(scope, CA_CERT_FILE)) {
          fixes.push(renameFix(doc, `Move the path to ${CA_CERT_FILE}`, occurrence, CA_CERT_FILE, true));
        }
        ctx.report({ range: occurrence.valueRange, message: message(writtenName(occurrence), problem, CA_CERT_FILE), fixes });
      }
    }
    const yaml = doc.yaml;
    for (const { doc: d } of yaml ? doc.helmValues : []) {
      const entry = controlPlaneCaCert(yaml!, d);
      if (!entry || !isScalar(entry.value) || !entry.key?.range) continue;
      const value = scalarString(entry.value);
      const problem = hasShellSubstitution(value) ? null : notPem(value);
      if (!problem) continue;
      const fixes: Fix[] = [];
      if (problem === 'a file path' && !yaml!.get(d, ['controlPlane', 'caCertFile'])) {
        fixes.push(replaceFix(doc, 'Move the path to controlPlane.caCertFile', entry.keyRange!, 'caCertFile', true));
      }
      ctx.report({ range: entry.valueRange, message: message('controlPlane.caCert', problem, 'controlPlane.caCertFile'), fixes });
    }
  },
};

type NotPem = 'a file path' | 'base64-encoded PEM' | 'not PEM';

/** What is wrong with a CA-certificate value, or null when it is PEM (or empty). */
function notPem(raw: string): NotPem | null {
  const value = raw.trim();
  // PEM of the wrong type or with a broken body is the PEM rules' business.
  if (value === '' || value.includes('-----BEGIN ')) return null;
  return isPathLike(value) ? 'a file path' : value.startsWith('LS0t') ? 'base64-encoded PEM' : 'not PEM';
}

function message(name: string, problem: NotPem, fileSetting: string): string {
  const remedy =
    problem === 'a file path'
      ? `Pass the path as ${fileSetting} (or --ca-cert-file) instead.`
      : `Put the CA certificate's PEM text here (-----BEGIN CERTIFICATE-----…), or its path in ${fileSetting}.`;
  return `${name} is ${problem}, but kuma-dp reads it as the CA certificate's PEM content, so the bootstrap fails with "${DP_CA_CERT_NOT_PEM_ERROR}". ${remedy}`;
}

function isPathLike(value: string): boolean {
  return !/\s/.test(value) && (value.includes('/') || value.includes('\\') || /\.(pem|crt|cer|ca-bundle)$/i.test(value));
}
