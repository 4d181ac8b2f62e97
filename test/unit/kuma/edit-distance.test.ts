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

/** Plain Levenshtein, the definition the bounded form must agree with. */
function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), row[j] + 1, next[j - 1] + 1);
    row = next;
  }
  return row[b.length];
}

test('bounded edit distance equals min(Levenshtein, limit + 1) on random names of every length pairing', () => {
  let seed = 12;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const name = () => Array.from({ length: Math.floor(random() * 14) }, () => 'ab-c'[Math.floor(random() * 4)]).join('');
  for (let n = 0; n < 3000; n++) {
    const a = name();
    const b = random() < 0.5 ? name() : a.slice(0, Math.floor(random() * (a.length + 1))) + name().slice(0, 2) + a.slice(Math.floor(random() * (a.length + 1)));
    const limit = Math.floor(random() * 5);
    assert.equal(boundedEditDistance(a, b, limit), Math.min(levenshtein(a, b), limit + 1), `${a} / ${b} within ${limit}`);
  }
});

test('bounded edit distance is unchanged when both names share a prefix and a suffix (the part it skips)', () => {
  let seed = 31;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const name = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => 'ab-1'[Math.floor(random() * 4)]).join('');
  for (let n = 0; n < 3000; n++) {
    const prefix = name(20);
    const suffix = name(6);
    const a = prefix + name(5) + suffix;
    const b = prefix + name(5) + suffix;
    const limit = Math.floor(random() * 5);
    assert.equal(boundedEditDistance(a, b, limit), Math.min(levenshtein(a, b), limit + 1), `${a} / ${b} within ${limit}`);
  }
  assert.equal(boundedEditDistance('general-tls-certs-102', 'general-tls-certs-0', 3), 2);
  assert.equal(boundedEditDistance('general-tls-certs-10', 'general-tls-certs-100', 1), 1);
});
