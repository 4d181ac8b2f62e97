// A file over the size cap is screened as a file under it is (model/prescan.ts) when it is at most
// 16 times the cap: a CRD bundle or another chart's template is passed over like any non-Kuma
// file, and only one that may be Kuma's is reported as not linted (file-skipped). Kong's charts
// hold two such CRD bundles of about 3 MB, each an info finding before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace } from '../../../src/lint/workspace';

const CAP = 1000;

function crdBundle(bytes: number): string {
  const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gateways.example.com\nspec:\n  group: example.com\n';
  return `${crd}---\n`.repeat(Math.ceil(bytes / (crd.length + 4)));
}

function lintOne(path: string, content: string | Uint8Array): string[] {
  const workspace = new LintWorkspace({ maxFileBytes: CAP, now: new Date('2026-12-02T00:00:00Z') });
  workspace.setDocument(path, content);
  return workspace.lint(path).map((f) => `${f.rule}: ${f.message}`);
}

test('a CRD bundle over the cap is passed over silently, as text and as bytes', () => {
  const text = crdBundle(5 * CAP);
  assert.ok(text.length > CAP && text.length < 16 * CAP);
  assert.deepEqual(lintOne('/w/crds.yaml', text), []);
  assert.deepEqual(lintOne('/w/crds.yaml', Buffer.from(text)), []);
});

test('a rendered chart template over the cap is passed over silently', () => {
  const template = `{{- if .Values.enabled }}\n${'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n'.repeat(80)}{{- end }}\n`;
  assert.ok(template.length > CAP);
  assert.deepEqual(lintOne('/w/chart/templates/big.yaml', template), []);
});

test('a values file over the cap that may be Kuma\'s is reported as not linted, with the cap', () => {
  const values = `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n${'# padding\n'.repeat(300)}`;
  const [finding, ...rest] = lintOne('/w/values.yaml', values);
  assert.deepEqual(rest, []);
  assert.match(finding, /^file-skipped: .*over the 0\.0 MB limit/);
});

test('a file over 16 times the cap is reported unread, whatever it holds', () => {
  const text = crdBundle(17 * CAP);
  const [finding, ...rest] = lintOne('/w/crds.yaml', text);
  assert.deepEqual(rest, []);
  assert.match(finding, /^file-skipped: /);
});

test('a PEM file over the cap is reported as not linted (only YAML and Markdown are screened)', () => {
  const pem = `-----BEGIN CERTIFICATE-----\n${'QUFB'.repeat(16).concat('\n').repeat(40)}-----END CERTIFICATE-----\n`;
  assert.ok(pem.length > CAP);
  assert.match(lintOne('/w/tls.crt', pem)[0] ?? '', /^file-skipped: /);
});

test('a file that grows over the cap into no Kuma file drops the findings it had', () => {
  const workspace = new LintWorkspace({ maxFileBytes: CAP, now: new Date('2026-12-02T00:00:00Z') });
  workspace.setDocument('/w/crds.yaml', 'controlPlane:\n  tls:\n    general:\n      caBundle: not-base64!\n');
  assert.ok(workspace.lint('/w/crds.yaml').length > 0, 'a broken caBundle is reported under the cap');
  workspace.setDocument('/w/crds.yaml', crdBundle(5 * CAP));
  assert.deepEqual(workspace.lint('/w/crds.yaml'), []);
});

test('only YAML and Markdown files up to 16 times the cap are read over it; the CLI skips every other one unread', () => {
  const workspace = new LintWorkspace({ maxFileBytes: CAP });
  assert.equal(workspace.screensOverCap('/w/crds.yaml', 5 * CAP), true);
  assert.equal(workspace.screensOverCap('/w/sbom.json', 5 * CAP), true);
  assert.equal(workspace.screensOverCap('/w/README.md', 16 * CAP), true);
  assert.equal(workspace.screensOverCap('/w/crds.yaml', CAP), false, 'under the cap there is nothing to decide');
  assert.equal(workspace.screensOverCap('/w/crds.yaml', 16 * CAP + 1), false);
  for (const path of ['/w/tls.crt', '/w/install.sh', '/w/kuma-cp.env']) assert.equal(workspace.screensOverCap(path, 5 * CAP), false, path);
});
