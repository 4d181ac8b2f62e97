// The scans that run before every YAML parse take shortcuts: forEachIndicator (lint/model/yaml-shape.ts)
// steps over every character that is not an indicator without a call, and yamlNodeEstimateExceeds
// (node-count.ts) skips texts too short to be over the budget. Both must answer what the plain
// reading of their contract does, checked here on random lines full of quotes, comments and
// indicators.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachIndicator } from '../../../src/lint/model/yaml-shape';
import { yamlNodeEstimate, yamlNodeEstimateExceeds } from '../../../src/lint/model/node-count';
import { randomText, seededRandom } from '../seeded-random';

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
  const random = seededRandom(12345);
  let indicators = 0;
  for (let round = 0; round < 5000; round++) {
    const line = randomText(random, pieces, 60);
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

test('the node estimate is at most three nodes a character, so yamlNodeEstimateExceeds may skip short texts', () => {
  // The densest lines there are: document markers, flow brackets, colons at line ends, commas in flow.
  const dense = ['---', '---:', '[', '{', '[,,,]', 'a:', ':', '- a:', '---[', '? a:', '[a: b, c: d]'];
  const random = seededRandom(99);
  for (let round = 0; round < 3000; round++) {
    const separator = random() < 0.5 ? '\n' : '\r\n';
    const text = dense[Math.floor(random() * dense.length)] + randomText(random, dense.map((line) => separator + line), 20);
    const estimate = yamlNodeEstimate(text);
    assert.ok(estimate <= text.length * 3 + 8, `${estimate} nodes in ${text.length} characters: ${JSON.stringify(text)}`);
    assert.equal(yamlNodeEstimateExceeds(text, estimate - 1), true);
    assert.equal(yamlNodeEstimateExceeds(text, estimate), false);
  }
});
