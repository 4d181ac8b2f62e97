// Patterns met when the CLI ran over public repositories (Kuma's own, its docs site, Kong Mesh's,
// Istio, Linkerd, cert-manager, chart collections): each false alarm found there, as a small file
// written here. The repositories' own files are never copied.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace, lintText } from '../../../src/lint/workspace';
import { applyFix, NOW, rulesOf } from './fixtures';

test('elided Secret values in docs ("...", "MIIEOzCCAyO..." # redacted) are placeholders, not broken base64', () => {
  const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: secret-tls\n  namespace: kuma-demo\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${value}\n  tls.key: ${value}\n`;
  for (const value of ['"..."', '"MIIEOzCCAyO..." # redacted', '"…"', 'LS0tLS1CRUdJTi…']) {
    assert.deepEqual(rulesOf(lintText('/docs/gateway-api.yaml', secret(value), { now: NOW })), [], value);
  }
  // Damaged base64 without an elision is still reported.
  assert.ok(rulesOf(lintText('/docs/gateway-api.yaml', secret('"not base64!"'), { now: NOW })).includes('encoding-mismatch'));
});

test('a placeholder of a few words ("<base 64 encoded PEM>", Cluster API\'s book) is a placeholder, not broken base64', () => {
  const doc = (value: string) => `# Custom certificates\n\n\`\`\`yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster1-ca\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${value}\n  tls.key: ${value}\n\`\`\`\n`;
  for (const value of ['<base 64 encoded PEM>', '<base64-encoded CA bundle>', '"<your base64 key>"']) {
    assert.deepEqual(rulesOf(lintText('/docs/using-custom-certificates.md', doc(value), { now: NOW })), [], value);
  }
  // Without both brackets it is no placeholder: words that squeeze into base64 of no PEM, and a "<" no base64 holds.
  const squeezed = lintText('/docs/using-custom-certificates.md', doc('base 64 encoded PEM'), { now: NOW });
  assert.deepEqual(rulesOf(squeezed), ['pem-malformed']);
  assert.match(squeezed[0].message, /^tls\.crt of Secret cluster1-ca decodes to something that is not PEM \("unable to parse bytes as PEM block"\)/);
  assert.deepEqual(rulesOf(lintText('/docs/using-custom-certificates.md', doc('"<base 64 encoded PEM"'), { now: NOW })), ['encoding-mismatch']);
});

test('a kuma-cp config excerpt in a Markdown fence gets no "default interface" note (UPGRADE.md shows the key that changed)', () => {
  const markdown = '# Upgrade\n\nRename the key:\n\n```yaml\ndpServer:\n  authn:\n    dpProxy:\n      type: dpToken\n```\n';
  assert.deepEqual(lintText('/kuma/UPGRADE.md', markdown, { now: NOW }).filter((f) => f.rule === 'api-server-http-exposed'), []);
  // The same text as a config file of its own is a whole configuration: the note stays.
  const config = 'dpServer:\n  authn:\n    dpProxy:\n      type: dpToken\n';
  assert.equal(lintText('/deploy/kuma-cp.yaml', config, { now: NOW }).filter((f) => f.rule === 'api-server-http-exposed').length, 1);
  // An explicit exposure in a fence is still reported: it is written, not left out.
  const exposed = '```yaml\napiServer:\n  http:\n    interface: 0.0.0.0\n```\n';
  assert.equal(lintText('/docs/api.md', exposed, { now: NOW }).filter((f) => f.rule === 'api-server-http-exposed').length, 1);
});

test('a Kong Mesh image tag or chart version does not decide which Kuma keys exist (kong-mesh-ecs)', () => {
  const workspace = new LintWorkspace({ now: NOW });
  const template = 'Parameters:\n  Image:\n    Type: String\n    Default: "docker.io/kong/kuma-cp:2.1.1"\nResources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: controlplane\n          Image: !Ref Image\n          Environment:\n            - Name: KUMA_DP_SERVER_AUTHN_DP_PROXY_TYPE\n              Value: dpToken\n';
  workspace.setDocument('/ecs/controlplane.yaml', template);
  assert.deepEqual(workspace.lint('/ecs/controlplane.yaml').filter((f) => f.rule === 'unknown-setting'), []);
  // A Kuma image of the same tag does decide it: 2.1 did not read the key.
  workspace.setDocument('/ecs/controlplane.yaml', template.replace('kong/kuma-cp', 'kumahq/kuma-cp'));
  assert.equal(workspace.lint('/ecs/controlplane.yaml').filter((f) => f.rule === 'unknown-setting').length, 1);
});

test('"Disable for this line" on a finding inside a \\-continued command goes above the command, and silences it', () => {
  const script = 'helm install kuma kuma/kuma -n kuma-system \\\n  --set controlPlane.tls.general.secretName=general-tls-certs \\\n  --set controlPlane.tls.general.caBundle=$(cat ca.crt | base64) \\\n  --set controlPlane.service.type=LoadBalancer\n';
  const findings = lintText('/repo/install.sh', script, { now: NOW });
  const wrapped = findings.find((f) => f.rule === 'encoding-mismatch');
  assert.ok(wrapped, 'the base64 without -w0 is reported');
  assert.equal(wrapped.range.start.line, 2);
  const disable = wrapped.fixes.find((f) => f.title === 'Disable encoding-mismatch for this line')!;
  assert.deepEqual(disable.edits.map((e) => [e.range.start.line, e.newText]), [[0, '# kuma-tls-disable-next-line encoding-mismatch\n']]);
  const silenced = applyFix(script, disable);
  const after = lintText('/repo/install.sh', silenced, { now: NOW });
  assert.deepEqual(after.filter((f) => f.rule === 'encoding-mismatch'), []);
  assert.ok(after.some((f) => f.rule === 'api-server-http-exposed'), 'other rules of the command still report');
});
