// The language server's exclude globs (src/server/glob.ts) are matched by an NFA simulation, not a
// backtracking regex: the same answers as the regexes they replaced on every short glob and path
// drawn from the characters that matter, and no blow-up on a glob of many stars. The conversion
// below is the one the server used before, kept here as the reference (on inputs this short its
// backtracking is harmless).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globMatcher } from '../../../src/server/glob';
import { randomText, seededRandom } from '../seeded-random';

test('exclude globs match exactly what the regexes they replaced matched', () => {
  const random = seededRandom(31);
  const globPieces = ['a', 'b', '/', '*', '**', '?', '{a,b}', '{a,{b,},c}', '{', '}', ',', '[ab]', '[!a]', '.', '**/', '\\', '[', 'node_modules', '.git'];
  const pathPieces = ['a', 'b', 'c', '/', '.', ',', '\n', 'node_modules', '.git', '{', '['];
  let compared = 0;
  let matched = 0;
  for (let round = 0; round < 20_000; round++) {
    const glob = randomText(random, globPieces, 6);
    if (glob.trim() === '') continue;
    let reference: RegExp;
    try {
      reference = regexOf(glob);
    } catch {
      continue; // an unclosed brace: the regex was invalid and the server crashed on it
    }
    const matches = globMatcher([glob]);
    for (let p = 0; p < 5; p++) {
      const path = randomText(random, pathPieces, 6);
      const expected = reference.test(path);
      assert.equal(matches(path), expected, JSON.stringify({ glob, path }));
      compared++;
      if (expected) matched++;
    }
  }
  assert.ok(compared > 60_000 && matched > 4_000, `compared ${compared}, matched ${matched}`);
});

test('the usual excludes: a folder at any depth and what is inside it, a file type, braces', () => {
  const excluded = globMatcher(['**/node_modules', '*.tgz', 'build/', '{dist,out}/**']);
  assert.equal(excluded('node_modules'), true);
  assert.equal(excluded('charts/kuma/node_modules/x/values.yaml'), true);
  assert.equal(excluded('a/b.tgz'), true);
  assert.equal(excluded('build/secret.yaml'), true);
  assert.equal(excluded('src/build/secret.yaml'), true, 'a slashless pattern matches at any depth');
  assert.equal(excluded('out/x.yaml'), true);
  assert.equal(excluded('values.yaml'), false);
  assert.equal(excluded('node_modules_old/values.yaml'), false);
});

test('an unclosed brace closes at the end instead of throwing', () => {
  const excluded = globMatcher(['{dist,out']);
  assert.equal(excluded('dist'), true);
  assert.equal(excluded('x/out/y.yaml'), true);
  assert.equal(excluded('src'), false);
});

test('a glob of many stars finishes on a long name (a backtracking regex took exponential time)', { timeout: 20_000 }, () => {
  const excluded = globMatcher([`**/${'*a'.repeat(30)}`]);
  assert.equal(excluded(`x/${'a'.repeat(3_000)}b`), false);
  assert.equal(excluded(`x/${'a'.repeat(3_000)}`), true);
});

function regexOf(pattern: string): RegExp {
  let glob = pattern.trim().replace(/^\.\//, '').replace(/\/$/, '');
  if (!glob.includes('/')) glob = `**/${glob}`;
  let out = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      inBraces++;
      out += '(?:';
    } else if (c === '}' && inBraces > 0) {
      inBraces--;
      out += ')';
    } else if (c === ',' && inBraces > 0) out += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  // A pattern naming a folder excludes what is inside it too.
  return new RegExp(`^${out}(?:/.*)?$`);
}
