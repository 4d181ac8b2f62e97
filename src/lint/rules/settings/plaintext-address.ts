import { isScalar } from 'yaml';
import { PORT_HTTP_API, PORT_HTTPS_API } from '../../../kuma';
import { replaceValueEntryFix } from '../../fixes';
import { controlPlaneContext } from '../../crossfile/control-plane';
import { helmValuesOf } from '../../crossfile/values';
import { LintDocument } from '../../model/document';
import { Rule, RuleContext } from '../../rule';
import { Fix, Span } from '../../types';
import { commandFlags } from './command-flags';
import { kumactlPlanes } from './kumactl-planes';
import { scalarString } from '../../model/yaml';
import { isLoopbackHost, resolvedOccurrences, shown, writtenName } from './resolve';
import { replaceValueFix } from './setting-edits';
import { echo } from '../../../pki/redact';

export const plaintextAddress: Rule = {
  id: 'plaintext-address',
  defaultSeverity: 'warning',
  summary: 'A Kuma address without TLS (grpc://, http:// to another host) or with a scheme that does not fit its port.',
  description: 'A zone that reaches the global control plane over grpc:// and a kuma-dp or kumactl that reaches the control plane over http:// send configuration and tokens in clear text. https:// to 5681 or http:// to 5682 fails outright: 5681 serves only plain HTTP, 5682 only HTTPS.',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      for (const { occurrence, setting } of resolvedOccurrences(scope)) {
        if (!occurrence.known) continue;
        const address = occurrence.value.trim();
        if (setting.env === 'KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS') {
          const fix = (title: string) => replaceValueFix(doc, title, occurrence, address.replace(/^grpc:/i, 'grpcs:'), true);
          checkKdsAddress(ctx, writtenName(occurrence), address, occurrence.valueRange, fix);
        } else if (setting.env === 'KUMA_CONTROL_PLANE_URL') {
          checkHttpAddress(ctx, writtenName(occurrence), address, occurrence.valueRange, 'kuma-dp');
        }
      }
    }
    checkHelmValues(doc, ctx);
    checkKumactlConfigs(doc, ctx);
    // kumactl install's --kds-global-address is a chart value: checkHelmValues sees it.
    for (const flag of commandFlags(doc, ['--cp-address', '--address'])) {
      if (flag.value === '' || flag.dynamic) continue;
      checkHttpAddress(ctx, flag.flag, flag.value, flag.valueRange, flag.program);
    }
  },
};

function checkKdsAddress(ctx: RuleContext, name: string, address: string, range: Span, fix: (title: string) => Fix): void {
  if (!/^grpc:\/\//i.test(address)) return;
  ctx.report({
    range,
    message: `${name} uses grpc://, so the zone syncs policies, secrets and tokens with the global control plane in clear text. Use grpcs://${shown(address.slice('grpc://'.length))} (the global KDS server serves TLS by default) and give the zone the global CA.`,
    fixes: [fix('Use grpcs://')],
  });
}

/** http:// to a remote host, or a scheme that does not match the API server port it names. */
function checkHttpAddress(ctx: RuleContext, name: string, address: string, range: Span, client: string): void {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return;
  }
  const port = url.port;
  if (url.protocol === 'https:' && port === String(PORT_HTTP_API)) {
    ctx.report({ range, message: `${name} speaks https:// to port ${PORT_HTTP_API}, which serves only plain HTTP, so the TLS handshake fails. Use https://${echo(url.hostname)}:${PORT_HTTPS_API} (the HTTPS API port).` });
    return;
  }
  if (url.protocol === 'http:' && port === String(PORT_HTTPS_API)) {
    ctx.report({ range, message: `${name} speaks http:// to port ${PORT_HTTPS_API}, which serves only HTTPS, so every request fails. Use https://${echo(url.hostname)}:${PORT_HTTPS_API}.` });
    return;
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    ctx.report({
      range,
      message: `${name} reaches the control plane at ${echo(url.host)} over plain http://, so ${client}'s traffic, including its token, crosses the network unencrypted and unauthenticated. Use https:// (port ${client === 'kuma-dp' ? '5678' : String(PORT_HTTPS_API)}) with the control plane's CA.`,
    });
  }
}

function checkHelmValues(doc: LintDocument, ctx: RuleContext): void {
  for (const values of helmValuesOf(doc, controlPlaneContext(ctx))) {
    const entry = values.get(['controlPlane', 'kdsGlobalAddress']);
    if (!entry || entry.path !== doc.path || !entry.known || entry.text === null) continue;
    const address = entry.text.trim();
    const name = entry.origin === 'command' ? echo(doc.text.slice(doc.lines.offset(entry.keyRange!.start), doc.lines.offset(entry.keyRange!.end))) : 'controlPlane.kdsGlobalAddress';
    checkKdsAddress(ctx, name, address, entry.valueRange, (title) => replaceValueEntryFix(doc, title, entry, address.replace(/^grpc:/i, 'grpcs:'), true));
  }
}

function checkKumactlConfigs(doc: LintDocument, ctx: RuleContext): void {
  for (const plane of kumactlPlanes(doc)) {
    const url = plane.apiServer('url');
    const value = url?.value && isScalar(url.value) ? scalarString(url.value).trim() : '';
    if (url && value) checkHttpAddress(ctx, 'coordinates.apiServer.url', value, url.valueRange, 'kumactl');
  }
}
