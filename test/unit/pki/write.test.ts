import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { OutputFile, planWrite, relativePathProblem } from '../../../src/pki/output';
import { existingOutputs, writeFilesAtomically, writeOutputFiles } from '../../../src/pki/write';
import { removeDir, scratchDir } from './support';

let dir: string;
const FILES: OutputFile[] = [
  { relativePath: 'ca.crt', content: 'certificate\n', kind: 'cert' },
  { relativePath: 'keys/tls.key', content: 'key\n', kind: 'key' },
  { relativePath: 'install.sh', content: '#!/bin/sh\n', kind: 'script' },
];

before(() => {
  dir = scratchDir();
});
after(() => removeDir(dir));

function modeOfFile(file: string): number {
  return statSync(file).mode & 0o777;
}

test('relative paths must stay inside the output folder', () => {
  assert.equal(relativePathProblem('a/b.crt'), undefined);
  for (const bad of ['', '/etc/passwd', '../x', 'a/../../x', 'a//b', './a', 'a\\b', 'C:/x']) {
    assert.ok(relativePathProblem(bad) !== undefined, bad);
  }
});

test('planWrite separates new files from files that would be replaced', () => {
  const plan = planWrite(FILES, ['install.sh', 'unrelated']);
  assert.deepEqual(plan.create.map((file) => file.relativePath), ['ca.crt', 'keys/tls.key']);
  assert.deepEqual(plan.overwrite.map((file) => file.relativePath), ['install.sh']);
});

test('writes with 0600 keys, 0644 certificates, 0755 scripts; refuses to overwrite without force', async () => {
  const root = path.join(dir, 'out');
  const report = await writeOutputFiles(root, FILES);
  assert.deepEqual(report, { written: FILES.map((file) => path.join(root, file.relativePath)), notRemoved: [] });
  assert.equal(modeOfFile(path.join(root, 'keys/tls.key')), 0o600);
  assert.equal(modeOfFile(path.join(root, 'ca.crt')), 0o644);
  assert.equal(modeOfFile(path.join(root, 'install.sh')), 0o755);
  assert.deepEqual(await existingOutputs(root, FILES), ['ca.crt', 'keys/tls.key', 'install.sh']);
  await assert.rejects(writeOutputFiles(root, [{ ...FILES[0], content: 'new\n' }]), /already exists/);
  assert.equal(readFileSync(path.join(root, 'ca.crt'), 'utf8'), 'certificate\n');
});

test('force replaces the file and applies the new mode even if the old one was wider', async () => {
  const target = path.join(dir, 'wide.key');
  writeFileSync(target, 'old', { mode: 0o644 });
  await writeFilesAtomically([{ path: target, content: 'new', mode: 0o600 }], { force: true });
  assert.equal(readFileSync(target, 'utf8'), 'new');
  assert.equal(modeOfFile(target), 0o600);
});

test('never writes through a symbolic link, nor into a folder that links outside the root', async () => {
  const root = path.join(dir, 'links');
  const outside = path.join(dir, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  symlinkSync(path.join(outside, 'victim.key'), path.join(root, 'tls.key'));
  await assert.rejects(writeOutputFiles(root, [{ relativePath: 'tls.key', content: 'k', kind: 'key' }], { force: true }), /symbolic link/);
  assert.equal(existsSync(path.join(outside, 'victim.key')), false);
  symlinkSync(outside, path.join(root, 'escape'));
  await assert.rejects(writeOutputFiles(root, [{ relativePath: 'escape/tls.key', content: 'k', kind: 'key' }]), /outside the output folder/);
  assert.equal(existsSync(path.join(outside, 'tls.key')), false);
  await assert.rejects(writeOutputFiles(root, [{ relativePath: '../x', content: 'k', kind: 'key' }]), /inside the output folder/);
});

test('an unwritable location is a clear error', async () => {
  await assert.rejects(writeFilesAtomically([{ path: path.join(dir, 'missing-dir', 'x.pem'), content: 'x', mode: 0o644 }]), /missing-dir: the folder does not exist/);
  assert.equal(existsSync(path.join(dir, 'missing-dir')), false);
});
