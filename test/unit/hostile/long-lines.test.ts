// Long lines full of YAML indicators make the parser slow far beyond their size; they are
// skipped with one note, while long lines real files have (base64, words) are still linted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasLineWithMoreIndicatorsThan, MAX_INDICATORS_PER_LINE } from '../../../src/lint/model/nesting';
import { lintText } from '../../../src/lint/workspace';

test('a values file with a 120 kB "key: key: …" line is skipped with one file-skipped note', () => {
  const text = `controlPlane:\n  tls:\n    general:\n      secretName: ${'x: '.repeat(40_000)}\n`;
  const findings = lintText('/ws/values.yaml', text);
  assert.deepEqual(findings.map((f) => f.rule), ['file-skipped']);
  assert.match(findings[0].message, /YAML indicators/);
});

test('a flow sequence of 50,000 items on one line is skipped too', () => {
  const findings = lintText('/ws/values.yaml', `controlPlane:\n  envVars: [${'1,'.repeat(50_000)}]\n`);
  assert.deepEqual(findings.map((f) => f.rule), ['file-skipped']);
});

test('a 1 MB base64 caBundle line is still parsed and checked', () => {
  const findings = lintText('/ws/values.yaml', `controlPlane:\n  tls:\n    general:\n      caBundle: ${'QUJD'.repeat(250_000)}\n`);
  assert.ok(!findings.some((f) => f.rule === 'file-skipped'), 'not skipped');
  assert.ok(findings.some((f) => f.rule === 'ca-bundle-secret-pair'), 'the values are checked');
});

test('the indicator count is per line', () => {
  assert.equal(hasLineWithMoreIndicatorsThan('a: [1, 2]\nb: {c: d}\n', 4), false);
  assert.equal(hasLineWithMoreIndicatorsThan('a: [1, 2]\nb: {c: d}\n', 3), true);
  assert.equal(hasLineWithMoreIndicatorsThan('a: [1, 2]', 3), true, 'the last line without a line break counts');
  assert.equal(hasLineWithMoreIndicatorsThan(('a: b\n').repeat(10_000), MAX_INDICATORS_PER_LINE), false);
  assert.equal(hasLineWithMoreIndicatorsThan(`x: ${'a,'.repeat(MAX_INDICATORS_PER_LINE)}\n`, MAX_INDICATORS_PER_LINE), true);
  assert.equal(hasLineWithMoreIndicatorsThan(`${'a,'.repeat(MAX_INDICATORS_PER_LINE)}\n`, MAX_INDICATORS_PER_LINE), false, 'exactly the limit is not over it');
});
