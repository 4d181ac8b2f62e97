import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { allRuleMeta } from '../../../src/lint/rules';
import { lintText } from '../../../src/lint/workspace';

const repoRoot = path.resolve(__dirname, '../../../..');
const docsDir = path.join(repoRoot, 'docs/rules');
// The rule catalogue is the contract shared by the sessions that build this repository (../shared beside it).
const catalogue = path.resolve(repoRoot, '../shared/lint-rules.md');

const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3));
const readme = readFileSync(path.join(docsDir, 'README.md'), 'utf8');
const page = (id: string) => readFileSync(path.join(docsDir, `${id}.md`), 'utf8');

function catalogueIds(): string[] {
  const text = readFileSync(catalogue, 'utf8');
  return [...text.matchAll(/^\| `([a-z0-9-]+)` \| (?:error|warning|info) \|/gm)].map((m) => m[1]);
}

test('every rule of the catalogue, the registry and the engine has a page', () => {
  const ids = new Set(allRuleMeta().map((r) => r.id));
  if (existsSync(catalogue)) {
    const listed = catalogueIds();
    assert.ok(listed.length >= 28, 'the catalogue lists its rules');
    for (const id of listed) ids.add(id);
  }
  assert.ok(ids.has('file-skipped') && ids.has('internal-error'));
  for (const id of ids) assert.ok(pages.includes(id), `docs/rules/${id}.md exists`);
});

test('each page states the registry\'s default severity', () => {
  for (const meta of allRuleMeta()) {
    const m = /^\| (error|warning|info) \| /m.exec(page(meta.id));
    assert.ok(m, `${meta.id}: severity row`);
    assert.equal(m[1], meta.defaultSeverity, meta.id);
  }
});

test('the README links every page once, with the page\'s severity', () => {
  const rows = [...readme.matchAll(/^\| \[`([a-z0-9-]+)`\]\(([a-z0-9-]+)\.md\) \| (error|warning|info) \|/gm)];
  assert.deepEqual(rows.map((r) => r[1]).sort(), [...pages].sort());
  for (const [, id, target, severity] of rows) {
    assert.equal(target, id);
    assert.match(page(id), new RegExp(`^\\| ${severity} \\| `, 'm'), id);
  }
});

test('each page has its sections, a bad and a good example, and how to disable it', () => {
  for (const id of pages) {
    const text = page(id);
    assert.ok(text.startsWith(`# \`${id}\`: `), `${id}: title`);
    for (const heading of ['## What it catches', '## Why Kuma cares', '## Example', '## Kuma versions', '## Quick fixes', '## Turn it off', '## References']) {
      assert.ok(text.includes(`\n${heading}\n`), `${id}: ${heading}`);
    }
    assert.ok(text.includes('Reported:') && text.includes('Not reported:'), `${id}: examples`);
    assert.ok(text.includes(`"kumaTls.lint.rules": { "${id}": "off" }`), `${id}: setting`);
    if (id !== 'file-skipped' && id !== 'internal-error') {
      assert.ok(text.includes(`# kuma-tls-disable-next-line ${id}`), `${id}: suppression comment`);
    }
  }
});

test('YAML examples parse and no page carries key material', () => {
  for (const id of pages) {
    const text = page(id);
    for (const block of text.matchAll(/```yaml\n([\s\S]*?)```/g)) {
      for (const doc of parseAllDocuments(block[1])) {
        assert.ok(!('empty' in doc));
        assert.deepEqual(doc.errors, [], `${id}: ${block[1]}`);
      }
    }
    assert.doesNotMatch(text, /PRIVATE KEY-----\n\s*[A-Za-z0-9+/]{16,}/, `${id}: no private key body`);
  }
});

// Examples the linter can check on their own: complete YAML and env text (no `…` elisions), for rules
// that one file decides.
const EXAMPLE_FILES: Record<string, string> = { yaml: 'values.yaml', dotenv: 'kuma-cp.env' };
const NEEDS_WORKSPACE = new Set(['secret-not-found', 'secret-missing-key', 'secret-namespace', 'ca-bundle-mismatch']);

test('complete YAML and env examples behave as their page says', () => {
  let checked = 0;
  for (const id of pages) {
    if (NEEDS_WORKSPACE.has(id)) continue;
    for (const [, kind, lang, code] of page(id).matchAll(/(Reported|Not reported):\n\n```(\w+)\n([\s\S]*?)```/g)) {
      const file = EXAMPLE_FILES[lang];
      if (!file || code.includes('…')) continue;
      const name = /^kind: Secret$/m.test(code) ? 'secret.yaml' : file;
      const rules = lintText(path.join(repoRoot, 'docs-check', name), code, { now: new Date() }).map((f) => f.rule);
      assert.equal(rules.includes(id), kind === 'Reported', `${id}: ${kind} example gives ${rules.join(', ') || 'nothing'}`);
      checked++;
    }
  }
  assert.ok(checked >= 15, `${checked} examples checked`);
});
