// Issue 11, "Install command lines are values files": the --set values of helm/kumactl install
// lines feed every Helm values rule, with ranges on the command line and fixes that edit it, and
// the -f files they pass are read with them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace, lintText } from '../../../../src/lint/workspace';
import { Finding, Span } from '../../../../src/lint/types';
import { readCommands, InstallCommand } from '../../../../src/lint/model/commands';
import { LineIndex } from '../../../../src/lint/model/text';
import { applyFix, b64, caAndLeaf, NOW, only, SINGLE_FILE } from '../fixtures';

const opts = SINGLE_FILE;
const { ca } = caAndLeaf();

function textAt(text: string, range: Span): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(range.start), lines.offset(range.end));
}

function repair(finding: Finding) {
  const fix = finding.fixes.find((f) => !f.title.startsWith('Disable'));
  assert.ok(fix, `${finding.rule} has a repair fix`);
  return fix;
}

function workspaceOf(files: Record<string, string>): LintWorkspace {
  const ws = new LintWorkspace({ now: NOW });
  for (const [path, text] of Object.entries(files)) ws.setDocument(path, text);
  return ws;
}

test('--set secretName without caBundle: ca-bundle-secret-pair on the K=V of the command line', () => {
  const text = 'helm install kuma kuma/kuma -n kuma-system --set controlPlane.tls.general.secretName=x\n';
  const [finding, ...rest] = only(lintText('/w/install.sh', text, opts), 'ca-bundle-secret-pair');
  assert.ok(finding);
  assert.equal(rest.length, 0);
  assert.equal(textAt(text, finding.range), 'controlPlane.tls.general.secretName=x');
  // Both halves, even in one comma-separated --set, are fine.
  const both = `helm install kuma kuma/kuma --set controlPlane.tls.general.secretName=x,controlPlane.tls.general.caBundle=${b64(ca.certPem)}\n`;
  assert.deepEqual(only(lintText('/w/install.sh', both, opts), 'ca-bundle-secret-pair'), []);
});

test('an -f values file in the workspace completes the install line, and the line completes the file', () => {
  const values = 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls\n';
  const script = 'helm upgrade --install kuma kuma/kuma -f values.yaml --set controlPlane.tls.general.caBundle="$(base64 -w0 < ca.crt)"\n';
  const ws = workspaceOf({ '/w/values.yaml': values, '/w/install.sh': script });
  assert.deepEqual(only(ws.lint('/w/values.yaml'), 'ca-bundle-secret-pair'), []);
  assert.deepEqual(only(ws.lint('/w/install.sh'), 'ca-bundle-secret-pair'), []);
  // Alone, the values file lacks caBundle; an -f file outside the workspace may hold anything.
  assert.equal(only(workspaceOf({ '/w/values.yaml': values }).lint('/w/values.yaml'), 'ca-bundle-secret-pair').length, 1);
  assert.deepEqual(only(lintText('/w/install.sh', script.replace('values.yaml', '/etc/kuma/values.yaml'), opts), 'ca-bundle-secret-pair'), []);
});

test('--set controlPlane.service.type=LoadBalancer: api-server-http-exposed on the value; envVars binding loopback on the line keep it quiet', () => {
  const text = 'helm install kuma kuma/kuma --set controlPlane.service.type=LoadBalancer\n';
  const [finding] = only(lintText('/w/install.sh', text, opts), 'api-server-http-exposed');
  assert.ok(finding);
  assert.equal(textAt(text, finding.range), 'LoadBalancer');
  const bound = 'helm install kuma kuma/kuma --set controlPlane.service.type=LoadBalancer --set controlPlane.envVars.KUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1\n';
  assert.deepEqual(only(lintText('/w/install.sh', bound, opts), 'api-server-http-exposed'), []);
});

test('--set controlPlane.envVars.KUMA_…: a settings scope on the command line, fixes edit the line', () => {
  const text = 'helm install kuma kuma/kuma --set controlPlane.envVars.KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\n';
  const [finding] = only(lintText('/w/install.sh', text, opts), 'api-server-http-exposed');
  assert.ok(finding);
  assert.equal(textAt(text, finding.range), '0.0.0.0');
  const fixed = applyFix(text, repair(finding));
  assert.equal(fixed, text.replace('=0.0.0.0', '=127.0.0.1'));
  assert.deepEqual(only(lintText('/w/install.sh', fixed, opts), 'api-server-http-exposed'), []);
});

test('--set-string controlPlane.tls.kdsZoneClient.skipVerify=true: tls-verify-disabled; a grpc:// global address makes it an info', () => {
  const text = 'helm install kuma kuma/kuma --set controlPlane.mode=zone --set-string controlPlane.tls.kdsZoneClient.skipVerify=true\n';
  const [finding] = only(lintText('/w/install.sh', text, opts), 'tls-verify-disabled');
  assert.ok(finding);
  assert.equal(finding.severity, 'warning');
  assert.equal(textAt(text, finding.range), 'controlPlane.tls.kdsZoneClient.skipVerify=true');
  const plain = text.replace('\n', ' --set controlPlane.kdsGlobalAddress=grpc://global.example:5685\n');
  const [info] = only(lintText('/w/install.sh', plain, opts), 'tls-verify-disabled');
  assert.equal(info.severity, 'info');
  assert.match(info.message, /has no effect/);
  assert.deepEqual(only(lintText('/w/install.sh', text.replace('=true', '=false').replace('--set-string', '--set'), opts), 'tls-verify-disabled'), []);
});

test('--set controlPlane.kdsGlobalAddress=grpc://…: plaintext-address with a grpcs:// fix on the line', () => {
  const text = 'helm install kuma kuma/kuma --set controlPlane.mode=zone --set controlPlane.kdsGlobalAddress=grpc://global.example:5685\n';
  const [finding] = only(lintText('/w/install.sh', text, opts), 'plaintext-address');
  assert.ok(finding);
  assert.equal(textAt(text, finding.range), 'grpc://global.example:5685');
  const fixed = applyFix(text, repair(finding));
  assert.match(fixed, /kdsGlobalAddress=grpcs:\/\/global\.example:5685\n$/);
  assert.deepEqual(only(lintText('/w/install.sh', fixed, opts), 'plaintext-address'), []);
});

test('--set certManager.enabled=true with --set secretName: cert-manager-conflict, the fix clears the value on the line', () => {
  const text = 'kumactl install control-plane --set controlPlane.tls.general.certManager.enabled=true --tls-general-secret=general-tls | kubectl apply -f -\n';
  const [finding] = only(lintText('/w/install.sh', text, opts), 'cert-manager-conflict');
  assert.ok(finding);
  assert.equal(textAt(text, finding.range), '--tls-general-secret=general-tls');
  const fixed = applyFix(text, repair(finding));
  assert.match(fixed, /--tls-general-secret= \|/);
  assert.deepEqual(only(lintText('/w/install.sh', fixed, opts), 'cert-manager-conflict'), []);
});

test('--set kdsGlobalServer.create=true without cert: secret-missing-key on the line', () => {
  const text = 'helm install kuma kuma/kuma --set controlPlane.tls.kdsGlobalServer.create=true --set-file controlPlane.tls.kdsGlobalServer.cert=tls.crt\n';
  const [finding, ...rest] = only(lintText('/w/install.sh', text, opts), 'secret-missing-key');
  assert.ok(finding);
  assert.equal(rest.length, 0, 'the --set-file cert counts as set');
  assert.match(finding.message, /kdsGlobalServer\.key is empty/);
  assert.equal(textAt(text, finding.range), 'controlPlane.tls.kdsGlobalServer.create=true');
});

test('only Kuma\'s and Kong Mesh\'s charts: another chart\'s --set service.type is not read', () => {
  const other = 'helm install web bitnami/nginx --set service.type=LoadBalancer\n';
  assert.deepEqual(readCommands(other, new LineIndex(other), false), []);
  const text = 'helm template kong-mesh kong-mesh/kong-mesh --set controlPlane.tls.general.secretName=x\n';
  const [cmd] = readCommands(text, new LineIndex(text), false) as InstallCommand[];
  assert.equal(cmd.kind, 'install');
});
