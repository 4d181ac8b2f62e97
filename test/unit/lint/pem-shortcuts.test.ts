// Two shortcuts of lint/model/pem.ts: decodeStrictBase64 leans on Node's decoder instead of a
// regular expression, and a PEM body without headers is read in one replace instead of line by
// line. Each must answer what its plain reading does, on strings full of the characters that the
// decoder passes over or reads differently, and of the white space trim() knows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeStrictBase64, findPemBlocks } from '../../../src/lint/model/pem';
import { randomText, seededRandom } from '../seeded-random';

const STRICT = /^[A-Za-z0-9+/]*={0,2}$/;

function byExpression(s: string): Buffer | null {
  return s.length % 4 === 0 && STRICT.test(s) ? Buffer.from(s, 'base64') : null;
}

test('decodeStrictBase64 accepts and decodes what the strict expression does', () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const others = ['=', '-', '_', ' ', '\n', '\r', '\t', '!', '.', 'é', '\u0000', '\u00a0', '\u0100', '\u{1F600}'];
  const random = seededRandom(3);
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

/** A PEM body's headers and base64 read line by line (splitBody in lint/model/pem.ts before its shortcut). */
function bodyByLines(body: string): { headers: Record<string, string>; base64: string } {
  const headers: Record<string, string> = {};
  const lines = body.split(/\r?\n|\r/);
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i < lines.length && lines[i].includes(':')) {
    while (i < lines.length && lines[i].includes(':')) {
      const colon = lines[i].indexOf(':');
      headers[lines[i].slice(0, colon).trim()] = lines[i].slice(colon + 1).trim();
      i++;
    }
  }
  let base64 = '';
  for (; i < lines.length; i++) base64 += lines[i].replace(/[ \t\r\n]+/g, '');
  return { headers, base64 };
}

test('a PEM body is split into headers and base64 as reading it line by line does', () => {
  const pieces = ['QUJD', 'RA==', '\n', '\r\n', '\r', ' ', '\t', '\u00a0', '\f', '\v', 'Proc-Type: 4,ENCRYPTED\n', 'DEK-Info: AES-128-CBC,00\n', ':', 'x'];
  const random = seededRandom(41);
  let blocks = 0;
  for (let round = 0; round < 20_000; round++) {
    const body = `\n${randomText(random, pieces, 12)}`;
    const found = findPemBlocks(`-----BEGIN CERTIFICATE-----${body}\n-----END CERTIFICATE-----\n`);
    assert.equal(found.length, 1, JSON.stringify(body));
    const expected = bodyByLines(`${body}\n`);
    assert.deepEqual({ headers: found[0].headers, base64: found[0].base64 }, expected, JSON.stringify(body));
    blocks++;
  }
  assert.equal(blocks, 20_000);
});
