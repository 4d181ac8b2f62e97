// The writer's transaction under injected failures: whichever call fails, the folder is left
// exactly as it was (names, contents, modes), and a retry then succeeds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { OutputFile } from '../../../src/pki/output';
import { runRecipe } from '../../../src/pki/recipes';
import { KEY_FILE_MODE, PUBLIC_FILE_MODE } from '../../../src/pki/output';
import { OutputError, WriteReport, assertWritableFolder, writeFilesAtomically, writeOutputFiles } from '../../../src/pki/write';
import { FaultAt, FaultCode, FaultyFileSystem, UNFLUSHED_FILE_SYSTEM, newFilesProblem, runFaultCase, runWriteFaultFuzz, snapshot } from '../../fuzz/writeFaults';
import { removeDir, scratchDir } from './support';

let base: string;
let oldFiles: OutputFile[];
let newFiles: OutputFile[];
let folders = 0;

before(async () => {
  base = scratchDir();
  oldFiles = (await runRecipe({ recipe: 'general', keyType: 'ecdsa' })).files;
  newFiles = (await runRecipe({ recipe: 'general', keyType: 'ecdsa', namespace: 'other' })).files;
});
after(() => removeDir(base));

/** A fresh parent folder; `existing` is written into its `certs` subfolder first. */
async function prepare(existing: OutputFile[] | undefined, nested = false): Promise<{ parent: string; root: string }> {
  folders += 1;
  const parent = path.join(base, `case-${folders}`);
  mkdirSync(parent);
  const root = nested ? path.join(parent, 'a', 'certs') : path.join(parent, 'certs');
  if (existing !== undefined) {
    await writeOutputFiles(root, existing, { fs: UNFLUSHED_FILE_SYSTEM });
  }
  return { parent, root };
}

async function attempt(root: string, force: boolean, failAt: FaultAt, code: FaultCode = 'EIO'): Promise<WriteReport | Error> {
  try {
    return await writeOutputFiles(root, newFiles, { force, fs: new FaultyFileSystem(failAt, code, UNFLUSHED_FILE_SYSTEM) });
  } catch (error) {
    return error as Error;
  }
}

/** Fails call 1, 2, 3, … of one write until a write needs fewer calls; returns how many were failed. */
async function failEveryCall(existing: OutputFile[] | undefined, force: boolean, code: FaultCode, nested = false): Promise<number> {
  for (let n = 1; n < 10_000; n += 1) {
    const { parent, root } = await prepare(existing, nested);
    const { failedCall, outcome, problem } = await runFaultCase({ parent, root, files: newFiles, force, failAt: n, code });
    const label = `call ${n} (${failedCall ?? 'none'})`;
    assert.equal(problem, undefined, label);
    if (failedCall === undefined) {
      if (outcome instanceof Error) {
        // Without a fault the write itself is refused: only an existing folder without force.
        assert.ok(existing !== undefined && !force, outcome.message);
        assert.match(outcome.message, /already exist/);
      }
      return n - 1;
    }
    if (outcome instanceof Error && (existing === undefined || force)) {
      const retry = await writeOutputFiles(root, newFiles, { force, fs: UNFLUSHED_FILE_SYSTEM });
      assert.equal(newFilesProblem(root, newFiles, retry), undefined, `${label}: the retry`);
    }
  }
  assert.fail('the write never finished');
}

test('every failing call of a recipe write into a new folder leaves nothing behind, not even the folders', async () => {
  const faults = await failEveryCall(undefined, false, 'EIO', true);
  assert.ok(faults > 30, `only ${faults} calls`);
});

test('every failing call of recipe --force over an existing recipe restores every old file', async () => {
  const faults = await failEveryCall(oldFiles, true, 'EIO');
  assert.ok(faults > 30, `only ${faults} calls`);
});

test('every failing call of a recipe write without --force over an existing recipe changes nothing', async () => {
  assert.ok((await failEveryCall(oldFiles, false, 'EIO')) > 0);
});

test('a full disk at any call of recipe --force leaves the old recipe as it was', async () => {
  assert.ok((await failEveryCall(oldFiles, true, 'ENOSPC')) > 30);
});

test('ENOSPC in the middle of a write leaves no 0-byte or partial file, and says why', async () => {
  for (const occurrence of [1, 3, 7]) {
    const { parent, root } = await prepare(undefined);
    const outcome = await attempt(root, false, { call: 'writeFile', occurrence }, 'ENOSPC');
    assert.ok(outcome instanceof OutputError);
    assert.match(outcome.message, /could not write .*: ENOSPC; nothing was changed/);
    assert.deepEqual(snapshot(parent), {}, `writeFile #${occurrence}`);
  }
});

test('a failed certificate write does not leave its key behind, so the retry is not blocked', async () => {
  const { parent } = await prepare(undefined);
  const files = [
    { path: path.join(parent, 'tls.key'), content: 'key\n', mode: KEY_FILE_MODE },
    { path: path.join(parent, 'tls.crt'), content: 'cert\n', mode: PUBLIC_FILE_MODE },
  ];
  await assert.rejects(writeFilesAtomically(files, { fs: new FaultyFileSystem({ call: 'writeFile', occurrence: 2 }) }), OutputError);
  assert.deepEqual(readdirSync(parent), []);
  await writeFilesAtomically(files);
  assert.equal(readFileSync(path.join(parent, 'tls.crt'), 'utf8'), 'cert\n');
});

test('a blocked target under --force is found before any old file is touched', async () => {
  const { parent, root } = await prepare(oldFiles);
  // values.yaml is a folder now: nothing may be replaced, least of all the CA and its key.
  const values = path.join(root, 'values.yaml');
  removeDir(values);
  mkdirSync(values);
  const before = snapshot(parent);
  await assert.rejects(writeOutputFiles(root, newFiles, { force: true }), /values\.yaml exists and is not a regular file/);
  assert.deepEqual(snapshot(parent), before);
});

test('folders created for keys are 0700 and others 0755 even with umask 000', async () => {
  const previous = process.umask(0);
  try {
    const { parent } = await prepare(undefined);
    await writeOutputFiles(path.join(parent, 'keys', 'deep'), [{ relativePath: 'tls.key', content: 'k', kind: 'key' }]);
    await writeOutputFiles(path.join(parent, 'public'), [{ relativePath: 'ca.crt', content: 'c', kind: 'cert' }]);
    assert.equal(statSync(path.join(parent, 'keys')).mode & 0o777, 0o700);
    assert.equal(statSync(path.join(parent, 'keys', 'deep')).mode & 0o777, 0o700);
    assert.equal(statSync(path.join(parent, 'keys', 'deep', 'tls.key')).mode & 0o777, 0o600);
    assert.equal(statSync(path.join(parent, 'public')).mode & 0o777, 0o755);
  } finally {
    process.umask(previous);
  }
});

test('refuses pseudo file systems and non-folders before creating anything', { skip: process.platform !== 'linux' }, async () => {
  for (const folder of ['/proc/self/x', '/proc/self/fd/new', '/sys/kernel/x', '/dev/shm/kuma-tls-x']) {
    await assert.rejects(assertWritableFolder(folder), /not a regular file system|pseudo file system/, folder);
    await assert.rejects(writeOutputFiles(folder, [{ relativePath: 'ca.crt', content: 'c', kind: 'cert' }]), OutputError, folder);
  }
  const { parent } = await prepare(undefined);
  writeFileSync(path.join(parent, 'plain'), 'x');
  await assert.rejects(assertWritableFolder(path.join(parent, 'plain', 'sub')), /plain is not a folder/);
  assert.deepEqual(readdirSync(parent), ['plain']);
});

test('the fuzzer\'s write mode: random recipes, starting states and faults keep the promise', async () => {
  const { cases, problems } = await runWriteFaultFuzz({ seed: 20261127, iterations: 60 });
  assert.equal(cases, 60);
  assert.deepEqual(problems, []);
});
