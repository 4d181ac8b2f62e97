// secret-ambiguous: a Secret name defined more than once, differently, where the control plane
// mounts it. The other cross-file rules, the caBundle hover and secretName completions must not
// pick one of the definitions (the issue: a renewed Secret under a reused name turned correct
// files red and offered a fix that put an unrelated CA into caBundle).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caBundlePartners, documentLookup, materialAt } from '../../../../src/lint/services/locate';
import { buildDocument } from '../../../../src/lint/model/document';
import { definedSecrets } from '../../../../src/lint/secretNames';
import { Finding } from '../../../../src/lint/types';
import { LintWorkspace } from '../../../../src/lint/workspace';
import { b64, caAndLeaf, keys, lineOf, makeCert, NOW, only, secretYaml } from '../fixtures';

const old = caAndLeaf();
const renewedCa = makeCert({ isCA: true, keys: keys(5), commonName: 'renewed-ca' });
const renewedLeaf = makeCert({ issuer: renewedCa, keys: keys(6), hosts: ['kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc'] });

const secretOf = (pair: { ca: { certPem: string }; leaf: { certPem: string; keyPem: string } }, namespace: string | null = 'kuma-system'): string => {
  const text = secretYaml('general-tls-certs', { 'tls.crt': b64(pair.leaf.certPem), 'tls.key': b64(pair.leaf.keyPem), 'ca.crt': b64(pair.ca.certPem) });
  return namespace === null ? text.replace('  namespace: kuma-system\n', '') : text.replace('namespace: kuma-system', `namespace: ${namespace}`);
};
const OLD_SECRET = secretOf(old);
const RENEWED_SECRET = secretOf({ ca: renewedCa, leaf: renewedLeaf });
/** Values that agree with the renewed Secret: correct, whatever the old definition says. */
const VALUES = `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: ${b64(renewedCa.certPem)}\n`;
const NAME_RANGE = { start: { line: 3, character: 18 }, end: { line: 3, character: 35 } };

function workspaceOf(files: Record<string, string>): LintWorkspace {
  const ws = new LintWorkspace({ now: NOW });
  for (const [path, text] of Object.entries(files)) ws.setDocument(path, text);
  return ws;
}

const all = (ws: LintWorkspace): Finding[] => [...ws.lintAll().values()].flat();
const repairs = (findings: Finding[]) => findings.flatMap((f) => f.fixes.filter((x) => !x.title.startsWith('Disable')));

test('two definitions in the same namespace: secret-ambiguous on the secretName with both related; no ca-bundle-mismatch and no fix that picks one', () => {
  const ws = workspaceOf({ '/w/k8s/secret.yaml': OLD_SECRET, '/w/renewed/secret.yaml': RENEWED_SECRET, '/w/values.yaml': VALUES });
  const findings = ws.lint('/w/values.yaml');
  const [finding] = only(findings, 'secret-ambiguous');
  assert.ok(finding, `got ${findings.map((f) => f.rule).join(', ')}`);
  assert.equal(finding.severity, 'warning');
  assert.deepEqual(finding.range, NAME_RANGE);
  assert.match(finding.message, /^Secret general-tls-certs is defined 2 times in kuma-system, with different content \(they differ in ca\.crt, tls\.crt, tls\.key\) \(see related\)/);
  assert.deepEqual(
    finding.related.map((r) => [r.path, r.range.start.line, r.message]),
    [
      ['/w/k8s/secret.yaml', lineOf(OLD_SECRET, 'name:'), 'definition 1 of 2: Secret manifest in kuma-system'],
      ['/w/renewed/secret.yaml', lineOf(RENEWED_SECRET, 'name:'), 'definition 2 of 2: Secret manifest in kuma-system'],
    ],
  );
  assert.doesNotMatch(finding.message, /LS0t|[A-Za-z0-9+/]{40}/, 'no certificate material echoed');
  assert.deepEqual(finding.fixes.map((f) => f.title), ['Disable secret-ambiguous for this line']);
  // The bug: the old definition made the correct caBundle red, with a fix to the unrelated CA.
  assert.deepEqual(findings.map((f) => f.rule), ['secret-ambiguous']);
  assert.deepEqual(repairs(all(ws)), []);
});

test('different namespaces are not ambiguous: the control plane\'s namespace decides which definition is compared', () => {
  const ws = workspaceOf({ '/w/k8s/secret.yaml': secretOf(old, 'default'), '/w/renewed/secret.yaml': RENEWED_SECRET, '/w/values.yaml': VALUES });
  assert.deepEqual(ws.lint('/w/values.yaml'), [], 'the kuma-system Secret agrees with caBundle; the one in default does not count');
  // The same workspace installed into default: now the old Secret is the one, and it disagrees.
  ws.setDocument('/w/install.sh', 'helm upgrade --install kuma kuma/kuma --namespace default -f values.yaml\n');
  const findings = ws.lint('/w/values.yaml');
  assert.deepEqual(findings.map((f) => f.rule), ['ca-bundle-mismatch']);
  assert.deepEqual(findings[0].related.map((r) => r.path), ['/w/k8s/secret.yaml']);
});

test('a definition without a namespace competes with the one in the control plane\'s namespace: ambiguous', () => {
  const ws = workspaceOf({ '/w/k8s/secret.yaml': secretOf(old, null), '/w/renewed/secret.yaml': RENEWED_SECRET, '/w/values.yaml': VALUES });
  const [finding] = only(ws.lint('/w/values.yaml'), 'secret-ambiguous');
  assert.ok(finding);
  assert.match(finding.message, /defined 2 times in kuma-system or without a namespace/);
  assert.deepEqual(finding.related.map((r) => r.message), ['definition 1 of 2: Secret manifest, no namespace written', 'definition 2 of 2: Secret manifest in kuma-system']);
  assert.deepEqual(only(ws.lint('/w/values.yaml'), 'ca-bundle-mismatch'), []);
});

test('identical copies (the same manifest under docs/) are one definition: no secret-ambiguous, and the rules still judge it', () => {
  const ws = workspaceOf({ '/w/k8s/secret.yaml': OLD_SECRET, '/w/docs/secret.yaml': OLD_SECRET.replace(/\n/g, '\r\n'), '/w/values.yaml': VALUES });
  const findings = ws.lint('/w/values.yaml');
  assert.deepEqual(findings.map((f) => f.rule), ['ca-bundle-mismatch'], 'one finding for both copies');
  assert.equal(repairs(findings).length, 1, 'the fix may take either copy\'s ca.crt: they are the same');
});

test('a kubectl create secret line and a manifest of the same name: ambiguous, and secret-missing-key stays silent too', () => {
  const script = 'kubectl create secret generic general-tls-certs -n kuma-system --from-file=tls.crt=certs/tls.crt --from-file=tls.key=certs/tls.key\n';
  const files = { '/w/certs/tls.crt': renewedLeaf.certPem, '/w/certs/tls.key': renewedLeaf.keyPem, '/w/create.sh': script, '/w/k8s/secret.yaml': OLD_SECRET, '/w/values.yaml': VALUES };
  const ws = workspaceOf(files);
  const findings = ws.lint('/w/values.yaml');
  assert.deepEqual(findings.map((f) => f.rule), ['secret-ambiguous'], 'the kubectl Secret lacks ca.crt, but it may not be the one mounted');
  assert.deepEqual(findings[0].related.map((r) => [r.path, r.message]), [
    ['/w/create.sh', 'definition 1 of 2: kubectl create secret in kuma-system'],
    ['/w/k8s/secret.yaml', 'definition 2 of 2: Secret manifest in kuma-system'],
  ]);
  assert.equal(script.slice(findings[0].related[0].range.start.character, findings[0].related[0].range.end.character), 'general-tls-certs');
  // One definition left: the verdicts come back.
  ws.removeDocument('/w/k8s/secret.yaml');
  assert.deepEqual(ws.lint('/w/values.yaml').map((f) => f.rule), ['secret-missing-key']);
});

test('a kubectl line reading files outside the workspace differs from a manifest: its content cannot be known', () => {
  const script = 'kubectl create secret generic general-tls-certs --from-file=tls.crt=/tmp/tls.crt --from-file=tls.key=/tmp/tls.key --from-file=ca.crt=/tmp/ca.crt\n';
  const ws = workspaceOf({ '/w/create.sh': script, '/w/k8s/secret.yaml': RENEWED_SECRET, '/w/values.yaml': VALUES });
  assert.deepEqual(ws.lint('/w/values.yaml').map((f) => f.rule), ['secret-ambiguous']);
  // The same unknowable line twice (a runbook and its script) is one definition.
  const twice = workspaceOf({ '/w/create.sh': script, '/w/README.md': `\`\`\`sh\n${script}\`\`\`\n`, '/w/values.yaml': VALUES });
  assert.deepEqual(only(twice.lint('/w/values.yaml'), 'secret-ambiguous'), []);
});

test('cert-untrusted across files (caBundle vs tls.crt of a Secret without ca.crt) is silent for an ambiguous name', () => {
  const withoutCa = (leaf: { certPem: string; keyPem: string }) => secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem) });
  const caSecret = secretYaml('general-ca', { 'ca.crt': b64(renewedCa.certPem) });
  const values = `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caSecretName: general-ca\n      caBundle: ${b64(renewedCa.certPem)}\n`;
  const ws = workspaceOf({ '/w/old.yaml': withoutCa(old.leaf), '/w/renewed.yaml': withoutCa(renewedLeaf), '/w/ca.yaml': caSecret, '/w/values.yaml': values });
  assert.deepEqual(only(all(ws), 'cert-untrusted'), [], 'the old tls.crt is not known to be the one served');
  ws.removeDocument('/w/renewed.yaml');
  assert.equal(only(ws.lint('/w/old.yaml'), 'cert-untrusted').length, 1, 'alone, the old Secret is judged');
});

test('the API server and global KDS certificates are not judged when their Secret name is ambiguous', () => {
  const ca = makeCert({ isCA: true, keys: keys(1), commonName: 'kds-ca' });
  const cert = (host: string, k: number) => makeCert({ issuer: ca, keys: keys(k), hosts: [host] });
  const tls = (name: string, c: { certPem: string; keyPem: string }) => secretYaml(name, { 'tls.crt': b64(c.certPem), 'tls.key': b64(c.keyPem) });
  const files = {
    '/w/global/values.yaml': 'controlPlane:\n  mode: global\n  tls:\n    kdsGlobalServer:\n      secretName: kds-global-tls\n    apiServer:\n      secretName: api-tls\n',
    '/w/global/kds.yaml': tls('kds-global-tls', cert('global.example.com', 2)),
    '/w/global/kds-old.yaml': tls('kds-global-tls', cert('old.example.com', 3)),
    '/w/global/api.yaml': tls('api-tls', cert('cp.example.com', 4)),
    '/w/global/api-old.yaml': tls('api-tls', cert('old.example.com', 6)),
    '/w/zone/values.yaml': 'controlPlane:\n  mode: zone\n  zone: east\n  kdsGlobalAddress: grpcs://global.example.com:5685\n  tls:\n    kdsZoneClient:\n      secretName: kds-ca\n',
    '/w/zone/ca.yaml': secretYaml('kds-ca', { 'ca.crt': b64(ca.certPem) }),
    '/w/zone/ca-other.yaml': secretYaml('kds-ca', { 'ca.crt': b64(makeCert({ isCA: true, keys: keys(3), commonName: 'other' }).certPem) }),
    '/w/kumactl.sh': 'kumactl config control-planes add --name prod --address https://cp.example.com:5682\n',
  };
  const ws = workspaceOf(files);
  assert.deepEqual(all(ws).filter((f) => f.rule === 'cert-hostname-mismatch' || f.rule === 'cert-untrusted'), []);
  assert.deepEqual(only(ws.lint('/w/global/values.yaml'), 'secret-ambiguous').map((f) => f.range.start.line), [4, 6]);
  ws.removeDocument('/w/global/kds.yaml');
  ws.removeDocument('/w/global/api.yaml');
  ws.removeDocument('/w/zone/ca.yaml');
  assert.equal(only(ws.lint('/w/global/api-old.yaml'), 'cert-hostname-mismatch').length, 1, 'one API server Secret: judged');
  assert.deepEqual(only(ws.lint('/w/global/kds-old.yaml'), 'cert-hostname-mismatch').length, 1, 'one KDS Secret: judged');
  assert.deepEqual(only(ws.lint('/w/global/kds-old.yaml'), 'cert-untrusted').length, 1, 'one zone CA Secret: judged');
});

test('the caBundle hover says "defined 2 times" instead of whether the CA issued one of them; completions describe no keys', () => {
  const values = buildDocument('/w/values.yaml', VALUES, 1);
  const oldDoc = buildDocument('/w/k8s/secret.yaml', OLD_SECRET, 1);
  const renewedDoc = buildDocument('/w/renewed/secret.yaml', RENEWED_SECRET, 1);
  const at = materialAt(values, { line: 4, character: 20 });
  assert.ok(at);
  assert.deepEqual(caBundlePartners(values, at.slot.slot, documentLookup([values, oldDoc, renewedDoc])), {
    partners: [],
    notes: [{ ok: false, undecided: true, text: 'not compared: Secret general-tls-certs is defined 2 times, with different content (in kuma-system or without a namespace)' }],
  });
  const single = caBundlePartners(values, at.slot.slot, documentLookup([values, renewedDoc, buildDocument('/w/docs/secret.yaml', RENEWED_SECRET, 1)]));
  assert.deepEqual([single.partners.map((p) => p.label), single.notes], [['tls.crt of Secret general-tls-certs'], []]);

  // The language server passes its workspace, whose live index answers instead of one built per
  // hover from every document: the same partners and notes, as the workspace changes.
  const ws = new LintWorkspace();
  ws.setDocument('/w/values.yaml', VALUES);
  ws.setDocument('/w/k8s/secret.yaml', OLD_SECRET);
  ws.setDocument('/w/renewed/secret.yaml', RENEWED_SECRET);
  const hovered = ws.get('/w/values.yaml')!;
  const slot = materialAt(hovered, { line: 4, character: 20 })!.slot.slot;
  const viaIndex = (): unknown => JSON.stringify(caBundlePartners(hovered, slot, ws));
  const viaDocuments = (): unknown => JSON.stringify(caBundlePartners(hovered, slot, documentLookup([hovered, ...ws.documents()])));
  assert.match(String(viaIndex()), /defined 2 times/);
  assert.equal(viaIndex(), viaDocuments());
  ws.removeDocument('/w/k8s/secret.yaml');
  assert.match(String(viaIndex()), /tls\.crt of Secret general-tls-certs/);
  assert.equal(viaIndex(), viaDocuments());
  const [secret] = definedSecrets([oldDoc, renewedDoc]);
  assert.deepEqual([secret.definitions, secret.differ, secret.keys, secret.paths], [2, true, [], ['/w/k8s/secret.yaml', '/w/renewed/secret.yaml']]);
  const [copies] = definedSecrets([renewedDoc, buildDocument('/w/docs/secret.yaml', RENEWED_SECRET, 1)]);
  assert.deepEqual([copies.definitions, copies.differ, copies.keys], [2, false, ['tls.crt', 'tls.key', 'ca.crt']]);
});
