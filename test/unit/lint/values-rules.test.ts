// Helm values rules: ca-bundle-secret-pair, cert-manager-conflict, secret-missing-key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace, lintText } from '../../../src/lint/workspace';
import { applyFix, b64, caAndLeaf, rulesOf, secretYaml, SINGLE_FILE } from './fixtures';

const opts = SINGLE_FILE;
const { ca, leaf } = caAndLeaf();
const bundle = b64(ca.certPem);

function general(lines: string[]): string {
  return `controlPlane:\n  tls:\n    general:\n${lines.map((l) => `      ${l}\n`).join('')}`;
}

test('ca-bundle-secret-pair: secretName alone, reported on the secretName entry', () => {
  const [finding] = lintText('/w/values.yaml', general(['secretName: general-tls-certs']), opts);
  assert.equal(finding.rule, 'ca-bundle-secret-pair');
  assert.deepEqual(finding.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 35 } });
  assert.match(finding.message, /You need to send both or neither/);
});

test('ca-bundle-secret-pair: caBundle alone; caSecretName does not count', () => {
  const findings = lintText('/w/values.yaml', general(['caSecretName: ca-only', `caBundle: ${bundle}`]), opts);
  assert.deepEqual(rulesOf(findings), ['ca-bundle-secret-pair']);
  assert.equal(findings[0].range.start.line, 4);
});

test('ca-bundle-secret-pair: both or neither is fine; empty strings count as unset', () => {
  assert.deepEqual(lintText('/w/values.yaml', general(['secretName: general-tls-certs', `caBundle: ${bundle}`]), opts), []);
  assert.deepEqual(lintText('/w/values.yaml', general(['secretName: ""', 'caBundle: ""']), opts), []);
});

test('cert-manager-conflict: secretName and caBundle with cert-manager, fix clears the value', () => {
  const text = general(['secretName: general-tls-certs', `caBundle: ${bundle}`, 'certManager:', '  enabled: true']);
  const findings = lintText('/w/values.yaml', text, opts);
  assert.deepEqual(findings.map((f) => [f.rule, f.range.start.line]), [
    ['cert-manager-conflict', 3],
    ['cert-manager-conflict', 4],
  ]);
  assert.equal(findings[0].related[0].range.start.line, 6);
  const fixed = applyFix(applyFix(text, findings[1].fixes[0]), findings[0].fixes[0]);
  assert.deepEqual(lintText('/w/values.yaml', fixed, opts), []);
  assert.deepEqual(lintText('/w/values.yaml', general(['certManager:', '  enabled: true']), opts), []);
});

test('secret-missing-key: kdsGlobalServer.create without cert and key, kdsZoneClient.create without cert', () => {
  const text = 'controlPlane:\n  tls:\n    kdsGlobalServer:\n      create: true\n    kdsZoneClient:\n      create: true\n';
  const findings = lintText('/w/values.yaml', text, opts);
  assert.deepEqual(findings.map((f) => [f.rule, f.range.start.line]), [
    ['secret-missing-key', 3],
    ['secret-missing-key', 3],
    ['secret-missing-key', 5],
  ]);
  assert.match(findings.map((f) => f.message).join('\n'), /you must provide a kds tls cert[\s\S]*you must provide a kds tls key[\s\S]*you must provide a kds cert/);
  assert.deepEqual(lintText('/w/values.yaml', 'controlPlane:\n  tls:\n    kdsGlobalServer:\n      create: false\n', opts), []);
});

test('secret-missing-key: the Secret a values file names lacks ca.crt; caSecretName lifts that need', () => {
  const workspace = new LintWorkspace(opts);
  workspace.setDocument('/w/secret.yaml', secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem) }));
  workspace.setDocument('/w/values.yaml', general(['secretName: general-tls-certs', `caBundle: ${bundle}`]));
  const [finding] = workspace.lint('/w/values.yaml');
  assert.equal(finding.rule, 'secret-missing-key');
  assert.equal(finding.range.start.line, 3);
  assert.match(finding.message, /no ca\.crt/);
  assert.equal(finding.related[0].path, '/w/secret.yaml');
  assert.ok(workspace.dependentsOf('/w/secret.yaml').includes('/w/values.yaml'));
  workspace.setDocument('/w/values.yaml', general(['secretName: general-tls-certs', 'caSecretName: ca', `caBundle: ${bundle}`]));
  assert.deepEqual(workspace.lint('/w/values.yaml'), []);
});
