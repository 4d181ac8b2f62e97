// YAML merge keys (`<<: *anchor`), which Helm's YAML reader resolves: settings that come through
// a merge are seen, reported where they are written, and a merge bomb stays cheap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDocument } from '../../../src/lint/model/document';
import { helmSecretNames } from '../../../src/lint/model/helm';
import { lintText } from '../../../src/lint/workspace';
import { b64, caAndLeaf, lineOf, only, SINGLE_FILE } from './fixtures';

const { ca, leaf } = caAndLeaf();

test('secretName merged into controlPlane.tls.general is seen: no ca-bundle-secret-pair', () => {
  const text = [
    'defaults: &general',
    '  secretName: general-tls-certs',
    'controlPlane:',
    '  tls:',
    '    general:',
    '      <<: *general',
    `      caBundle: ${b64(ca.certPem)}`,
    '',
  ].join('\n');
  assert.deepEqual(only(lintText('/w/values.yaml', text, SINGLE_FILE), 'ca-bundle-secret-pair'), []);
  const doc = buildDocument('/w/values.yaml', text, 1);
  const [named] = helmSecretNames(doc.yaml!, doc.helmValues[0].doc);
  assert.equal(named.secretName, 'general-tls-certs');
  assert.deepEqual(named.range.start, { line: 1, character: 14 }, 'the range is where the value is written');
});

test('a caBundle that comes through a merge is checked, and reported at its anchor', () => {
  const text = [
    'shared: &tls',
    `  caBundle: ${b64(leaf.keyPem)}`,
    '  secretName: general-tls-certs',
    'controlPlane:',
    '  tls:',
    '    general: *tls',
    'other:',
    '  <<: [*tls]',
    '',
  ].join('\n');
  const [wrong] = only(lintText('/w/values.yaml', text, SINGLE_FILE), 'pem-wrong-type');
  assert.ok(wrong);
  assert.equal(wrong.range.start.line, 1);
  const merged = text.replace('    general: *tls', '    general:\n      <<: *tls');
  const [viaMerge] = only(lintText('/w/values.yaml', merged, SINGLE_FILE), 'pem-wrong-type');
  assert.ok(viaMerge, 'found through <<');
  assert.deepEqual(viaMerge.range.start, { line: lineOf(merged, 'caBundle:'), character: '  caBundle: '.length });
});

test('keys written in the mapping win over merged ones; earlier merge sources over later ones', () => {
  const text = [
    'a: &a',
    '  secretName: from-a',
    'b: &b',
    '  secretName: from-b',
    '  caSecretName: ca-from-b',
    'controlPlane:',
    '  tls:',
    '    general:',
    '      <<: [*a, *b]',
    '    apiServer:',
    '      <<: *a',
    '      secretName: own',
    '',
  ].join('\n');
  const doc = buildDocument('/w/values.yaml', text, 1);
  const names = helmSecretNames(doc.yaml!, doc.helmValues[0].doc).map((n) => [n.slot, n.secretName]);
  assert.deepEqual(names, [['general', 'from-a'], ['generalCa', 'ca-from-b'], ['apiServer', 'own']]);
});

// The timeout is a hang guard: expanded, this chain would be 10^40 mappings.
test('a merge-key bomb is walked once per mapping', { timeout: 60_000 }, () => {
  const lines = ['l0: &l0 {secretName: x}'];
  for (let i = 1; i <= 40; i++) lines.push(`l${i}: &l${i} {<<: [${Array(10).fill(`*l${i - 1}`).join(', ')}]}`);
  lines.push('controlPlane:', '  tls:', '    general:', '      <<: *l40', '');
  const doc = buildDocument('/w/values.yaml', lines.join('\n'), 1);
  const names = helmSecretNames(doc.yaml!, doc.helmValues[0].doc);
  const entries = doc.yaml!.entries(doc.helmValues[0].doc, doc.yaml!.getNode(doc.helmValues[0].doc, ['l40']) as never);
  assert.deepEqual(names.map((n) => n.secretName), ['x']);
  assert.deepEqual(entries.map((e) => e.path), [['secretName']]);
});
