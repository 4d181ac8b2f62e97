import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../../..');

// VS Code 1.100 has no dotenv language; the extension declares one so *.env files get the env snippets,
// and `#` comments so "Toggle Line Comment" writes what the linter's suppression comments expect.
test('the dotenv language configuration comments with #', () => {
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'syntaxes/dotenv.language-configuration.json'), 'utf8'));
  assert.deepEqual(config.comments, { lineComment: '#' });
  assert.deepEqual(config.brackets, []);
  assert.deepEqual(config.autoClosingPairs.map((p: { open: string }) => p.open), ['"', "'"]);
});
