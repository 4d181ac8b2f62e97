// The CLI's walker skips what git ignores, checked against git itself: a throwaway repository
// with nested .gitignore files, negation, folder-only, anchored, `**` and class patterns, where
// the files discoverFiles yields must be exactly `git ls-files --others --exclude-standard`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { discoverFiles } from '../../../src/lint/discover';
import { matchPatternList, parsePatternList } from '../../../src/lint/config/patterns';
import { gitignorePattern } from '../../../src/pki/gitignore';

let repo: string;

const FILES = [
  'a.yaml',
  'keep.log.yaml',
  'debug.log.yaml',
  'build/out.yaml',
  'src/build/nested.yaml',
  'src/app.yaml',
  'src/gen/x.yaml',
  'src/gen/keep.yaml',
  'docs/only-root.yaml',
  'sub/docs/only-root.yaml',
  'deep/a/b/c/secret.yaml',
  'deep/a/visible.yaml',
  'tmp1.yaml',
  'tmpx.yaml',
  'tmp-.yaml',
  'space name.yaml',
  '#hash.yaml',
  'logs/2026/x.yaml',
  'logs/keep/x.yaml',
  'nested/.gitignore-scope/a.yaml',
  'nested/inner/re.yaml',
  'nested/inner/drop.yaml',
  'dironly/file.yaml',
  'dironly.yaml/inside.yaml',
  'vendor/ok.yaml',
];

const ROOT_GITIGNORE = [
  '# comments and blank lines are nothing',
  '',
  '*.log.yaml',
  '!keep.log.yaml',
  'build/',
  '/docs/',
  '**/c/secret.yaml',
  'tmp[0-9].yaml',
  'tmp[!0-9x].yaml',
  'space\\ name.yaml',
  '\\#hash.yaml',
  'logs/**',
  '!logs/keep/',
  'dironly.yaml/',
  'trailing.yaml   ',
  // Too large for V8's regex engine, when the globs were regexes: it crashed the walk.
  `a${'/'.repeat(100_000)}b`,
].join('\n');

before(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'kuma-tls-gitignore-'));
  execFileSync('git', ['init', '-q', repo]);
  for (const file of FILES) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), 'x: 1\n');
  }
  writeFileSync(path.join(repo, '.gitignore'), `${ROOT_GITIGNORE}\n`);
  writeFileSync(path.join(repo, 'src', '.gitignore'), 'gen/*\n!gen/keep.yaml\n');
  writeFileSync(path.join(repo, 'nested', '.gitignore'), '*.yaml\n!inner/\n');
  writeFileSync(path.join(repo, 'nested', 'inner', '.gitignore'), '!re.yaml\n');
  writeFileSync(path.join(repo, '.git', 'info', 'exclude'), 'vendor/\n');
});

after(() => rmSync(repo, { recursive: true, force: true }));

async function walked(root: string, gitignore = true): Promise<string[]> {
  const out: string[] = [];
  for await (const file of discoverFiles([root], () => undefined, { gitignore })) out.push(path.relative(repo, file.path).split(path.sep).join('/'));
  return out.sort();
}

function gitUntracked(): string[] {
  const listed = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: repo, encoding: 'utf8' });
  return listed
    .split('\0')
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

test('the walker yields exactly what git does not ignore', async () => {
  const expected = gitUntracked();
  // The test means something only if git ignores a fair share of the files.
  assert.ok(expected.length < FILES.length - 10, `git ignores too little: ${expected.join(', ')}`);
  assert.deepEqual(await walked(repo), expected);
});

test('from a subfolder, the .gitignore files above it (up to the repository root) still apply', async () => {
  const expected = gitUntracked().filter((f) => f.startsWith('src/'));
  assert.deepEqual(await walked(path.join(repo, 'src')), expected);
});

test('gitignore: false walks everything (--no-ignore)', async () => {
  assert.deepEqual(await walked(repo, false), [...FILES].sort());
});

test('a line of 100,000 slashes is a pattern like the others (it matches no real path); the lines around it still apply', () => {
  const list = parsePatternList('/r', `*.log\nx${'/'.repeat(100_000)}y\n!keep.log\n`);
  assert.equal(list.patterns.length, 3);
  assert.equal(matchPatternList(list, 'a.log', false), true);
  assert.equal(matchPatternList(list, 'keep.log', false), false);
  assert.equal(matchPatternList(list, `x${'/'.repeat(10)}y`, false), undefined);
});

test('the patterns src/pki/gitignore.ts writes for generated keys match exactly their file', () => {
  for (const name of ['certs/tls.key', 'my keys/a b.key', '#odd!.key', 'x[1].key', 'back\\slash?.key']) {
    const list = parsePatternList('/r', gitignorePattern(name));
    assert.equal(matchPatternList(list, name, false), true, name);
    assert.equal(matchPatternList(list, `sub/${name}`, false), undefined, `${name} is anchored`);
  }
});
