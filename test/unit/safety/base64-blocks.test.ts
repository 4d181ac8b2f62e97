// The findings guard finds a document's base64 blocks (src/pki/redact.ts, base64Blocks) with a
// regular expression for where a long run starts and a scan for the rest. These tests pin it to
// the rule written as a plain character scan, and pin that a run of tens of millions of
// characters (a hostile file with the size cap raised) does not exhaust the stack.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64Blocks } from '../../../src/pki/redact';
import { seededRandom } from '../../fuzz/prng';

const isBase64Char = (c: string): boolean => /[A-Za-z0-9+/=]/.test(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** A run of at least 40 base64 characters, then every further whole base64 line after white space. */
function referenceBlocks(text: string): string[] {
  const blocks: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isBase64Char(text[i])) {
      i++;
      continue;
    }
    let runEnd = i;
    while (runEnd < text.length && isBase64Char(text[runEnd])) runEnd++;
    if (runEnd - i < 40) {
      i = runEnd;
      continue;
    }
    let end = runEnd;
    let j = runEnd;
    for (;;) {
      while (j < text.length && isSpace(text[j])) j++;
      let k = j;
      while (k < text.length && isBase64Char(text[k])) k++;
      if (k === j || (k < text.length && !isSpace(text[k]))) break;
      end = k;
      j = k;
    }
    blocks.push(text.slice(i, end));
    i = end;
  }
  return blocks;
}

test('base64Blocks finds exactly the blocks of the plain scan, on random texts of base64, white space and other characters', () => {
  const random = seededRandom(20261202);
  // Mostly base64 so that runs reach 40; the rest breaks runs and lines in every way.
  const others = [' ', '\n', '\t', '\r', '-', ':', '"', '_', 'é', '.'];
  for (let round = 0; round < 3000; round++) {
    let text = '';
    const length = random.int(600);
    for (let i = 0; i < length; i++) {
      text += random.next() < 0.85 ? random.pick([...'Aa0+/=Zz9']) : random.pick(others);
    }
    assert.deepEqual(base64Blocks(text), referenceBlocks(text), JSON.stringify(text));
  }
});

test('base64Blocks on wrapped PEM bodies in YAML: a block per body, lines joined over their indentation', () => {
  const line = 'MIIBszCCAVmgAwIBAgIUQ2Vy'.padEnd(64, 'Q');
  const text = `data:\n  tls.crt: ${line}${line}\n  key: |\n    ${line}\n    ${line}\n    short\n  name: general-tls-certs\n`;
  const blocks = base64Blocks(text);
  assert.deepEqual(blocks, referenceBlocks(text));
  assert.equal(blocks.length, 2);
  assert.equal(blocks[0], line + line, 'a run ending its line, not followed by another whole base64 line');
  assert.equal(blocks[1], `${line}\n    ${line}\n    short`, 'continuation lines of any length join the block');
});

test('base64Blocks takes a run of 20 million characters whole, without exhausting the stack', () => {
  const run = 'A'.repeat(20_000_000);
  const blocks = base64Blocks(`key: ${run}\n`);
  assert.equal(blocks.length, 1);
  assert.equal(blocks[0].length, run.length);
});
