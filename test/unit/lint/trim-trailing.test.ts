// trimTrailing (src/lint/trim-trailing.ts) stands in for end-anchored regexes such as /\/+$/:
// it must strip what they strip, on texts of every mix of the characters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trimTrailing } from '../../../src/lint/trim-trailing';
import { randomText, seededRandom } from '../seeded-random';

test('trimTrailing strips what the end-anchored regex strips', () => {
  const random = seededRandom(3);
  const cases: Array<[string, RegExp]> = [['/', /\/+$/], ['\\/', /[\\/]+$/]];
  for (let round = 0; round < 20_000; round++) {
    const text = randomText(random, ['/', '\\', 'a', '.', ' ', '//'], 10);
    for (const [characters, regex] of cases) assert.equal(trimTrailing(text, characters), text.replace(regex, ''), JSON.stringify({ text, characters }));
  }
  assert.equal(trimTrailing('', '/'), '');
  assert.equal(trimTrailing('///', '/'), '');
});
