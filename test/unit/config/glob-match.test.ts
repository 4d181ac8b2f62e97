// The gitignore globs (src/lint/config/patterns.ts) are matched by the NFA of src/lint/glob-nfa.ts, not a
// backtracking regex: the same answers as the regexes they replaced, on every short glob and path
// drawn from the characters that matter, and no blow-up on the globs that made the regexes take
// exponential time. The regex conversion below is the one the patterns used before, kept here as
// the reference (on inputs this short its backtracking is harmless), with the class reader it used.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { characterClass, matchPatternList, parsePathPattern, parsePatternList } from '../../../src/lint/config/patterns';
import { randomText, seededRandom } from '../seeded-random';

test('globs match exactly what the regexes they replaced matched', () => {
  const random = seededRandom(29);
  const globPieces = ['a', 'b', '/', '*', '**', '?', '[ab]', '[!a]', '[a-b]', '[]a]', '\\*', '\\[', '[', '.', '**/', '/**', 'a/', '\n'];
  const pathPieces = ['a', 'b', '/', '.', '*', '[', ']', '\n', 'é', '\u{1F600}'];
  let compared = 0;
  let matched = 0;
  for (let round = 0; round < 30_000; round++) {
    const glob = `a${randomText(random, globPieces, 6)}`.replace(/\/+$/, '');
    const pattern = parsePathPattern(glob);
    if (!pattern || pattern.negated || pattern.directoryOnly) continue;
    let reference: RegExp;
    try {
      reference = new RegExp(`^${regexSourceOf(glob.replace(/^\//, ''))}$`);
    } catch {
      continue; // a class the regex engine refused: the old code crashed on it
    }
    // Random paths rarely match; the glob with its wildcards filled in often does.
    const filledIn = glob.replace(/\*\*\//g, 'a/b/').replace(/\/\*\*/g, '/b').replace(/\\(.)/g, '$1').replace(/\[!a\]/g, 'b').replace(/\[[^\]]+\]/g, 'a').replace(/\*/g, () => ['', 'a', 'ab'][Math.floor(random() * 3)]).replace(/\?/g, 'b');
    // The same glob behind 30 literals is an NFA too large for a bitmask: the array simulation.
    const long = parsePathPattern(`${'x'.repeat(30)}${glob}`);
    assert.ok(long);
    for (let p = 0; p < 4; p++) {
      const path = p === 0 ? filledIn : randomText(random, pathPieces, 8);
      const expected = reference.test(path);
      assert.equal(pattern.matches(path), expected, JSON.stringify({ glob, path }));
      assert.equal(long.matches(`${'x'.repeat(30)}${path}`), expected, JSON.stringify({ glob, path, matcher: 'long' }));
      compared++;
      if (reference.test(path)) matched++;
    }
  }
  assert.ok(compared > 50_000 && matched > 2_000, `compared ${compared}, matched ${matched}`);
});

test('a glob of literals only is compared as a string', () => {
  const matches = parsePathPattern('.vscode')?.matches ?? (() => false);
  assert.equal(matches('.vscode'), true);
  assert.equal(matches('.vscodex'), false);
  assert.equal(matches('x.vscode'), false);
});

test('globs of many stars finish on long names (a backtracking regex took exponential time)', { timeout: 20_000 }, () => {
  const list = parsePatternList('/r', `${'*a'.repeat(40)}\n`);
  assert.equal(matchPatternList(list, `${'a'.repeat(5_000)}b`, false), undefined);
  assert.equal(matchPatternList(list, 'a'.repeat(5_000), false), true);
  const folders = parsePatternList('/r', `${'**/a'.repeat(20)}\n`);
  assert.equal(matchPatternList(folders, `${'a/'.repeat(2_000)}b`, false), undefined);
});

test('a class with a reversed range takes no character, and the lines after it still apply', () => {
  const list = parsePatternList('/r', 'x[z-a]y\n*.log\n');
  assert.equal(list.patterns.length, 2);
  assert.equal(matchPatternList(list, 'xzy', false), undefined);
  assert.equal(matchPatternList(list, 'xay', false), undefined);
  assert.equal(matchPatternList(list, 'a.log', false), true);
});

function regexSourceOf(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*' && (i === 0 || glob[i - 1] === '/')) {
      const atEnd = i + 2 === glob.length;
      if (atEnd) {
        // `dir/**`: everything inside; a lone `**` is everything.
        out += '.*';
        i += 1;
        continue;
      }
      if (glob[i + 2] === '/') {
        // `**/`: zero or more folders.
        out += '(?:.*/)?';
        i += 2;
        continue;
      }
    }
    if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const klass = characterClass(glob, i);
      if (klass) {
        out += klass.source;
        i = klass.end;
      } else {
        out += '\\[';
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1]);
      i += 1;
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
