// forEachIndicator (lint/model/nesting.ts) runs before every YAML parse, for the nesting bound and
// the node estimate; it steps over every character that is not an indicator without a call. Its
// answers must be those of the plain reading of its contract, checked here on random lines full
// of quotes, comments and indicators.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachIndicator } from '../../../src/lint/model/nesting';

/** The contract read plainly: every character outside quotes up to a comment, kept if it is an indicator. */
function reference(text: string, lineStart: number, from: number, lineEnd: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let quote = '';
  for (let i = from; i < lineEnd; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
    else if (':,[]{}'.includes(c)) out.push([c, i]);
  }
  return out;
}

test('forEachIndicator reports the indicators a plain character-by-character scan finds', () => {
  const pieces = ['a', ' ', ':', ',', '[', ']', '{', '}', '"', "'", '#', '\t', 'é', '\u{1F600}', 'key: ', '- ', 'x#y'];
  let seed = 12345;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let indicators = 0;
  for (let round = 0; round < 5000; round++) {
    let line = '';
    const length = Math.floor(random() * 60);
    for (let j = 0; j < length; j++) line += pieces[Math.floor(random() * pieces.length)];
    const prefix = random() < 0.5 ? 'prev: line\n' : '';
    const text = `${prefix}${line}\nnext: line`;
    const lineStart = prefix.length;
    const from = lineStart + Math.floor(random() * 3);
    const lineEnd = lineStart + line.length;
    const seen: Array<[string, number]> = [];
    forEachIndicator(text, lineStart, Math.min(from, lineEnd), lineEnd, (c, at) => seen.push([c, at]));
    assert.deepEqual(seen, reference(text, lineStart, Math.min(from, lineEnd), lineEnd), JSON.stringify(line));
    indicators += seen.length;
  }
  assert.ok(indicators > 10_000, `the random lines hold indicators (${indicators})`);
});
