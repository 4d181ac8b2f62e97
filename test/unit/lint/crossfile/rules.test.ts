// The cross-file rules over multi-file workspaces whose certificates are generated here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace } from '../../../../src/lint/workspace';
import { Finding } from '../../../../src/lint/types';
import { applyFix, b64, caAndLeaf, keys, lineOf, makeCert, NOW, only, secretYaml } from '../fixtures';

const opts = { now: NOW };
const { ca, leaf } = caAndLeaf();
const otherCa = makeCert({ isCA: true, keys: keys(3), commonName: 'other-ca' });
const CROSS = ['ca-bundle-mismatch', 'secret-missing-key', 'secret-not-found', 'secret-namespace', 'cert-key-mismatch', 'cert-untrusted'];

function workspaceOf(files: Record<string, string>): LintWorkspace {
  const ws = new LintWorkspace(opts);
  for (const [path, text] of Object.entries(files)) ws.setDocument(path, text);
  return ws;
}

function crossFindings(ws: LintWorkspace): Finding[] {
  return [...ws.lintAll().values()].flat().filter((f) => CROSS.includes(f.rule));
}

/** The first fix that is not the standard "Disable …" one. */
function repair(finding: Finding) {
  const fix = finding.fixes.find((f) => !f.title.startsWith('Disable'));
  assert.ok(fix, `${finding.rule} has a repair fix`);
  return fix;
}

const PEM_FILES = { '/w/certs/ca.crt': ca.certPem, '/w/certs/tls.crt': leaf.certPem, '/w/certs/tls.key': leaf.keyPem };

const DOCS_FLOW = `#!/usr/bin/env bash
kubectl create secret generic general-tls-certs -n kuma-system \\
  --from-file=tls.crt=certs/tls.crt \\
  --from-file=tls.key=certs/tls.key \\
  --from-file=ca.crt=certs/ca.crt

kumactl install control-plane \\
  --set "controlPlane.tls.general.secretName=general-tls-certs" \\
  --set "controlPlane.tls.general.caBundle=$(base64 -w0 < certs/ca.crt)" \\
  | kubectl apply -f -
`;

test('the canonical docs flow (generate, kubectl create secret, kumactl install --set) done right: no findings anywhere', () => {
  const ws = workspaceOf({ ...PEM_FILES, '/w/scripts/install.sh': DOCS_FLOW });
  assert.deepEqual([...ws.lintAll().values()].flat(), []);
  const md = workspaceOf({ ...PEM_FILES, '/w/README.md': `# Install\n\n\`\`\`sh\n${DOCS_FLOW}\`\`\`\n` });
  assert.deepEqual([...md.lintAll().values()].flat(), []);
});

test('docs flow gone wrong: caBundle encodes another CA file; fix points the substitution at the Secret\'s ca.crt', () => {
  const script = DOCS_FLOW.replace('< certs/ca.crt)', '< certs/other-ca.crt)');
  const ws = workspaceOf({ ...PEM_FILES, '/w/certs/other-ca.crt': otherCa.certPem, '/w/install.sh': script });
  const [finding] = crossFindings(ws);
  assert.equal(finding.rule, 'ca-bundle-mismatch');
  assert.equal(finding.path, '/w/install.sh');
  const line = lineOf(script, 'caBundle=');
  const col = script.split('\n')[line].indexOf('$(');
  assert.deepEqual(finding.range, { start: { line, character: col }, end: { line, character: col + '$(base64 -w0 < certs/other-ca.crt)'.length } });
  assert.match(finding.message, /other-ca/);
  assert.deepEqual(finding.related.map((r) => [r.path, r.range.start.line]), [['/w/install.sh', lineOf(script, '--from-file=ca.crt')]]);
  const fixed = applyFix(script, repair(finding));
  assert.match(fixed, /base64 -w0 < certs\/ca\.crt\)/);
  ws.setDocument('/w/install.sh', fixed);
  assert.deepEqual(crossFindings(ws), []);
});

function values(lines: string[]): string {
  return ['controlPlane:', '  tls:', '    general:', ...lines.map((l) => `      ${l}`), ''].join('\n');
}

const GOOD_SECRET = secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(ca.certPem) });

test('ca-bundle-mismatch: values caBundle vs the manifest Secret\'s ca.crt, related on ca.crt, fix re-encodes, re-lint clean', () => {
  const text = values(['secretName: general-tls-certs', `caBundle: ${b64(otherCa.certPem)}`]);
  const ws = workspaceOf({ '/w/secret.yaml': GOOD_SECRET, '/w/values.yaml': text });
  const [finding] = only(ws.lint('/w/values.yaml'), 'ca-bundle-mismatch');
  assert.ok(finding);
  assert.deepEqual(finding.range, { start: { line: 4, character: 16 }, end: { line: 4, character: 16 + b64(otherCa.certPem).length } });
  assert.equal(finding.related[0].path, '/w/secret.yaml');
  assert.equal(finding.related[0].range.start.line, lineOf(GOOD_SECRET, 'ca.crt:'));
  const fixed = applyFix(text, repair(finding));
  assert.equal(fixed, values(['secretName: general-tls-certs', `caBundle: ${b64(ca.certPem)}`]));
  ws.setDocument('/w/values.yaml', fixed);
  assert.deepEqual(ws.lint('/w/values.yaml'), []);
});

test('incremental: changing the Secret text re-checks the values file that names it', () => {
  const text = values(['secretName: general-tls-certs', `caBundle: ${b64(ca.certPem)}`]);
  const ws = workspaceOf({ '/w/secret.yaml': GOOD_SECRET, '/w/values.yaml': text });
  assert.deepEqual(ws.lint('/w/values.yaml'), []);
  ws.setDocument('/w/secret.yaml', GOOD_SECRET.replace(b64(ca.certPem), b64(otherCa.certPem)));
  assert.ok(ws.dependentsOf('/w/secret.yaml').includes('/w/values.yaml'));
  assert.deepEqual(ws.lint('/w/values.yaml').map((f) => f.rule), ['ca-bundle-mismatch']);
  ws.setDocument('/w/secret.yaml', GOOD_SECRET);
  assert.deepEqual(ws.lint('/w/values.yaml'), []);
});

test('incremental: a kubectl --from-file target edited re-checks the script', () => {
  const ws = workspaceOf({ ...PEM_FILES, '/w/install.sh': DOCS_FLOW });
  assert.deepEqual(ws.lint('/w/install.sh'), []);
  ws.setDocument('/w/certs/ca.crt', otherCa.certPem);
  assert.ok(ws.dependentsOf('/w/certs/ca.crt').includes('/w/install.sh'));
  // The bundle and the Secret read the same file: they still agree, so no ca-bundle-mismatch.
  assert.deepEqual(only(ws.lint('/w/install.sh'), 'ca-bundle-mismatch'), []);
});

test('secret-missing-key: a kubectl-created Secret without ca.crt, named by values and by --set; related on the kubectl line', () => {
  const script = 'kubectl create secret tls general-tls-certs -n kuma-system --cert certs/tls.crt --key certs/tls.key\n';
  const text = values(['secretName: general-tls-certs', `caBundle: ${b64(ca.certPem)}`]);
  const ws = workspaceOf({ ...PEM_FILES, '/w/secret.sh': script, '/w/values.yaml': text });
  const [finding] = only(ws.lint('/w/values.yaml'), 'secret-missing-key');
  assert.ok(finding);
  assert.deepEqual(finding.range, { start: { line: 3, character: 18 }, end: { line: 3, character: 35 } });
  assert.match(finding.message, /no ca\.crt/);
  assert.deepEqual(finding.related.map((r) => [r.path, r.range.start.character]), [['/w/secret.sh', 26]]);
  // With caSecretName the general Secret needs no ca.crt.
  ws.setDocument('/w/values.yaml', values(['secretName: general-tls-certs', 'caSecretName: general-tls-certs', `caBundle: ${b64(ca.certPem)}`]));
  assert.deepEqual(only(ws.lint('/w/values.yaml'), 'secret-missing-key').length, 1, 'the CA Secret itself still needs ca.crt');
});

test('secret-missing-key: --set names a manifest Secret lacking ca.crt; the fix adds it from the PEM file beside it, re-lint clean', () => {
  const secret = secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem) });
  const script = `helm install kuma kuma/kuma -n kuma-system --set controlPlane.tls.general.secretName=general-tls-certs --set controlPlane.tls.general.caBundle=$(base64 -w0 < certs/ca.crt)\n`;
  const ws = workspaceOf({ ...PEM_FILES, '/w/secret.yaml': secret, '/w/install.sh': script });
  const [finding] = only(ws.lint('/w/install.sh'), 'secret-missing-key');
  assert.ok(finding);
  assert.equal(script.slice(finding.range.start.character, finding.range.end.character), 'general-tls-certs');
  const fix = repair(finding);
  assert.equal(fix.edits[0].path, '/w/secret.yaml');
  const fixedSecret = applyFix(secret, fix);
  assert.match(fixedSecret, new RegExp(`\\n  ca\\.crt: ${b64(ca.certPem)}\\n`));
  ws.setDocument('/w/secret.yaml', fixedSecret);
  assert.deepEqual(crossFindings(ws), []);
});

test('secret-not-found: a typo while the workspace defines an unreferenced Secret; fix uses that name; a lone values file is quiet', () => {
  const text = values(['secretName: general-tls-cert', `caBundle: ${b64(ca.certPem)}`]);
  const ws = workspaceOf({ '/w/secret.yaml': GOOD_SECRET, '/w/values.yaml': text });
  const [finding] = only(ws.lint('/w/values.yaml'), 'secret-not-found');
  assert.equal(finding.severity, 'info');
  assert.deepEqual(finding.range, { start: { line: 3, character: 18 }, end: { line: 3, character: 34 } });
  const fixed = applyFix(text, repair(finding));
  assert.match(fixed, /secretName: general-tls-certs\n/);
  ws.setDocument('/w/values.yaml', fixed);
  assert.deepEqual(ws.lint('/w/values.yaml'), []);
  assert.deepEqual(only(workspaceOf({ '/w/values.yaml': text }).lint('/w/values.yaml'), 'secret-not-found'), []);
});

test('secret-namespace: the Secret is in default while the control plane is in kuma-system; fix moves it', () => {
  const secret = GOOD_SECRET.replace('namespace: kuma-system', 'namespace: default');
  const text = values(['secretName: general-tls-certs', `caBundle: ${b64(ca.certPem)}`]);
  const ws = workspaceOf({ '/w/secret.yaml': secret, '/w/values.yaml': text });
  const [finding] = only(ws.lint('/w/values.yaml'), 'secret-namespace');
  assert.equal(finding.severity, 'warning');
  assert.equal(finding.range.start.line, 3);
  assert.deepEqual(finding.related[0].range, { start: { line: 4, character: 13 }, end: { line: 4, character: 20 } });
  const fix = repair(finding);
  assert.equal(fix.edits[0].path, '/w/secret.yaml');
  ws.setDocument('/w/secret.yaml', applyFix(secret, fix));
  assert.deepEqual(ws.lint('/w/values.yaml'), []);
});

test('secret-namespace: the install command\'s -n decides the control plane namespace, for --set and for -f values files', () => {
  const text = values(['secretName: general-tls-certs', `caBundle: ${b64(ca.certPem)}`]);
  const script = 'helm upgrade --install kuma kuma/kuma --namespace mesh-system -f values.yaml\n';
  const ws = workspaceOf({ '/w/secret.yaml': GOOD_SECRET, '/w/values.yaml': text, '/w/install.sh': script });
  const [finding] = only(ws.lint('/w/values.yaml'), 'secret-namespace');
  assert.match(finding.message, /runs in mesh-system/);
  const kubectl = 'kubectl create secret generic general-tls-certs --namespace mesh-system --from-file=ca.crt=/tmp/ca.crt --from-file=tls.crt=/tmp/tls.crt --from-file=tls.key=/tmp/tls.key\n';
  ws.setDocument('/w/secret.sh', kubectl);
  assert.deepEqual(only(ws.lint('/w/values.yaml'), 'secret-namespace'), [], 'one definition in the right namespace is enough');
});

test('paths outside the workspace (/tmp/…) are left alone: no missing key, no mismatch', () => {
  const script = [
    'kubectl create secret generic general-tls-certs -n kuma-system --from-file=tls.crt=/tmp/tls.crt --from-file=tls.key=/tmp/tls.key --from-file=ca.crt=/tmp/ca.crt',
    'kumactl install control-plane --set controlPlane.tls.general.secretName=general-tls-certs --set controlPlane.tls.general.caBundle=$(base64 -w0 < /tmp/ca.crt)',
    '',
  ].join('\n');
  assert.deepEqual(crossFindings(workspaceOf({ '/w/install.sh': script })), []);
});

test('cert-key-mismatch across files: kubectl --cert/--key and *_TLS_CERT_FILE/*_TLS_KEY_FILE pairs', () => {
  const stranger = makeCert({ keys: keys(4) });
  const script = 'kubectl create secret tls api-tls -n kuma-system --cert certs/tls.crt --key other.key\n';
  const env = 'KUMA_GENERAL_TLS_CERT_FILE=./certs/tls.crt\nKUMA_GENERAL_TLS_KEY_FILE=./other.key\n';
  const ws = workspaceOf({ ...PEM_FILES, '/w/other.key': stranger.keyPem, '/w/api.sh': script, '/w/kuma-cp.env': env });
  const [fromScript] = only(ws.lint('/w/api.sh'), 'cert-key-mismatch');
  assert.equal(script.slice(fromScript.range.start.character, fromScript.range.end.character), 'certs/tls.crt');
  assert.deepEqual(fromScript.related.map((r) => r.path), ['/w/other.key', '/w/certs/tls.crt', '/w/api.sh']);
  const [fromEnv] = only(ws.lint('/w/kuma-cp.env'), 'cert-key-mismatch');
  assert.deepEqual(fromEnv.range, { start: { line: 0, character: 27 }, end: { line: 0, character: 42 } });
  assert.ok(ws.dependentsOf('/w/other.key').includes('/w/kuma-cp.env'));
  ws.setDocument('/w/other.key', leaf.keyPem);
  assert.deepEqual(only(ws.lint('/w/kuma-cp.env'), 'cert-key-mismatch'), []);
  assert.deepEqual(only(ws.lint('/w/api.sh'), 'cert-key-mismatch'), []);
});

test('secret-missing-key from a values file: the fix adds ca.crt from the PEM file beside the Secret manifest', () => {
  const secret = secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem) });
  const text = values(['secretName: general-tls-certs', `caBundle: ${b64(ca.certPem)}`]);
  const ws = workspaceOf({ '/w/k8s/ca.crt': ca.certPem, '/w/k8s/secret.yaml': secret, '/w/values.yaml': text });
  const [finding] = only(ws.lint('/w/values.yaml'), 'secret-missing-key');
  const fix = repair(finding);
  assert.match(fix.title, /Add ca\.crt to Secret general-tls-certs from ca\.crt/);
  ws.setDocument('/w/k8s/secret.yaml', applyFix(secret, fix));
  assert.deepEqual(ws.lint('/w/values.yaml'), []);
  // No PEM file to take it from: no fix is invented.
  const bare = workspaceOf({ '/w/k8s/secret.yaml': secret, '/w/values.yaml': text });
  assert.deepEqual(only(bare.lint('/w/values.yaml'), 'secret-missing-key')[0].fixes.map((f) => f.title), ['Disable secret-missing-key for this line']);
});

test('cert-untrusted: the general Secret has no ca.crt (caSecretName) and caBundle did not issue its tls.crt; reported on tls.crt', () => {
  const secret = secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem) });
  const caSecret = secretYaml('general-ca', { 'ca.crt': b64(ca.certPem) });
  const text = values(['secretName: general-tls-certs', 'caSecretName: general-ca', `caBundle: ${b64(otherCa.certPem)}`]);
  const ws = workspaceOf({ '/w/secret.yaml': secret, '/w/ca-secret.yaml': caSecret, '/w/values.yaml': text });
  const [finding] = only(ws.lint('/w/secret.yaml'), 'cert-untrusted');
  assert.ok(finding);
  assert.equal(finding.range.start.line, lineOf(secret, 'tls.crt:'));
  assert.deepEqual(finding.related.map((r) => [r.path, r.range.start.line]), [['/w/values.yaml', 5]]);
  ws.setDocument('/w/values.yaml', values(['secretName: general-tls-certs', 'caSecretName: general-ca', `caBundle: ${b64(ca.certPem)}`]));
  assert.deepEqual(only(ws.lint('/w/secret.yaml'), 'cert-untrusted'), []);
  // kubectl create secret tls: reported on the --cert path.
  const script = 'kubectl create secret tls general-tls-certs -n kuma-system --cert certs/tls.crt --key certs/tls.key\nkumactl install control-plane --set controlPlane.tls.general.secretName=general-tls-certs --set controlPlane.tls.general.caSecretName=general-ca --set controlPlane.tls.general.caBundle=$(base64 -w0 < other-ca.crt)\n';
  const ws2 = workspaceOf({ ...PEM_FILES, '/w/other-ca.crt': otherCa.certPem, '/w/ca-secret.yaml': caSecret, '/w/install.sh': script });
  const [fromScript] = only(ws2.lint('/w/install.sh'), 'cert-untrusted');
  assert.equal(script.slice(fromScript.range.start.character, fromScript.range.end.character), 'certs/tls.crt');
});

test('related links into PEM files land on their BEGIN line', () => {
  const stranger = makeCert({ keys: keys(4) });
  const ws = workspaceOf({ ...PEM_FILES, '/w/other.key': `# comment\n${stranger.keyPem}`, '/w/kuma-cp.env': 'KUMA_GENERAL_TLS_CERT_FILE=certs/tls.crt\nKUMA_GENERAL_TLS_KEY_FILE=other.key\n' });
  const [finding] = only(ws.lint('/w/kuma-cp.env'), 'cert-key-mismatch');
  assert.deepEqual(finding.related[0].range.start, { line: 1, character: 0 });
  assert.equal(finding.related[0].range.end.line, 1);
  assert.ok(finding.related[0].range.end.character > 20);
});
