// Issue 11, item 7: secret-not-found as the amended contract says: every producer counts, it
// fires only when the workspace keeps Secrets, and the rename is offered only for a close name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace } from '../../../../src/lint/workspace';
import { Finding } from '../../../../src/lint/types';
import { b64, caAndLeaf, NOW, only, secretYaml } from '../fixtures';

const { ca, leaf } = caAndLeaf();
const VALUES = `controlPlane:\n  tls:\n    general:\n      secretName: general-tls\n      caBundle: ${b64(ca.certPem)}\n`;
/** A TLS Secret nothing references: the workspace keeps its Secrets. */
const OTHER_SECRET = secretYaml('api-server-tls', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem) });

function notFound(files: Record<string, string>): Finding[] {
  const ws = new LintWorkspace({ now: NOW });
  for (const [path, text] of Object.entries(files)) ws.setDocument(path, text);
  return only(ws.lint('/w/values.yaml'), 'secret-not-found');
}

test('cert-manager Certificate, ExternalSecret, SealedSecret and kustomize secretGenerator produce the Secret', () => {
  const producers: Record<string, string> = {
    certificate: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: general\nspec:\n  secretName: general-tls\n  issuerRef:\n    name: ca\n',
    externalTarget: 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: from-vault\nspec:\n  target:\n    name: general-tls\n',
    externalName: 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: general-tls\nspec:\n  data: []\n',
    sealed: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: general-tls\nspec:\n  encryptedData:\n    tls.crt: AgB1\n',
    kustomize: 'secretGenerator:\n  - name: general-tls\n    files:\n      - tls.crt=certs/tls.crt\n      - certs/ca.crt\n',
  };
  // Without a producer it fires: the workspace keeps a TLS Secret.
  assert.equal(notFound({ '/w/values.yaml': VALUES, '/w/other.yaml': OTHER_SECRET }).length, 1);
  for (const [name, producer] of Object.entries(producers)) {
    const file = name === 'kustomize' ? '/w/kustomization.yaml' : '/w/producer.yaml';
    assert.deepEqual(notFound({ '/w/values.yaml': VALUES, '/w/other.yaml': OTHER_SECRET, [file]: producer }), [], name);
  }
});

test('a workspace whose only Secrets are not TLS-shaped and unreferenced keeps none for Kuma: quiet', () => {
  const unrelated = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-password\ntype: Opaque\ndata:\n  password: ${b64('x')}\n`;
  assert.deepEqual(notFound({ '/w/values.yaml': VALUES, '/w/db.yaml': unrelated }), []);
});

test('the rename is offered only for a close name', () => {
  const close = secretYaml('genral-tls', { 'tls.crt': b64(leaf.certPem) });
  const [typo] = notFound({ '/w/values.yaml': VALUES, '/w/s.yaml': close });
  assert.ok(typo);
  assert.deepEqual(typo.fixes.filter((f) => !f.title.startsWith('Disable')).map((f) => f.title), ['Use Secret genral-tls']);
  const [far] = notFound({ '/w/values.yaml': VALUES, '/w/other.yaml': OTHER_SECRET });
  assert.ok(far);
  assert.deepEqual(far.fixes.filter((f) => !f.title.startsWith('Disable')), []);
  assert.doesNotMatch(far.message, /api-server-tls/);
});
