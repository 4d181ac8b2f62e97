// echo (pki/redact.ts) returns a short plain value as it is, without its checks: such a value is
// too short for an encoded run or a key block and has nothing to escape, trim or fold. The
// shortcut must answer what the full path does, on short strings of every kind of character.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { echo, escapeControlCharacters, looksLikeKeyMaterial, MAX_ECHO_LENGTH, WITHHELD } from '../../../src/pki/redact';
import { randomText, seededRandom } from '../seeded-random';

/** echo's full path, as its code reads without the shortcut. */
function fullEcho(value: string, maxLength = MAX_ECHO_LENGTH): string {
  if (looksLikeKeyMaterial(value)) return `${WITHHELD} (looks like key material)`;
  const oneLine = escapeControlCharacters(value.trim().replace(/[ \t]*[\r\n]+[ \t]*/g, ' '));
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}

test('echo of a short value equals the full path, whatever its characters', () => {
  const pieces = ['a', 'Z', '0', '.', '-', '_', '/', '+', '=', ' ', '\t', '\n', '\r', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028', 'é', '\u{1F600}', 'tls.crt', 'kuma'];
  const random = seededRandom(17);
  let shortcut = 0;
  for (let round = 0; round < 50_000; round++) {
    const value = randomText(random, pieces, 8);
    const maxLength = random() < 0.2 ? 1 + Math.floor(random() * 16) : MAX_ECHO_LENGTH;
    assert.equal(echo(value, undefined, maxLength), fullEcho(value, maxLength), JSON.stringify({ value, maxLength }));
    if (/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value) && value.length < 16) shortcut++;
  }
  assert.ok(shortcut > 5_000, `${shortcut} values took the shortcut`);
});
