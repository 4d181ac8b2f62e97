// The general certificate is checked against the namespace the control plane is installed into,
// never the Secret's own namespace (issue 11, item 6): that mismatch is secret-namespace's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace } from '../../../src/lint/workspace';
import { b64, caAndLeaf, only, SINGLE_FILE } from './fixtures';

const forKumaSystem = caAndLeaf(['kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc']);
const forMesh = caAndLeaf(['kuma-control-plane.mesh', 'kuma-control-plane.mesh.svc']);

function secret(name: string, namespace: string | null, pair: ReturnType<typeof caAndLeaf>): string {
  const ns = namespace ? `  namespace: ${namespace}\n` : '';
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${ns}data:\n  tls.crt: ${b64(pair.leaf.certPem)}\n  tls.key: ${b64(pair.leaf.keyPem)}\n  ca.crt: ${b64(pair.ca.certPem)}\n`;
}

function hostnameFindings(files: Record<string, string>, target = '/w/secret.yaml') {
  const workspace = new LintWorkspace(SINGLE_FILE);
  for (const [path, text] of Object.entries(files)) workspace.setDocument(path, text);
  return only(workspace.lint(target), 'cert-hostname-mismatch');
}

const values = (name: string) => `controlPlane:\n  tls:\n    general:\n      secretName: ${name}\n      caBundle: ${b64(forKumaSystem.ca.certPem)}\n`;

test("a Secret written in another namespace is checked against the control plane's (the setting's) namespace", () => {
  assert.deepEqual(hostnameFindings({ '/w/secret.yaml': secret('my-certs', 'default', forKumaSystem), '/w/values.yaml': values('my-certs') }), []);
  const [finding] = hostnameFindings({ '/w/secret.yaml': secret('my-certs', 'default', forMesh), '/w/values.yaml': values('my-certs') });
  assert.ok(finding, 'a certificate for the Secret’s namespace does not serve kuma-system');
  assert.match(finding.message, /kuma-control-plane\.kuma-system/);
  assert.equal(finding.related[0].path, '/w/values.yaml');
});

test("the install line's -n is the control plane's namespace, for values passed with -f and for --set", () => {
  const install = 'helm install kuma kuma/kuma -n mesh -f values.yaml\n';
  assert.deepEqual(hostnameFindings({ '/w/secret.yaml': secret('my-certs', 'mesh', forMesh), '/w/values.yaml': values('my-certs'), '/w/install.sh': install }), []);
  const [viaValues] = hostnameFindings({ '/w/secret.yaml': secret('my-certs', 'mesh', forKumaSystem), '/w/values.yaml': values('my-certs'), '/w/install.sh': install });
  assert.match(viaValues?.message ?? '', /kuma-control-plane\.mesh/);
  const set = `helm install kuma kuma/kuma --namespace mesh --set controlPlane.tls.general.secretName=my-certs --set controlPlane.tls.general.caBundle=${b64(forMesh.ca.certPem)}\n`;
  const [viaSet] = hostnameFindings({ '/w/secret.yaml': secret('my-certs', null, forKumaSystem), '/w/install.sh': set });
  assert.ok(viaSet, 'a Secret named only on an install line is the general one too');
  assert.match(viaSet.message, /kuma-control-plane\.mesh/);
  assert.equal(viaSet.related[0].path, '/w/install.sh');
});

test("a Secret with Kuma's general name and no control plane in the workspace uses the setting, not its own namespace", () => {
  assert.deepEqual(hostnameFindings({ '/w/secret.yaml': secret('general-tls-certs', 'mesh', forKumaSystem) }), []);
  const [finding] = hostnameFindings({ '/w/secret.yaml': secret('general-tls-certs', 'mesh', forMesh) });
  assert.match(finding?.message ?? '', /kuma-control-plane\.kuma-system/);
});
