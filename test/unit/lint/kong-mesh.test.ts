// Kong Mesh's chart nests Kuma's values under `kuma:`; every rule, fix, hover and the values schema work there too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { helmValueAt } from '../../../src/lint/services/locate';
import { helmValueByPath, kumaChartPath } from '../../../src/kuma';
import { buildDocument } from '../../../src/lint/model/document';
import { Finding } from '../../../src/lint/types';
import { LintWorkspace, lintText } from '../../../src/lint/workspace';
import { SchemaNode, validate } from '../schema/mini-validator';
import { applyFix, b64, caAndLeaf, lineOf, secretYaml, SINGLE_FILE } from './fixtures';

const { ca } = caAndLeaf();

/** Kuma's values: wrong in several ways, so that many rules and fixes have something to say. */
const KUMA_VALUES = [
  'controlPlane:',
  '  service:',
  '    type: LoadBalancer',
  '  kdsGlobalAddress: grpc://global.example.com:5685',
  '  tls:',
  '    general:',
  '      secretName: x',
  '    kdsZoneClient:',
  '      skipVerify: true',
  '      cert: ' + b64(ca.certPem),
  '  envVars:',
  '    KUMA_API_SERVER_HTTP_INTERFACE: 0.0.0.0',
  '    KUMA_GENERAL_TLS_MIN_VERSION: TLSv1_1',
  '',
].join('\n');

const KONG_MESH_VALUES = `kuma:\n${KUMA_VALUES.split('\n').map((line) => (line ? `  ${line}` : line)).join('\n')}`;

/** Findings with the Kong Mesh file's ranges moved back by its one extra line and two columns. */
function comparable(findings: Finding[], shifted: boolean): unknown[] {
  const back = (p: { line: number; character: number }) => (shifted ? { line: p.line - 1, character: p.character - 2 } : p);
  return findings.map((f) => ({
    rule: f.rule,
    start: back(f.range.start),
    end: back(f.range.end),
    fixes: f.fixes.map((fix) => fix.title),
  }));
}

test('kuma.controlPlane.tls.general.secretName alone: ca-bundle-secret-pair, as for Kuma\'s layout', () => {
  const text = 'kuma:\n  controlPlane:\n    tls:\n      general:\n        secretName: x\n';
  const [finding] = lintText('/km/values.yaml', text, SINGLE_FILE);
  assert.equal(finding?.rule, 'ca-bundle-secret-pair');
  assert.deepEqual(finding.range.start, { line: 4, character: 8 });
});

test('Kong Mesh values get the same findings and fixes as the same values in Kuma\'s layout', () => {
  const plain = lintText('/k/values.yaml', KUMA_VALUES, SINGLE_FILE);
  const kong = lintText('/km/values.yaml', KONG_MESH_VALUES, SINGLE_FILE);
  assert.ok(plain.length >= 6, `enough findings to compare: ${plain.map((f) => f.rule).join(', ')}`);
  assert.deepEqual(comparable(kong, true), comparable(plain, false));
  // A fix edits the Kong Mesh file where it should.
  const http = kong.find((f) => f.rule === 'api-server-http-exposed' && f.fixes.some((fix) => /127\.0\.0\.1/.test(fix.title)))!;
  const fixed = applyFix(KONG_MESH_VALUES, http.fixes.find((fix) => /127\.0\.0\.1/.test(fix.title))!);
  assert.match(fixed, /^ {6}KUMA_API_SERVER_HTTP_INTERFACE: 127\.0\.0\.1$/m);
});

test('cross-file rules follow a Kong Mesh secretName to its Secret', () => {
  const workspace = new LintWorkspace({ ...SINGLE_FILE, severities: {} });
  workspace.setDocument('/km/secret.yaml', secretYaml('kong-tls', { 'tls.crt': b64(ca.certPem) }));
  workspace.setDocument('/km/values.yaml', `kuma:\n  controlPlane:\n    tls:\n      general:\n        secretName: kong-tls\n        caBundle: ${b64(ca.certPem)}\n`);
  const missing = workspace.lint('/km/values.yaml').find((f) => f.rule === 'secret-missing-key');
  assert.ok(missing, 'secret-missing-key: the Secret lacks tls.key');
  assert.equal(missing.range.start.line, 4);
});

test('hovers find the chart value under kuma:, and chart paths with the kuma. prefix are Kuma\'s', () => {
  const doc = buildDocument('/km/values.yaml', KONG_MESH_VALUES, 1);
  const line = lineOf(KONG_MESH_VALUES, 'secretName:');
  const hover = helmValueAt(doc, { line, character: 9 });
  assert.equal(hover?.value.path, 'controlPlane.tls.general.secretName');
  assert.equal(helmValueByPath('kuma.controlPlane.tls.general.caBundle')?.path, 'controlPlane.tls.general.caBundle');
  assert.deepEqual(kumaChartPath(['kuma', 'controlPlane', 'tls']), ['controlPlane', 'tls']);
  assert.deepEqual(kumaChartPath(['controlPlane']), ['controlPlane']);
});

test('the values schema checks Kuma\'s values under kuma: too', () => {
  const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../schemas/kuma-helm-values.schema.json'), 'utf8')) as SchemaNode;
  const errorsFor = (text: string) => validate(schema, parseAllDocuments(text)[0].toJS());
  assert.deepEqual(errorsFor('kuma:\n  controlPlane:\n    tls:\n      general:\n        secretname: x\n'), [{ path: 'kuma.controlPlane.tls.general.secretname', message: 'unknown key' }]);
  assert.deepEqual(errorsFor('kuma:\n  controlPlane:\n    mode: zone\n  other: 1\n'), []);
});
