import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedEditDistance, closestWithin } from '../../../src/kuma';

test('bounded edit distance matches plain Levenshtein under the limit', () => {
  assert.equal(boundedEditDistance('kitten', 'sitting', 5), 3);
  assert.equal(boundedEditDistance('', 'abc', 3), 3);
  assert.equal(boundedEditDistance('same', 'same', 0), 0);
  assert.equal(boundedEditDistance('INTERFCE', 'INTERFACE', 1), 1);
});

test('bounded edit distance reports limit + 1 beyond the limit', () => {
  assert.equal(boundedEditDistance('kitten', 'sitting', 2), 3);
  assert.equal(boundedEditDistance('a', 'abcdef', 2), 3);
  assert.equal(boundedEditDistance('abcdef', 'uvwxyz', 1), 2);
});

test('closestWithin picks the nearest candidate or nothing', () => {
  assert.equal(closestWithin('colour', ['color', 'colors', 'cooler'], 2), 'color');
  assert.equal(closestWithin('zzz', ['color'], 2), undefined);
});
