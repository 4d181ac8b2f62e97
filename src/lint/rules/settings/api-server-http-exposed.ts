import { isMap } from 'yaml';
import { EXTERNAL_SERVICE_TYPES, PORT_HTTP_API, PORT_HTTPS_API, settingByEnv } from '../../../kuma';
import { appendSetFix, insertLinesBeforeFix, replaceFix, replaceValueEntryFix } from '../../fixes';
import { controlPlaneContext } from '../../crossfile/control-plane';
import { helmValuesOf } from '../../crossfile/values';
import { HelmValues } from '../../model/values';
import { LintDocument } from '../../model/document';
import { SettingScope } from '../../model/settings';
import { Rule, RuleContext } from '../../rule';
import { Fix, Span } from '../../types';
import { findSetting, isFalseValue, isLoopbackHost, isTrueValue, nameInScope, SeverityReport, shown, writtenName } from './resolve';
import { addSettingFix, documentAt, replaceValueFix } from './setting-edits';

const HTTP_INTERFACE = 'KUMA_API_SERVER_HTTP_INTERFACE';
const HTTP_ENABLED = 'KUMA_API_SERVER_HTTP_ENABLED';
export const BIND_TITLE = 'Bind the HTTP API server to 127.0.0.1';
export const DISABLE_TITLE = 'Disable the HTTP API server';

const WHY =
  'The plain-HTTP API server (port 5681) has no TLS and, unless tokens are enforced, lets whoever reaches it read and change the mesh, including its CA';

export const apiServerHttpExposed: Rule = {
  id: 'api-server-http-exposed',
  defaultSeverity: 'warning',
  summary: 'The plain-HTTP API server (5681) listens beyond loopback or is published outside the cluster.',
  description:
    'kuma-cp serves its API and GUI over plain HTTP on 0.0.0.0:5681 by default, and the Helm chart does not change that. Kuma\'s docs recommend KUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1 or KUMA_API_SERVER_HTTP_ENABLED=false, and reaching the API over HTTPS (5682).',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      if (scope.component !== 'kuma-dp' && scope.runs !== 'other') checkScope(doc, ctx, scope);
    }
    for (const values of helmValuesOf(doc, controlPlaneContext(ctx))) checkHelmValues(doc, ctx, values);
  },
};

type HttpState = 'disabled' | 'loopback' | 'exposed' | 'unknown' | 'default';

function httpState(scope: SettingScope): HttpState {
  const enabled = findSetting(scope, HTTP_ENABLED);
  const iface = findSetting(scope, HTTP_INTERFACE);
  if (enabled && !enabled.known) return 'unknown';
  if (enabled && isFalseValue(enabled.value)) return 'disabled';
  if (iface && !iface.known) return 'unknown';
  if (iface && iface.value.trim() !== '') return isLoopbackHost(iface.value) ? 'loopback' : 'exposed';
  return 'default';
}

function scopeFixes(doc: LintDocument, scope: SettingScope): Fix[] {
  const iface = findSetting(scope, HTTP_INTERFACE);
  const enabled = findSetting(scope, HTTP_ENABLED);
  const bind = iface
    ? replaceValueFix(doc, BIND_TITLE, iface, '127.0.0.1', true)
    : addSettingFix(doc, scope, settingByEnv(HTTP_INTERFACE)!, '127.0.0.1', BIND_TITLE, true);
  const disable = enabled
    ? replaceValueFix(doc, DISABLE_TITLE, enabled, 'false')
    : addSettingFix(doc, scope, settingByEnv(HTTP_ENABLED)!, 'false', DISABLE_TITLE);
  return [bind, disable].filter((fix): fix is Fix => fix !== undefined);
}

function checkScope(doc: LintDocument, ctx: RuleContext, scope: SettingScope): void {
  const state = httpState(scope);
  if (scope.component === 'kuma-cp' && (state === 'default' || state === 'exposed')) checkPublishedPorts(doc, ctx, scope);
  const ifaceName = nameInScope(scope, settingByEnv(HTTP_INTERFACE)!);
  const enabledName = nameInScope(scope, settingByEnv(HTTP_ENABLED)!);
  const remedy = `Set ${ifaceName} to 127.0.0.1 (reach it through kubectl port-forward or SSH) or ${enabledName} to false, and use the HTTPS API on 5682.`;
  if (state === 'exposed') {
    const iface = findSetting(scope, HTTP_INTERFACE)!;
    ctx.report({
      range: iface.valueRange,
      message: `${writtenName(iface)}=${shown(iface.value)} exposes the plain-HTTP API server beyond this machine. ${WHY}. ${remedy}`,
      fixes: scopeFixes(doc, scope),
    });
    return;
  }
  if (state !== 'default') return;
  const enabled = findSetting(scope, HTTP_ENABLED);
  if (enabled && isTrueValue(enabled.value)) {
    ctx.report({
      range: enabled.range,
      message: `${writtenName(enabled)}=true turns on the plain-HTTP API server on its default interface 0.0.0.0, i.e. on every network interface. ${WHY}. ${remedy}`,
      fixes: scopeFixes(doc, scope),
    });
    return;
  }
  const isCpEnvFile = scope.source === 'env-file' && scope.component === 'kuma-cp';
  if (!isCpEnvFile && scope.source !== 'kuma-cp-config') return;
  // A fenced block in Markdown is an excerpt (UPGRADE.md shows the one key that changed), not the
  // whole configuration: what it leaves out says nothing about the interface.
  if (doc.format === 'markdown') return;
  const report: SeverityReport = {
    range: scope.source === 'kuma-cp-config' ? firstKeyRange(doc, scope) : scope.occurrences[0].range,
    message: `This kuma-cp configuration leaves the plain-HTTP API server on its default interface 0.0.0.0:${PORT_HTTP_API}. ${WHY}. ${remedy}`,
    fixes: scopeFixes(doc, scope),
    severity: 'info',
  };
  ctx.report(report);
}

/**
 * A compose service running kuma-cp whose `ports:` publish 5681 on an address beyond loopback
 * (no host address means every interface). Inside the container kuma-cp listens on 0.0.0.0 unless
 * told otherwise, so the port reaches it.
 */
function checkPublishedPorts(doc: LintDocument, ctx: RuleContext, scope: SettingScope): void {
  for (const port of scope.ports ?? []) {
    if (!port.known || port.target[0] > PORT_HTTP_API || port.target[1] < PORT_HTTP_API) continue;
    if (port.hostIp !== '' && isLoopbackHost(port.hostIp)) continue;
    const where = port.hostIp === '' ? 'on every interface of the host' : `on ${shown(port.hostIp)}`;
    const short = port.shortValue;
    // Short syntax without a host address: prefix one. With a routable address, replace it.
    const bound = short ? (port.hostIp === '' ? `127.0.0.1:${short.text.trim()}` : short.text.trim().replace(/^\[[^\]]*\]|^[^:]+/, '127.0.0.1')) : null;
    const quote = short?.quote ?? '"';
    ctx.report({
      range: port.range,
      message: `The ${scope.label} runs kuma-cp and publishes its plain-HTTP API server (port ${PORT_HTTP_API}) ${where}. ${WHY}. Publish it on 127.0.0.1 only ("127.0.0.1:${PORT_HTTP_API}:${PORT_HTTP_API}"), or drop it and publish the HTTPS API (${PORT_HTTPS_API}).`,
      fixes: short && bound ? [replaceFix(doc, `Publish port ${PORT_HTTP_API} on 127.0.0.1 only`, short.range, `${quote}${bound}${quote}`, true)] : [],
    });
  }
}

function firstKeyRange(doc: LintDocument, scope: SettingScope): Span {
  const yamlDoc = documentAt(doc, scope.range.start.line);
  const root = yamlDoc?.root;
  if (doc.yaml && yamlDoc && root && isMap(root)) {
    const first = doc.yaml.entries(yamlDoc, root)[0];
    if (first?.keyRange) return first.keyRange;
  }
  return scope.range;
}

function checkHelmValues(doc: LintDocument, ctx: RuleContext, values: HelmValues): void {
  // envVars that bind HTTP to loopback or turn it off make the published port harmless.
  const envVars = doc.settings.find(
    (scope) => scope.source === 'helm-env-vars' && (values.command ? scope.command === values.command : scope.yamlDoc === values.yamlDoc),
  );
  const state = envVars ? httpState(envVars) : 'default';
  if (state !== 'default' && state !== 'exposed') return;
  const serviceType = values.get(['controlPlane', 'service', 'type']);
  const typeValue = serviceType?.known ? serviceType.text ?? '' : '';
  if (serviceType && serviceType.path === doc.path && EXTERNAL_SERVICE_TYPES.includes(typeValue)) {
    ctx.report({
      range: serviceType.valueRange,
      message: `controlPlane.service.type: ${shown(typeValue)} publishes every control-plane port outside the cluster, including the plain-HTTP API server on ${PORT_HTTP_API}. ${WHY}. Keep the Service ClusterIP and expose only the HTTPS API (${PORT_HTTPS_API}) through an Ingress, or set controlPlane.envVars.${HTTP_INTERFACE}: 127.0.0.1.`,
    });
  }
  const ingressEnabled = values.get(['controlPlane', 'ingress', 'enabled']);
  if (!ingressEnabled || !ingressEnabled.isTrue) return;
  const servicePort = values.get(['controlPlane', 'ingress', 'servicePort']);
  const portValue = servicePort?.text ?? '';
  if (servicePort && portValue !== String(PORT_HTTP_API)) return;
  // Report where the port is chosen; a default port in an -f file outside the view is unknown.
  const anchor = servicePort ?? ingressEnabled;
  if (anchor.path !== doc.path || (!servicePort && values.partial)) return;
  const title = `Expose the HTTPS API port ${PORT_HTTPS_API} instead`;
  let fix: Fix | undefined;
  if (servicePort) fix = replaceValueEntryFix(doc, title, servicePort, String(PORT_HTTPS_API), true);
  else if (values.command) fix = appendSetFix(doc, title, values.command, 'controlPlane.ingress.servicePort', String(PORT_HTTPS_API), true);
  else fix = insertLinesBeforeFix(doc, title, ingressEnabled.range.start.line, [`servicePort: ${PORT_HTTPS_API}`], true);
  ctx.report({
    range: anchor.range,
    message: `The control-plane Ingress forwards to port ${PORT_HTTP_API}${servicePort ? '' : ' (the chart\'s default servicePort)'}, the plain-HTTP API server. ${WHY}. Set controlPlane.ingress.servicePort: ${PORT_HTTPS_API} to expose the HTTPS API instead.`,
    fixes: [fix],
  });
}
