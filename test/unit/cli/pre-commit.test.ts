// The hook of .pre-commit-hooks.yaml run by the real `pre-commit` (Debian's) on a throwaway
// repository: a staged broken certificate blocks the commit and the output names the finding; a
// good file commits. The hook repository is a throwaway clone holding this checkout's hook file
// (pre-commit clones a hook repository at a commit), and `kuma-tls` on PATH is this build's CLI.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { makeCert } from '../lint/fixtures';

const repoRoot = path.resolve(__dirname, '../../../..');
let scratch: string;
let project: string;
let env: NodeJS.ProcessEnv;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' });
}

before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'kuma-tls-pre-commit-'));
  const bin = path.join(scratch, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'kuma-tls'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, 'out', 'src', 'cli', 'bin.js')}" "$@"\n`);
  chmodSync(path.join(bin, 'kuma-tls'), 0o755);
  env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: scratch,
    PRE_COMMIT_HOME: path.join(scratch, 'cache'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
  };
  const hooks = path.join(scratch, 'hooks');
  mkdirSync(hooks);
  git(hooks, 'init', '-q');
  copyFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), path.join(hooks, '.pre-commit-hooks.yaml'));
  git(hooks, 'add', '.pre-commit-hooks.yaml');
  git(hooks, 'commit', '-q', '-m', 'hooks');
  const rev = git(hooks, 'rev-parse', 'HEAD').trim();
  project = path.join(scratch, 'project');
  mkdirSync(project);
  git(project, 'init', '-q');
  writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: kuma-tls\n`);
  git(project, 'add', '.pre-commit-config.yaml');
  git(project, 'commit', '-q', '--no-verify', '-m', 'config');
  execFileSync('pre-commit', ['install'], { cwd: project, env, encoding: 'utf8' });
});

after(() => rmSync(scratch, { recursive: true, force: true }));

function commit(file: string, content: string): { status: number | null; output: string } {
  writeFileSync(path.join(project, file), content);
  git(project, 'add', file);
  const result = spawnSync('git', ['commit', '-m', `add ${file}`], { cwd: project, env, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('a staged values file with an error blocks the commit, with the finding in the output', () => {
  const { status, output } = commit('values.yaml', 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n');
  assert.notEqual(status, 0, output);
  assert.match(output, /kuma-tls lint\.+Failed/);
  assert.match(output, /values\.yaml:4:7 error ca-bundle-secret-pair /);
  assert.throws(() => git(project, 'rev-parse', '--verify', '-q', 'HEAD~1'), 'nothing was committed after the config commit');
  git(project, 'reset', '-q', 'values.yaml');
  rmSync(path.join(project, 'values.yaml'));
});

test('a good file passes and is committed', () => {
  const { status, output } = commit('ca.crt', makeCert({ isCA: true, notAfter: new Date(Date.now() + 3650 * 24 * 3600 * 1000) }).certPem);
  assert.equal(status, 0, output);
  assert.match(output, /kuma-tls lint\.+Passed/);
  assert.equal(git(project, 'log', '--format=%s', '-1').trim(), 'add ca.crt');
});
