// Document models: exact ranges for env lines, YAML entries and embedded PEM, and the setting
// occurrences every settings rule iterates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isScalar } from 'yaml';
import { buildDocument } from '../../../src/lint/model/document';
import { parseEnv } from '../../../src/lint/model/env';
import { findPemBlocks } from '../../../src/lint/model/pem';
import { LineIndex } from '../../../src/lint/model/text';
import { makeCert } from './fixtures';

test('LineIndex: LF, CRLF and lone CR line breaks; positions round-trip', () => {
  const lines = new LineIndex('a\r\nbc\rd\nlast');
  assert.equal(lines.lineCount, 4);
  assert.deepEqual(lines.pos(4), { line: 1, character: 1 });
  assert.equal(lines.offset({ line: 3, character: 2 }), 10);
  assert.equal(lines.lineText(0), 'a');
  assert.equal(lines.eol, '\r\n');
});

test('env files: export, quotes, escapes, comments, CRLF', () => {
  const text = '# comment\r\nexport KUMA_A="x \\"y\\"" # trailing\r\nKUMA_B=\'$(not)\' \r\nKUMA_C=plain # c\r\nKUMA_D=${HOME}\r\nnot a line\r\n';
  const env = parseEnv(new LineIndex(text));
  assert.deepEqual(env.entries.map((e) => [e.name, e.value, e.exported, e.hasSubstitution]), [
    ['KUMA_A', 'x "y"', true, false],
    ['KUMA_B', '$(not)', false, false],
    ['KUMA_C', 'plain', false, false],
    ['KUMA_D', '${HOME}', false, true],
  ]);
  assert.deepEqual(env.entries[2].valueRange, { start: { line: 3, character: 7 }, end: { line: 3, character: 12 } });
  assert.deepEqual(env.entries[0].nameRange, { start: { line: 1, character: 7 }, end: { line: 1, character: 13 } });
});

test('env files: a double-quoted multi-line PEM value maps blocks to their lines', () => {
  const pem = makeCert().certPem.trimEnd();
  const text = `KUMA_CONTROL_PLANE_CA_CERT="${pem}"\nKUMA_X=1\n`;
  const env = parseEnv(new LineIndex(text));
  assert.equal(env.entries.length, 2);
  const [block] = findPemBlocks(env.entries[0].value);
  const span = env.entries[0].embedded.spanOf(block.start, block.end);
  assert.equal(span.start.line, 0);
  assert.equal(span.end.line, pem.split('\n').length - 1);
  assert.equal(env.entries[1].line, pem.split('\n').length);
});

test('YAML: get/getString/entries with exact key, value and entry ranges; aliases resolved', () => {
  const doc = buildDocument('/w/values.yaml', 'base: &b kuma-system\ncontrolPlane:\n  tls:\n    general:\n      secretName: "quoted"\n      caBundle:\n  ns: *b\n', 1);
  const y = doc.yaml!;
  const d = y.documents[0];
  const entry = y.get(d, ['controlPlane', 'tls', 'general', 'secretName'])!;
  assert.deepEqual(entry.keyRange, { start: { line: 4, character: 6 }, end: { line: 4, character: 16 } });
  assert.deepEqual(entry.valueRange, { start: { line: 4, character: 18 }, end: { line: 4, character: 26 } });
  assert.deepEqual(entry.range, { start: { line: 4, character: 6 }, end: { line: 4, character: 26 } });
  assert.equal(y.getString(d, ['controlPlane', 'tls', 'general', 'secretName']), 'quoted');
  const empty = y.get(d, ['controlPlane', 'tls', 'general', 'caBundle'])!;
  assert.deepEqual(empty.valueRange, { start: { line: 5, character: 15 }, end: { line: 5, character: 15 } });
  assert.equal(y.getString(d, ['controlPlane', 'ns']), 'kuma-system');
  assert.equal(y.get(d, ['controlPlane', 'missing']), undefined);
});

test('YAML: a PEM block in a literal block scalar maps to its own lines and columns', () => {
  const pem = makeCert().certPem.trimEnd().split('\n');
  const text = `kind: Secret\nstringData:\n  ca.crt: |\n    # not a comment inside a block\n${pem.map((l) => `    ${l}`).join('\n')}\n`;
  const doc = buildDocument('/w/s.yaml', text, 1);
  const entry = doc.secrets[0].entries[0];
  const [block] = findPemBlocks(entry.embedded.text);
  assert.deepEqual(entry.embedded.spanOf(block.start, block.end), { start: { line: 4, character: 4 }, end: { line: 4 + pem.length - 1, character: 4 + pem[pem.length - 1].length } });
  assert.ok(entry.node && isScalar(entry.node));
});

test('setting occurrences: container env, compose map and list, Helm envVars, kuma-cp config', () => {
  const text = [
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '      - name: kuma-cp',
    '        env:',
    '        - name: KUMA_GENERAL_TLS_CERT_FILE',
    '          value: /certs/tls.crt',
    '        - name: KUMA_FROM_SECRET',
    '          valueFrom: {secretKeyRef: {name: s, key: k}}',
    '        - name: OTHER',
    '          value: x',
    '---',
    'services:',
    '  cp:',
    '    image: kumahq/kuma-cp',
    '    environment:',
    '      KUMA_MODE: zone',
    '  dp:',
    '    environment:',
    '      - KUMA_CONTROL_PLANE_URL=https://cp:5678',
    '---',
    'controlPlane:',
    '  envVars:',
    '    KUMA_API_SERVER_HTTP_INTERFACE: 127.0.0.1',
    '---',
    'apiServer:',
    '  http:',
    '    interface: 0.0.0.0',
    '',
  ].join('\n');
  const doc = buildDocument('/w/all.yaml', text, 1);
  const summary = doc.settings.map((s) => [s.source, s.component, s.label, s.occurrences.map((o) => [o.envName ?? o.yamlPath?.join('.'), o.value, o.known])]);
  assert.deepEqual(summary, [
    ['workload-env', 'kuma-cp', 'container kuma-cp', [['KUMA_GENERAL_TLS_CERT_FILE', '/certs/tls.crt', true], ['KUMA_FROM_SECRET', '', false]]],
    ['compose', 'kuma-cp', 'service cp', [['KUMA_MODE', 'zone', true]]],
    ['compose', 'kuma-dp', 'service dp', [['KUMA_CONTROL_PLANE_URL', 'https://cp:5678', true]]],
    ['helm-env-vars', 'kuma-cp', 'controlPlane.envVars', [['KUMA_API_SERVER_HTTP_INTERFACE', '127.0.0.1', true]]],
    ['kuma-cp-config', 'kuma-cp', 'kuma-cp config', [['apiServer.http.interface', '0.0.0.0', true]]],
  ]);
  const listItem = doc.settings[2].occurrences[0];
  assert.deepEqual(listItem.nameRange, { start: { line: 21, character: 8 }, end: { line: 21, character: 30 } });
  assert.deepEqual(listItem.valueRange, { start: { line: 21, character: 31 }, end: { line: 21, character: 46 } });
  assert.deepEqual(doc.settings[0].occurrences[0].valueRange, { start: { line: 8, character: 17 }, end: { line: 8, character: 31 } });
});

test('PEM finder: several blocks, headers, truncated block, garbage label', () => {
  const cert = makeCert().certPem;
  const text = `junk\n${cert}-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n-----BEGIN ${'X'.repeat(100)}-----\n-----BEGIN CERTIFICATE-----\nAAAA\n`;
  const blocks = findPemBlocks(text);
  assert.deepEqual(blocks.map((b) => [b.label, b.endLabel, b.der !== null]), [
    ['CERTIFICATE', 'CERTIFICATE', true],
    ['RSA PRIVATE KEY', 'RSA PRIVATE KEY', true],
    ['CERTIFICATE', null, false],
  ]);
  assert.equal(blocks[1].headers['Proc-Type'], '4,ENCRYPTED');
  assert.equal(blocks[0].start, 5);
});
