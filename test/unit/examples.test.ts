// examples/README.md promises what each example file shows; this holds it to that, through the
// same engine the editor and the CLI use, with the whole folder as one workspace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { allRuleMeta } from '../../src/lint/rules';
import { LintWorkspace } from '../../src/lint/workspace';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const readme = fs.readFileSync(path.join(EXAMPLES, 'README.md'), 'utf8');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const workspace = new LintWorkspace({});
for (const file of filesUnder(EXAMPLES)) workspace.setDocument(file, fs.readFileSync(file));
const findings = workspace.lintAll();
const rulesOf = (relative: string): string[] => (findings.get(path.join(EXAMPLES, relative)) ?? []).map((f) => f.rule);

/** Rows of a Markdown table under a heading: first cell's backticked paths, second cell's backticked ids. */
function rows(heading: string): { files: string[]; rules: string[] }[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(heading));
  assert.ok(section, `examples/README.md has a "${heading}" section`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      const ticks = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      return { files: ticks(cells[1]), rules: ticks(cells[2] ?? '') };
    });
}

test('the files listed as done right get no finding', () => {
  const clean = rows('Done right');
  assert.ok(clean.length > 0);
  for (const row of clean) {
    for (const file of row.files) {
      assert.ok(fs.existsSync(path.join(EXAMPLES, file)), `${file} exists`);
      assert.deepEqual(rulesOf(file), [], `${file} is clean`);
    }
  }
});

test('each problem example reports the rules its row names', () => {
  for (const row of rows('One problem each')) {
    const [file] = row.files;
    assert.ok(fs.existsSync(path.join(EXAMPLES, file)), `${file} exists`);
    const reported = rulesOf(file);
    const named = row.rules.filter((r) => /^[a-z]+(-[a-z0-9]+)+$/.test(r));
    assert.ok(named.length > 0, `${file}'s row names a rule`);
    for (const rule of named) assert.ok(reported.includes(rule), `${file} reports ${rule} (got ${reported.join(', ') || 'nothing'})`);
  }
});

test('every rule of the catalogue is shown by some example', () => {
  const shown = new Set(rows('One problem each').flatMap((r) => r.rules));
  const engineOnly = new Set(['internal-error', 'file-skipped']);
  const missing = allRuleMeta()
    .map((m) => m.id)
    .filter((id) => !engineOnly.has(id) && !shown.has(id));
  assert.deepEqual(missing, []);
});

test('the ambiguous example is only ambiguous: its caBundle, right for the renewed Secret, is not judged against the old one', () => {
  assert.deepEqual(rulesOf('crossfile/values-ambiguous.yaml'), ['secret-ambiguous']);
  const [finding] = findings.get(path.join(EXAMPLES, 'crossfile/values-ambiguous.yaml')) ?? [];
  assert.deepEqual(finding.related.map((r) => path.relative(EXAMPLES, r.path)), ['crossfile/secret-renewed-old.yaml', 'crossfile/secret-renewed.yaml']);
});
