// File bytes become text through Node's native UTF-8 check and decoder. These tests pin that the
// workspace accepts exactly the bytes a fatal TextDecoder accepts and gives the same text (a
// byte order mark dropped), on random byte strings full of the sequences that decoders disagree
// about when they are careless: overlong forms, surrogates, code points past U+10FFFF, truncation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace } from '../../../src/lint/workspace';
import { seededRandom } from '../../fuzz/prng';

/** What the workspace did with bytes: their text, or null when it skipped them. */
function workspaceText(bytes: Uint8Array): string | null {
  const workspace = new LintWorkspace();
  workspace.setDocument('/w/tls.crt', bytes);
  return workspace.textOf('/w/tls.crt') ?? null;
}

function fatalDecode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

test('random bytes: accepted exactly when a fatal TextDecoder accepts them, with the same text', () => {
  const random = seededRandom(61);
  const pieces: number[][] = [
    [0x41], [0x0a], [0x2d, 0x2d], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], // valid: A, \n, --, é, €, 😀
    [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80], // overlong, surrogate, > U+10FFFF, F5
    [0xc3], [0xe2, 0x82], [0x80], [0xbf], [0xff], [0xef, 0xbb, 0xbf], // truncated, lone continuation, FF, a BOM
  ];
  let accepted = 0;
  for (let round = 0; round < 4000; round++) {
    const bytes: number[] = [];
    const count = 1 + random.int(8);
    for (let i = 0; i < count; i++) bytes.push(...random.pick(pieces));
    const input = Uint8Array.from(bytes);
    const expected = fatalDecode(input);
    // One leading BOM is no part of the text (the decoder drops it, as VS Code does); a second is
    // the file's first character. NUL-free inputs only (NUL bytes are skipped before decoding).
    assert.equal(workspaceText(input), expected, `bytes ${bytes.map((b) => b.toString(16)).join(' ')}`);
    if (expected !== null) accepted++;
  }
  assert.ok(accepted > 200 && accepted < 3800, `${accepted} of 4000 accepted: both answers must be exercised`);
});

test('a Buffer slice and a Uint8Array view of a larger buffer decode only their own bytes', () => {
  const whole = Buffer.from('xxHELLOxx');
  assert.equal(workspaceText(whole.subarray(2, 7)), 'HELLO');
  assert.equal(workspaceText(new Uint8Array(whole.buffer, whole.byteOffset + 2, 5)), 'HELLO');
  assert.equal(workspaceText(Buffer.from([0xef, 0xbb, 0xbf, 0x41])), 'A');
  assert.equal(workspaceText(Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41])), '\uFEFFA');
});

test('UTF-16 with a byte order mark: exactly one mark is dropped, as for UTF-8', () => {
  for (const order of ['le', 'be'] as const) {
    const bytes = Buffer.from('\ufeff\ufeffA', 'utf16le');
    if (order === 'be') bytes.swap16();
    assert.equal(workspaceText(bytes), '\uFEFFA', order);
    const single = Buffer.from('\ufeffA', 'utf16le');
    if (order === 'be') single.swap16();
    assert.equal(workspaceText(single), 'A', order);
  }
});
