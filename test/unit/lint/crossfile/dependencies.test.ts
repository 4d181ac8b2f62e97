// Which files a change re-lints (`dependentsOf`): exactly those whose findings used what the
// change touched (a Secret name, the install lines passing a values file, a file Kuma settings
// read, the workspace's Kuma version), never the whole workspace; and the index work of a lint
// over N files is linear in N.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace } from '../../../../src/lint/workspace';
import { b64, caAndLeaf, keys, makeCert, NOW, secretYaml } from '../fixtures';

const { ca, leaf } = caAndLeaf();
const otherCa = makeCert({ isCA: true, keys: keys(3), commonName: 'other-ca' });

const secret = (name: string, caPem = ca.certPem) => secretYaml(name, { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(caPem) });
const values = (name: string) => `controlPlane:\n  tls:\n    general:\n      secretName: ${name}\n      caBundle: ${b64(ca.certPem)}\n`;

function linted(files: Record<string, string>): LintWorkspace {
  const ws = new LintWorkspace({ now: NOW });
  for (const [path, text] of Object.entries(files)) ws.setDocument(path, text);
  ws.lintAll();
  return ws;
}

/** Sets `path` and returns what it re-lints, sorted; then lints it and those, as the editor does. */
function edit(ws: LintWorkspace, path: string, text: string | null): string[] {
  if (text === null) ws.removeDocument(path);
  else ws.setDocument(path, text);
  const dependents = ws.dependentsOf(path).sort();
  for (const p of [path, ...dependents]) ws.lint(p);
  return dependents;
}

/** Every file's findings equal those of a workspace linted from scratch with the same files. */
function assertSameAsFresh(ws: LintWorkspace, texts: Map<string, string>): void {
  const fresh = new LintWorkspace({ now: NOW });
  for (const path of ws.paths()) fresh.setDocument(path, texts.get(path)!);
  for (const path of ws.paths()) assert.deepEqual(ws.lint(path), fresh.lint(path), path);
}

const SECRETS = {
  '/w/shared/secret.yaml': secret('shared-tls'),
  '/w/shared/values-1.yaml': values('shared-tls'),
  '/w/shared/values-2.yaml': values('shared-tls'),
  '/w/own/secret.yaml': secret('own-tls'),
  '/w/own/values.yaml': values('own-tls'),
  '/w/pki/ca.crt': ca.certPem,
  '/w/apps/app.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n',
};

test('editing Secret S re-lints exactly the values files that name S', () => {
  const ws = linted(SECRETS);
  assert.deepEqual(edit(ws, '/w/shared/secret.yaml', secret('shared-tls', otherCa.certPem)), ['/w/shared/values-1.yaml', '/w/shared/values-2.yaml']);
  assert.deepEqual(ws.lint('/w/shared/values-1.yaml').map((f) => f.rule), ['ca-bundle-mismatch']);
  assert.deepEqual(ws.lint('/w/own/values.yaml'), []);
});

test('editing a values file re-lints the Secret it names, not the other values files naming it', () => {
  const ws = linted(SECRETS);
  assert.deepEqual(edit(ws, '/w/shared/values-1.yaml', values('shared-tls') + '  mode: zone\n'), ['/w/shared/secret.yaml']);
});

test('renaming Secret S to T re-lints the files naming S and those naming T (and T\'s other definer)', () => {
  const ws = linted(SECRETS);
  assert.deepEqual(edit(ws, '/w/shared/secret.yaml', secret('own-tls')), ['/w/own/secret.yaml', '/w/own/values.yaml', '/w/shared/values-1.yaml', '/w/shared/values-2.yaml']);
  assert.deepEqual(ws.lint('/w/shared/values-1.yaml').map((f) => f.rule), ['secret-not-found']);
});

test('a values file renaming its secretName from S to T re-lints the Secrets S and T', () => {
  const ws = linted(SECRETS);
  assert.deepEqual(edit(ws, '/w/shared/values-1.yaml', values('own-tls')), ['/w/own/secret.yaml', '/w/shared/secret.yaml']);
});

test('a new definer of S re-lints the files naming S and the other definer; removing it again does too', () => {
  const ws = linted(SECRETS);
  const expected = ['/w/shared/secret.yaml', '/w/shared/values-1.yaml', '/w/shared/values-2.yaml'];
  assert.deepEqual(edit(ws, '/w/copy/secret.yaml', secret('shared-tls', otherCa.certPem)), expected);
  assert.deepEqual(ws.lint('/w/shared/values-1.yaml').map((f) => f.rule), ['secret-ambiguous']);
  assert.deepEqual(edit(ws, '/w/copy/secret.yaml', null), expected);
  assert.deepEqual(ws.lint('/w/shared/values-1.yaml'), []);
});

const INSTALLS = {
  '/w/values/a.yaml': values('shared-tls'),
  '/w/values/b.yaml': values('shared-tls'),
  '/w/shared/secret.yaml': secret('shared-tls'),
  '/w/install.sh': 'helm install kuma kuma/kuma -n kuma-system -f values/a.yaml\n',
};

test('-f values users: an install line re-lints the values files it passes (and the Secret they name), before and after the edit', () => {
  const ws = linted(INSTALLS);
  // The Secret too: its certificate is checked against the namespace its control plane runs in.
  assert.deepEqual(edit(ws, '/w/install.sh', 'helm install kuma kuma/kuma -n mesh-system -f values/a.yaml\n'), ['/w/shared/secret.yaml', '/w/values/a.yaml']);
  assert.match(ws.lint('/w/values/a.yaml').find((f) => f.rule === 'secret-namespace')?.message ?? '', /runs in mesh-system/);
  assert.deepEqual(edit(ws, '/w/install.sh', 'helm install kuma kuma/kuma -n mesh-system -f values/b.yaml\n'), ['/w/shared/secret.yaml', '/w/values/a.yaml', '/w/values/b.yaml']);
  assert.deepEqual(ws.lint('/w/values/a.yaml'), []);
  assert.deepEqual(edit(ws, '/w/deploy.sh', 'helm upgrade --install kuma kuma/kuma -f values/b.yaml --set controlPlane.mode=zone\n'), ['/w/shared/secret.yaml', '/w/values/b.yaml']);
  // A values file the install lines read: they are its dependents; a values file nobody passes has none.
  assert.deepEqual(edit(ws, '/w/values/b.yaml', values('shared-tls') + '  mode: zone\n'), ['/w/deploy.sh', '/w/install.sh', '/w/shared/secret.yaml']);
  assert.deepEqual(edit(ws, '/w/values/a.yaml', values('shared-tls') + '  mode: zone\n'), ['/w/shared/secret.yaml']);
});

test('a values file appearing where an install line\'s -f resolves re-lints it, and the install line sees it', () => {
  const ws = linted({ '/w/shared/secret.yaml': secret('shared-tls'), '/w/deploy/install.sh': 'helm install kuma kuma/kuma -n kuma-system -f values.yaml\n' });
  // values.yaml is looked up beside the script, then in each folder above: the nearer one wins.
  assert.deepEqual(edit(ws, '/w/values.yaml', values('shared-tls')), ['/w/deploy/install.sh', '/w/shared/secret.yaml']);
  // The nearer one now: /w/values.yaml is no longer passed (its control plane's namespace may differ: its Secret too).
  assert.deepEqual(edit(ws, '/w/deploy/values.yaml', values('other-tls')), ['/w/deploy/install.sh', '/w/shared/secret.yaml', '/w/values.yaml']);
  const texts = new Map([
    ['/w/shared/secret.yaml', secret('shared-tls')],
    ['/w/deploy/install.sh', 'helm install kuma kuma/kuma -n kuma-system -f values.yaml\n'],
    ['/w/values.yaml', values('shared-tls')],
    ['/w/deploy/values.yaml', values('other-tls')],
  ]);
  assertSameAsFresh(ws, texts);
});

const VERSIONS = {
  '/w/install.sh': 'helm install kuma kuma/kuma --namespace kuma-system --version 2.9.1\n',
  '/w/kuma-cp.env': 'KUMA_DP_SERVER_AUTH_TYPE=dpToken\n',
  '/w/own/kuma-cp.env': '# runs kumahq/kuma-cp:2.9.1\nKUMA_DP_SERVER_AUTH_TYPE=dpToken\n',
  '/w/shared/secret.yaml': secret('shared-tls'),
};

test('a Kuma version change re-lints only the files judged by the workspace version', () => {
  const ws = linted(VERSIONS);
  const unknown = (path: string) => ws.lint(path).filter((f) => f.rule === 'unknown-setting').length;
  assert.equal(unknown('/w/kuma-cp.env'), 1);
  // 2.6.3 beside own/kuma-cp.env's 2.9.1: the workspace names no one version any more. The file
  // with a version of its own does not ask the workspace.
  assert.deepEqual(edit(ws, '/w/install.sh', 'helm install kuma kuma/kuma --namespace kuma-system --version 2.6.3\n'), ['/w/kuma-cp.env']);
  assert.equal(unknown('/w/kuma-cp.env'), 0);
  assert.equal(unknown('/w/own/kuma-cp.env'), 1);
  // Another text, the same agreement (none): nothing to re-check.
  assert.deepEqual(edit(ws, '/w/install.sh', '# install\nhelm install kuma kuma/kuma --namespace kuma-system --version 2.6.2\n'), []);
  assert.deepEqual(edit(ws, '/w/install.sh', 'helm install kuma kuma/kuma --namespace kuma-system --version 2.9.1\n'), ['/w/kuma-cp.env']);
  assert.equal(unknown('/w/kuma-cp.env'), 1);
});

test('a PEM file referenced by a setting: changing the reference re-lints the old and the new target only', () => {
  const broken = ca.certPem.replace(/\n-----END CERTIFICATE-----\n$/, '\n');
  const ws = linted({ '/w/kuma-cp.env': 'KUMA_GENERAL_TLS_CERT_FILE=certs/server.crt\n', '/w/certs/server.crt': broken, '/w/certs/other.crt': broken });
  const severity = (path: string) => ws.lint(path).find((f) => f.rule === 'pem-malformed')?.severity;
  assert.equal(severity('/w/certs/server.crt'), 'error');
  assert.equal(severity('/w/certs/other.crt'), 'warning');
  assert.deepEqual(edit(ws, '/w/kuma-cp.env', 'KUMA_GENERAL_TLS_CERT_FILE=certs/other.crt\n'), ['/w/certs/other.crt', '/w/certs/server.crt']);
  assert.equal(severity('/w/certs/server.crt'), 'warning');
  assert.equal(severity('/w/certs/other.crt'), 'error');
  // Another setting, the same file read: the PEM files' verdicts cannot change.
  assert.deepEqual(edit(ws, '/w/kuma-cp.env', 'KUMA_GENERAL_TLS_CERT_FILE=certs/other.crt\nKUMA_MODE=zone\n'), []);
});

test('linting N files does index work linear in N (a counter, not a clock)', () => {
  const work = (clusters: number) => {
    const ws = new LintWorkspace({ now: NOW });
    for (let i = 0; i < clusters; i++) {
      ws.setDocument(`/w/c${i}/secret.yaml`, secret(`tls-${i}`));
      ws.setDocument(`/w/c${i}/values.yaml`, values(`tls-${i}`));
      ws.setDocument(`/w/c${i}/install.sh`, `helm install kuma kuma/kuma -n kuma-system -f values.yaml\nkubectl create secret generic tls-${i} --from-file=ca.crt=ca.crt\n`);
      ws.setDocument(`/w/c${i}/ca.crt`, ca.certPem);
    }
    ws.lintAll();
    return ws.indexWork;
  };
  const small = work(25);
  const large = work(100);
  assert.ok(small >= 100, `every file is indexed (${small})`);
  assert.ok(large <= 4 * small * 1.1, `4x the files, ${(large / small).toFixed(2)}x the index work (${small} -> ${large})`);
});
