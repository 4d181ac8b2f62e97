import { LintDocument } from '../../model/document';
import { isTrue } from '../../model/yaml';
import { Rule, RuleContext } from '../../rule';
import { commandFlags } from './command-flags';
import { kumactlPlanes } from './kumactl-planes';
import { isFalseValue, isTrueValue, resolvedOccurrences, writtenName } from './resolve';
import { echo } from '../../../pki/redact';

const SKIP_VERIFY_SETTINGS: Readonly<Record<string, string>> = {
  KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY: 'the zone control plane accepts any certificate from the global control plane',
  KUMA_CONTROL_PLANE_TLS_SKIP_VERIFY: 'kuma-dp accepts any certificate from the control plane, which then hands it its xDS configuration',
};

const MITM = 'so anyone on the network path can impersonate it (man-in-the-middle)';

export const tlsVerifyDisabled: Rule = {
  id: 'tls-verify-disabled',
  defaultSeverity: 'warning',
  summary: 'TLS certificate verification is turned off for a Kuma connection.',
  description: 'Skipping verification keeps the connection encrypted but not authenticated. Give the client the CA instead: KUMA_MULTIZONE_ZONE_KDS_ROOT_CA_FILE / controlPlane.tls.kdsZoneClient.secretName for zones, KUMA_CONTROL_PLANE_CA_CERT_FILE / --ca-cert-file for kuma-dp and kumactl.',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      for (const { occurrence, setting } of resolvedOccurrences(scope)) {
        const consequence = SKIP_VERIFY_SETTINGS[setting.env];
        if (!consequence || !occurrence.known || !isTrueValue(occurrence.value)) continue;
        ctx.report({
          range: occurrence.range,
          message: `${writtenName(occurrence)}=true turns off certificate verification: ${consequence}, ${MITM}. ${remedyFor(setting.env)}`,
        });
      }
    }
    checkHelmValues(doc, ctx);
    checkKumactlConfigs(doc, ctx);
    for (const flag of commandFlags(doc, ['--skip-verify'])) {
      if (isFalseValue(flag.value)) continue;
      ctx.report({
        range: flag.range,
        message: `--skip-verify turns off verification of the control plane's certificate: ${flag.program} accepts any server, ${MITM}. Pass the CA with --ca-cert-file instead.`,
      });
    }
  },
};

function remedyFor(env: string): string {
  return env === 'KUMA_CONTROL_PLANE_TLS_SKIP_VERIFY'
    ? 'Give kuma-dp the CA instead (KUMA_CONTROL_PLANE_CA_CERT_FILE or --ca-cert-file).'
    : 'Give the zone the global CA instead (KUMA_MULTIZONE_ZONE_KDS_ROOT_CA_FILE, or controlPlane.tls.kdsZoneClient.secretName with Helm).';
}

function checkHelmValues(doc: LintDocument, ctx: RuleContext): void {
  for (const { doc: values } of doc.helmValues) {
    const skipVerify = doc.yaml!.get(values, ['controlPlane', 'tls', 'kdsZoneClient', 'skipVerify']);
    if (!skipVerify || !isTrue(skipVerify.value)) continue;
    ctx.report({
      range: skipVerify.range,
      message: `controlPlane.tls.kdsZoneClient.skipVerify: true turns off verification of the global control plane's certificate: the zone accepts any KDS server, ${MITM}. Provide the global CA with controlPlane.tls.kdsZoneClient.secretName (a Secret with ca.crt) instead.`,
    });
  }
}

function checkKumactlConfigs(doc: LintDocument, ctx: RuleContext): void {
  for (const plane of kumactlPlanes(doc)) {
    const skipVerify = plane.apiServer('skipVerify');
    if (!skipVerify || !isTrue(skipVerify.value)) continue;
    ctx.report({
      range: skipVerify.range,
      message: `skipVerify: true makes kumactl accept any certificate from the API server of control plane "${echo(plane.name)}", ${MITM}, and it would receive your admin token. Set caCertFile to the CA instead (kumactl config control-planes add --ca-cert-file).`,
    });
  }
}
