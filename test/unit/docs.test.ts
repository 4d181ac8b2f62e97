// The settings reference and the manifest must agree: users read one and VS Code reads the other.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const settingsDoc = fs.readFileSync(path.join(ROOT, 'docs', 'settings.md'), 'utf8');

test('every contributed setting is in docs/settings.md with its default', () => {
  const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
  assert.ok(Object.keys(properties).length > 0);
  for (const [key, schema] of Object.entries(properties)) {
    const row = settingsDoc.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
    assert.ok(row, `${key} has a row`);
    assert.ok(row.includes(`\`${JSON.stringify(schema.default)}\``), `${key} row shows default ${JSON.stringify(schema.default)}`);
  }
});

test('docs/settings.md names no setting the manifest lacks', () => {
  const properties = manifest.contributes.configuration.properties as Record<string, unknown>;
  const documented = [...settingsDoc.matchAll(/^\| `(kumaTls\.[A-Za-z.]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(documented.filter((key) => !(key in properties)), []);
});

test('every command the manifest declares has a category and a title', () => {
  for (const command of manifest.contributes.commands as { command: string; title: string; category: string }[]) {
    assert.equal(command.category, 'Kuma TLS', command.command);
    assert.ok(command.title.length > 0, command.command);
  }
});
