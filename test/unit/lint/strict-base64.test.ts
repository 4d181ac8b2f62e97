// decodeStrictBase64 (lint/model/pem.ts) leans on Node's decoder instead of a regular expression;
// it must accept and decode exactly what the expression's reading does, on strings full of the
// characters that decoder passes over or reads differently.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeStrictBase64 } from '../../../src/lint/model/pem';

const STRICT = /^[A-Za-z0-9+/]*={0,2}$/;

function byExpression(s: string): Buffer | null {
  return s.length % 4 === 0 && STRICT.test(s) ? Buffer.from(s, 'base64') : null;
}

test('decodeStrictBase64 accepts and decodes what the strict expression does', () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const others = ['=', '-', '_', ' ', '\n', '\r', '\t', '!', '.', 'é', '\u0000', '\u00a0', '\u0100', '\u{1F600}'];
  let seed = 3;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let accepted = 0;
  let refused = 0;
  for (let round = 0; round < 100_000; round++) {
    let s = '';
    const length = Math.floor(random() * 12) * 4 + (random() < 0.1 ? 1 : 0);
    for (let i = 0; i < length; i++) s += random() < 0.08 ? others[Math.floor(random() * others.length)] : alphabet[Math.floor(random() * alphabet.length)];
    if (random() < 0.3) {
      const pad = Math.floor(random() * 4);
      s = s.slice(0, Math.max(0, s.length - pad)) + '='.repeat(pad);
    }
    const expected = byExpression(s);
    const actual = decodeStrictBase64(s);
    assert.deepEqual(actual, expected, JSON.stringify(s));
    if (expected) accepted++;
    else refused++;
  }
  assert.ok(accepted > 10_000 && refused > 10_000, `${accepted} accepted, ${refused} refused`);
  assert.deepEqual(decodeStrictBase64(''), Buffer.alloc(0));
  assert.equal(decodeStrictBase64('QQ=\n'), null);
  assert.equal(decodeStrictBase64('Q-_A'), null);
  assert.equal(decodeStrictBase64('A==='), null);
});
