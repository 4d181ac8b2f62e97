// Regression: deeply nested YAML parsed more than once (every keystroke in the editor) aborted
// the whole process (V8 "RegExpCompiler Allocation failed"), which no try/catch survives.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { MAX_YAML_NESTING, yamlNestingBound } from '../../../src/lint/model/nesting';
import { LintWorkspace } from '../../../src/lint/workspace';
import { REPO_ROOT } from '../../fuzz/corpus';

test('10,000 nested block sequences, flow sequences and flow maps, linted ten times each: one file-skipped each time', () => {
  const workspace = new LintWorkspace();
  // A first document of Kuma values lets the files through the pre-parse scan to the nesting bound.
  const shapes = ['- '.repeat(10_000) + 'x\n', '['.repeat(10_000) + ']'.repeat(10_000) + '\n', 'a: ' + '{b: '.repeat(10_000) + '\n'].map((shape) => `controlPlane:\n  mode: zone\n---\n${shape}`);
  for (let round = 0; round < 10; round++) {
    for (const text of shapes) {
      workspace.setDocument('/n/values.yaml', text);
      const findings = workspace.lint('/n/values.yaml');
      assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.message]), [['file-skipped', 'info', `kuma-tls did not lint this file: its YAML nests deeper than ${MAX_YAML_NESTING} levels.`]]);
    }
  }
});

test('the nesting bound counts indentation levels, compact sequence entries and flow brackets, not quoted or commented brackets', () => {
  assert.equal(yamlNestingBound('a:\n  b:\n    c: 1\n'), 3);
  assert.equal(yamlNestingBound('- - - x\n'), 4);
  assert.equal(yamlNestingBound('a: [1, [2, {c: 3}]]\n'), 4);
  assert.equal(yamlNestingBound('a: "[[[["\nb: \'{{\' # [[[[\n'), 1);
  assert.equal(yamlNestingBound('a: [[\n---\nb: 1\n'), 3);
  // Indentation inside a flow collection counts too: an over-estimate, never an under-estimate.
  assert.equal(yamlNestingBound('a: [\n  [\n    1\n  ]\n]\nb: 2\n'), 5);
});

test('every YAML example stays far below the limit, so real files are always parsed', () => {
  const dir = path.join(REPO_ROOT, 'examples');
  const yamlFiles = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(yamlFiles.length >= 5);
  for (const file of yamlFiles) assert.ok(yamlNestingBound(readFileSync(path.join(dir, file), 'utf8')) < 20, file);
});
