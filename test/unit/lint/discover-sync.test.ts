// The CLI walks with discoverFilesSync, the language server and the pickers with discoverFiles:
// one walk with two drivers (lint/discover.ts). Whatever a tree holds, both must yield the same
// files in the same order and report the same problems, or the CLI and the editor would lint
// different workspaces.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { DiscoverOptions, DiscoveryProblem, discoverFiles, discoverFilesSync } from '../../../src/lint/discover';

let scratch: string;
let repo: string;
let outside: string;

before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'kuma-tls-discover-sync-'));
  repo = path.join(scratch, 'repo');
  outside = path.join(scratch, 'outside');
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(outside, 'secret.pem'), 'outside\n');
  const files: Record<string, string> = {
    '.gitignore': 'generated/\n*.key\n!keep.key\n',
    'values.yaml': 'controlPlane: {}\n',
    'b/values.yaml': 'x: 1\n',
    'a/.kuma-tls.yaml': 'rules: {}\n',
    'a/z.env': 'KUMA_MODE=zone\n',
    'a/ca.crt': 'pem\n',
    'a/drop.key': 'key\n',
    'a/keep.key': 'key\n',
    'a/notes.txt': 'not a candidate\n',
    'a/Dockerfile': 'FROM x\n',
    'a/deep/.gitignore': 'skip.yaml\n',
    'a/deep/skip.yaml': 'x: 1\n',
    'a/deep/take.yaml': 'x: 1\n',
    'generated/out.yaml': 'x: 1\n',
    'node_modules/pkg/values.yaml': 'x: 1\n',
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    writeFileSync(path.join(repo, name), content);
  }
  symlinkSync(path.join(repo, 'a', 'ca.crt'), path.join(repo, 'b', 'link-inside.crt'));
  symlinkSync(path.join(outside, 'secret.pem'), path.join(repo, 'b', 'link-outside.pem'));
  symlinkSync(path.join(repo, 'a'), path.join(repo, 'b', 'link-dir.yaml'));
  symlinkSync(path.join(repo, 'missing.yaml'), path.join(repo, 'b', 'dangling.yaml'));
  execFileSync('mkfifo', [path.join(repo, 'b', 'pipe.env')]);
  execFileSync('git', ['init', '-q', repo]);
});

after(() => rmSync(scratch, { recursive: true, force: true }));

interface Walked {
  files: string[];
  problems: string[];
}

const shown = (root: string, p: string): string => path.relative(root, p).split(path.sep).join('/');

async function walkAsync(roots: string[], options: DiscoverOptions): Promise<Walked> {
  const problems: DiscoveryProblem[] = [];
  const files: string[] = [];
  for await (const file of discoverFiles(roots, (p) => problems.push(p), options)) files.push(`${shown(scratch, file.path)} ${file.size} ${file.named}`);
  return { files, problems: problems.map((p) => `${shown(scratch, p.path)}: ${p.reason} ${p.named}`) };
}

function walkSync(roots: string[], options: DiscoverOptions): Walked {
  const problems: DiscoveryProblem[] = [];
  const files: string[] = [];
  for (const file of discoverFilesSync(roots, (p) => problems.push(p), options)) files.push(`${shown(scratch, file.path)} ${file.size} ${file.named}`);
  return { files, problems: problems.map((p) => `${shown(scratch, p.path)}: ${p.reason} ${p.named}`) };
}

const cases: Array<{ name: string; roots: () => string[]; options: DiscoverOptions }> = [
  { name: 'the repository, .gitignore honoured', roots: () => [repo], options: {} },
  { name: 'the repository, --no-ignore', roots: () => [repo], options: { gitignore: false } },
  { name: 'a subfolder (the .gitignore files above it apply)', roots: () => [path.join(repo, 'a')], options: {} },
  { name: 'named files, a named missing path, a named folder twice', roots: () => [path.join(repo, 'a', 'drop.key'), path.join(repo, 'nope.yaml'), path.join(repo, 'b'), path.join(repo, 'b')], options: {} },
  { name: 'a config-style ignore rule', roots: () => [repo], options: { isIgnored: (p, isDirectory) => isDirectory && p.endsWith(`${path.sep}deep`) } },
  { name: 'a named pipe given by name', roots: () => [path.join(repo, 'b', 'pipe.env')], options: {} },
];

for (const { name, roots, options } of cases) {
  test(`discoverFilesSync walks like discoverFiles: ${name}`, async () => {
    const expected = await walkAsync(roots(), options);
    const actual = walkSync(roots(), options);
    assert.deepEqual(actual, expected);
    assert.ok(expected.files.length + expected.problems.length > 0, 'the case walks something');
  });
}

test('the shared walk keeps what each rule of discovery decides (checked on the synchronous walk)', () => {
  const { files, problems } = walkSync([repo], {});
  const names = files.map((f) => f.split(' ')[0]);
  assert.deepEqual(names, [
    'repo/values.yaml',
    'repo/a/.kuma-tls.yaml',
    'repo/a/Dockerfile',
    'repo/a/ca.crt',
    'repo/a/keep.key',
    'repo/a/z.env',
    'repo/a/deep/take.yaml',
    'repo/b/link-inside.crt',
    'repo/b/values.yaml',
  ]);
  assert.ok(problems.some((p) => p.startsWith('repo/b/link-outside.pem: skipped: a symbolic link to a file outside')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('repo/b/pipe.env: skipped: a named pipe')), problems.join('\n'));
});
