import { isScalar } from 'yaml';
import { CommandValue } from '../../model/commands';
import { LintDocument } from '../../model/document';
import { isTrue, scalarString } from '../../model/yaml';
import { controlPlaneContext } from '../../crossfile/control-plane';
import { helmValuesOf } from '../../crossfile/values';
import { Rule, RuleContext } from '../../rule';
import { Span } from '../../types';
import { commandFlags, CommandFlag, optionBeside } from './command-flags';
import { kumactlPlanes } from './kumactl-planes';
import { findSetting, isLoopbackHost, isParsedTrue, resolvedOccurrences, SeverityReport, writtenName } from './resolve';
import { echo } from '../../../pki/redact';

/** Each skip-verify setting, what it exposes, and the address setting of the connection it weakens. */
const SKIP_VERIFY_SETTINGS: Readonly<Record<string, { consequence: string; address: string }>> = {
  KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY: { consequence: 'the zone control plane accepts any certificate from the global control plane', address: 'KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS' },
  KUMA_CONTROL_PLANE_TLS_SKIP_VERIFY: { consequence: 'kuma-dp accepts any certificate from the control plane, which then hands it its xDS configuration', address: 'KUMA_CONTROL_PLANE_URL' },
};

const MITM = 'so anyone on the network path can impersonate it (man-in-the-middle)';

export const tlsVerifyDisabled: Rule = {
  id: 'tls-verify-disabled',
  defaultSeverity: 'warning',
  summary: 'TLS certificate verification is turned off for a Kuma connection.',
  description: 'Skipping verification keeps the connection encrypted but not authenticated. Give the client the CA instead: KUMA_MULTIZONE_ZONE_KDS_ROOT_CA_FILE / controlPlane.tls.kdsZoneClient.secretName for zones, KUMA_CONTROL_PLANE_CA_CERT_FILE / --ca-cert-file for kuma-dp and kumactl. Not reported where there is no TLS to verify (http://, grpc://: an info that it has no effect) or the server is on the same machine (loopback).',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      for (const { occurrence, setting } of resolvedOccurrences(scope)) {
        const skip = SKIP_VERIFY_SETTINGS[setting.env];
        if (!skip || !occurrence.known || !isParsedTrue(occurrence.value)) continue;
        const address = findSetting(scope, skip.address);
        const what = `${writtenName(occurrence)}=${echo(occurrence.value.trim())}`;
        report(ctx, occurrence.range, address?.known ? address.value : null, what, `${what} turns off certificate verification: ${skip.consequence}, ${MITM}. ${remedyFor(setting.env)}`);
      }
    }
    checkHelmValues(doc, ctx);
    checkKumactlConfigs(doc, ctx);
    for (const flag of commandFlags(doc, ['--skip-verify'])) {
      if (flag.value !== '' && (flag.dynamic || !isParsedTrue(flag.value))) continue;
      const address = addressOf(doc, flag);
      report(ctx, flag.range, address && !address.dynamic ? address.value : null, '--skip-verify', `--skip-verify turns off verification of the control plane's certificate: ${flag.program} accepts any server, ${MITM}. Pass the CA with --ca-cert-file instead.`);
    }
  },
};

/** The address a `--skip-verify` applies to: `--cp-address` (kuma-dp), `--address` (kumactl), or a `KUMA_CONTROL_PLANE_URL=` prefix. */
function addressOf(doc: LintDocument, flag: CommandFlag): CommandValue | null {
  const option = optionBeside(doc, flag, flag.program === 'kuma-dp' ? '--cp-address' : '--address');
  if (option || flag.program !== 'kuma-dp') return option;
  for (const command of doc.commands) {
    if (command.kind === 'program' && command.options.some((o) => o.range === flag.range)) return command.env.find((e) => e.key === 'KUMA_CONTROL_PLANE_URL')?.value ?? null;
  }
  return null;
}

/**
 * Reports unless the connection has nothing to verify: a plaintext scheme makes the setting an
 * info that it has no effect (plaintext-address reports the scheme), a loopback host no finding.
 * An address that cannot be known counts as remote.
 */
function report(ctx: RuleContext, range: Span, address: string | null, what: string, message: string): void {
  const target = address === null ? null : parseAddress(address);
  if (target && isLoopbackHost(target.host)) return;
  if (target && (target.scheme === 'http' || target.scheme === 'grpc')) {
    const info: SeverityReport = {
      range,
      message: `${what} has no effect: the connection uses ${target.scheme}://, so there is no TLS and no certificate to verify. Use ${target.scheme}s:// with the server's CA, then leave verification on.`,
      severity: 'info',
    };
    ctx.report(info);
    return;
  }
  ctx.report({ range, message });
}

function parseAddress(address: string): { scheme: string; host: string } | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/:?#\s]*)/i.exec(address.trim());
  return m ? { scheme: m[1].toLowerCase(), host: m[2] } : null;
}

function remedyFor(env: string): string {
  return env === 'KUMA_CONTROL_PLANE_TLS_SKIP_VERIFY'
    ? 'Give kuma-dp the CA instead (KUMA_CONTROL_PLANE_CA_CERT_FILE or --ca-cert-file).'
    : 'Give the zone the global CA instead (KUMA_MULTIZONE_ZONE_KDS_ROOT_CA_FILE, or controlPlane.tls.kdsZoneClient.secretName with Helm).';
}

function checkHelmValues(doc: LintDocument, ctx: RuleContext): void {
  for (const values of helmValuesOf(doc, controlPlaneContext(ctx))) {
    const skipVerify = values.get(['controlPlane', 'tls', 'kdsZoneClient', 'skipVerify']);
    if (!skipVerify || !skipVerify.isTrue || skipVerify.path !== doc.path) continue;
    const address = values.get(['controlPlane', 'kdsGlobalAddress']);
    const written = skipVerify.origin === 'command' ? `controlPlane.tls.kdsZoneClient.skipVerify=${echo(skipVerify.text ?? '')}` : 'controlPlane.tls.kdsZoneClient.skipVerify: true';
    report(
      ctx,
      skipVerify.range,
      address?.known && address.text ? address.text : null,
      written,
      `${written} turns off verification of the global control plane's certificate: the zone accepts any KDS server, ${MITM}. Provide the global CA with controlPlane.tls.kdsZoneClient.secretName (a Secret with ca.crt) instead.`,
    );
  }
}

function checkKumactlConfigs(doc: LintDocument, ctx: RuleContext): void {
  for (const plane of kumactlPlanes(doc)) {
    const skipVerify = plane.apiServer('skipVerify');
    if (!skipVerify || !isTrue(skipVerify.value)) continue;
    const url = plane.apiServer('url');
    const address = url?.value && isScalar(url.value) ? scalarString(url.value) : null;
    report(
      ctx,
      skipVerify.range,
      address,
      'skipVerify: true',
      `skipVerify: true makes kumactl accept any certificate from the API server of control plane "${echo(plane.name)}", ${MITM}, and it would receive your admin token. Set caCertFile to the CA instead (kumactl config control-planes add --ca-cert-file).`,
    );
  }
}
