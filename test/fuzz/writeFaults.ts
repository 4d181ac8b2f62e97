// Failure injection for the transactional writer: a file system that fails its n-th call, and
// the check that a failed write leaves the folder exactly as it was (names, contents, modes).
// Used by test/unit/pki/write-faults.test.ts (every n) and by `run.js --writes` (seeded, random).
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { OutputFile } from '../../src/pki/output';
import { RECIPE_NAMES, runRecipe } from '../../src/pki/recipes';
import { NODE_FILE_SYSTEM, OutputError, WritableFile, WriteFileSystem, WriteReport, writeOutputFiles } from '../../src/pki/write';
import { seededRandom } from './prng';

export type FaultCode = 'EIO' | 'ENOSPC';

function fault(code: FaultCode, call: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected failure of ${call}`);
  error.code = code;
  return error;
}

/** Which call fails: the n-th of all (counting from 1), or the n-th of one kind ("writeFile"). */
export type FaultAt = number | { call: string; occurrence: number };

/**
 * node:fs, except that one call (every call counts, checks and calls on open files included)
 * throws `code`. A failing writeFile first writes half of its data, as a full disk does.
 */
export class FaultyFileSystem implements WriteFileSystem {
  calls = 0;
  failedCall: string | undefined;
  private readonly perCall = new Map<string, number>();

  constructor(
    private readonly failAt: FaultAt,
    private readonly code: FaultCode = 'EIO',
    private readonly inner: WriteFileSystem = NODE_FILE_SYSTEM,
  ) {}

  /** Counts a call and says whether this one is to fail. */
  private due(call: string): boolean {
    this.calls += 1;
    const occurrence = (this.perCall.get(call) ?? 0) + 1;
    this.perCall.set(call, occurrence);
    const due = typeof this.failAt === 'number' ? this.calls === this.failAt : this.failAt.call === call && this.failAt.occurrence === occurrence;
    if (due && this.failedCall === undefined) {
      this.failedCall = call;
      return true;
    }
    return false;
  }

  private async call<T>(name: string, action: () => Promise<T>): Promise<T> {
    if (this.due(name)) {
      throw fault(this.code, name);
    }
    return action();
  }

  lstat = (target: string) => this.call('lstat', () => this.inner.lstat(target));
  stat = (target: string) => this.call('stat', () => this.inner.stat(target));
  realpath = (target: string) => this.call('realpath', () => this.inner.realpath(target));
  statfs = (target: string) => this.call('statfs', () => this.inner.statfs(target));
  mkdir = (target: string, mode: number) => this.call('mkdir', () => this.inner.mkdir(target, mode));
  chmod = (target: string, mode: number) => this.call('chmod', () => this.inner.chmod(target, mode));
  rmdir = (target: string) => this.call('rmdir', () => this.inner.rmdir(target));
  rename = (from: string, to: string) => this.call('rename', () => this.inner.rename(from, to));
  unlink = (target: string) => this.call('unlink', () => this.inner.unlink(target));
  syncDirectory = (target: string) => this.call('syncDirectory', () => this.inner.syncDirectory(target));

  open = async (target: string, flags: string, mode: number): Promise<WritableFile> => {
    const file = await this.call('open', () => this.inner.open(target, flags, mode));
    return {
      writeFile: async (data: Buffer) => {
        if (this.due('writeFile')) {
          await file.writeFile(data.subarray(0, Math.floor(data.length / 2)));
          throw fault(this.code, 'writeFile');
        }
        await file.writeFile(data);
      },
      sync: () => this.call('sync', () => file.sync()),
      close: async () => {
        if (this.due('close')) {
          await file.close();
          throw fault(this.code, 'close');
        }
        await file.close();
      },
    };
  };
}

/**
 * node:fs without the flushes (sync and syncDirectory do nothing): the transaction's logic is the
 * same, and hundreds of fault runs do not wait for the disk. Faults are still injected at those calls.
 */
export const UNFLUSHED_FILE_SYSTEM: WriteFileSystem = {
  ...NODE_FILE_SYSTEM,
  open: async (target, flags, mode) => {
    const file = await NODE_FILE_SYSTEM.open(target, flags, mode);
    return { writeFile: (data) => file.writeFile(data), sync: async () => undefined, close: () => file.close() };
  },
  syncDirectory: async () => undefined,
};

export interface EntrySnapshot {
  type: 'file' | 'folder' | 'link';
  mode: number;
  content?: string;
}

/** Every entry below `root`, hidden ones included, with its mode and (for files) its bytes. */
export function snapshot(root: string): Record<string, EntrySnapshot> {
  const entries: Record<string, EntrySnapshot> = {};
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = path.join(folder, name);
      const relative = path.relative(root, full);
      const stats = lstatSync(full);
      if (stats.isSymbolicLink()) {
        entries[relative] = { type: 'link', mode: stats.mode & 0o7777 };
      } else if (stats.isDirectory()) {
        entries[relative] = { type: 'folder', mode: stats.mode & 0o7777 };
        walk(full);
      } else {
        entries[relative] = { type: 'file', mode: stats.mode & 0o7777, content: readFileSync(full).toString('base64') };
      }
    }
  };
  walk(root);
  return entries;
}

/** Names that only the writer's temporary and set-aside files have. */
export function isTransactionLeftover(name: string): boolean {
  return /^\..+\.[0-9a-f]{12}\.(tmp|old)$/.test(path.basename(name));
}

export interface FaultCase {
  /** The folder compared before and after; `root` (the output folder) lies inside it. */
  parent: string;
  root: string;
  files: readonly OutputFile[];
  force: boolean;
  failAt: FaultAt;
  code: FaultCode;
}

export interface FaultOutcome {
  /** The call that was failed; undefined when the write needed fewer calls. */
  failedCall: string | undefined;
  calls: number;
  outcome: WriteReport | Error;
  /** What broke the promise, or undefined when the folder is as it must be. */
  problem: string | undefined;
}

/**
 * Runs one write with one injected fault and judges the folder: a rejected write must leave it
 * exactly as before; a write that succeeds despite the fault (past the point of no return, or a
 * failed statfs, which is not taken for a pseudo file system) must hold every new file and no
 * leftover it did not report.
 */
export async function runFaultCase(faultCase: FaultCase): Promise<FaultOutcome> {
  const before = snapshot(faultCase.parent);
  const faulty = new FaultyFileSystem(faultCase.failAt, faultCase.code, UNFLUSHED_FILE_SYSTEM);
  let outcome: WriteReport | Error;
  try {
    outcome = await writeOutputFiles(faultCase.root, faultCase.files, { force: faultCase.force, fs: faulty });
  } catch (error) {
    outcome = error as Error;
  }
  const result = { failedCall: faulty.failedCall, calls: faulty.calls, outcome };
  if (outcome instanceof Error) {
    if (!(outcome instanceof OutputError)) {
      return { ...result, problem: `not an OutputError: ${outcome.stack ?? outcome.message}` };
    }
    const after = snapshot(faultCase.parent);
    return { ...result, problem: isDeepStrictEqual(after, before) ? undefined : `the folder changed: ${changedEntries(before, after).join(', ')}` };
  }
  if (![undefined, 'unlink', 'statfs'].includes(faulty.failedCall)) {
    return { ...result, problem: `succeeded although ${faulty.failedCall} failed` };
  }
  return { ...result, problem: newFilesProblem(faultCase.root, faultCase.files, outcome) };
}

/** Why `root` does not hold exactly `files` after a successful write, or undefined. */
export function newFilesProblem(root: string, files: readonly OutputFile[], report: WriteReport): string | undefined {
  for (const file of files) {
    if (readFileSync(path.join(root, file.relativePath), 'utf8') !== file.content) {
      return `${file.relativePath} does not hold the new content`;
    }
  }
  const leftovers = readdirSync(root).filter(isTransactionLeftover).map((name) => path.join(root, name)).sort();
  return isDeepStrictEqual(leftovers, [...report.notRemoved].sort()) ? undefined : `unreported leftovers: ${leftovers.join(', ')}`;
}

function changedEntries(before: Record<string, EntrySnapshot>, after: Record<string, EntrySnapshot>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !isDeepStrictEqual(before[name], after[name]));
}

export interface WriteFuzzOptions {
  seed: number;
  iterations: number;
  onProblem?: (description: string) => void;
}

/**
 * The fuzzer's write mode: random recipes written over a random starting state (nothing, a whole
 * recipe, part of one), with or without force, failing a random call with EIO or ENOSPC.
 */
export async function runWriteFaultFuzz(options: WriteFuzzOptions): Promise<{ cases: number; problems: string[] }> {
  const random = seededRandom(options.seed);
  const base = mkdtempSync(path.join(tmpdir(), 'kuma-tls-write-fuzz-'));
  const problems: string[] = [];
  try {
    const sets: OutputFile[][] = [];
    for (const recipe of RECIPE_NAMES) {
      for (let copy = 0; copy < 2; copy += 1) {
        sets.push((await runRecipe({ recipe, keyType: 'ecdsa', hostnames: ['global.example.com'] })).files);
      }
    }
    for (let iteration = 0; iteration < options.iterations; iteration += 1) {
      const parent = path.join(base, `case-${iteration}`);
      mkdirSync(parent);
      const root = path.join(parent, random.pick(['certs', 'a/b/certs']));
      const files = random.pick(sets);
      const start = random.int(3);
      if (start > 0) {
        const old = random.pick(sets);
        await writeOutputFiles(root, start === 1 ? old : old.filter(() => random.next() < 0.5), { fs: UNFLUSHED_FILE_SYSTEM });
      }
      const faultCase: FaultCase = { parent, root, files, force: random.next() < 0.7, failAt: 1 + random.int(120), code: random.pick(['EIO', 'ENOSPC'] as const) };
      const { problem, failedCall } = await runFaultCase(faultCase);
      if (problem !== undefined) {
        const description = `iteration ${iteration}: fault at call ${String(faultCase.failAt)} (${failedCall ?? 'none'}, ${faultCase.code}), force ${faultCase.force}: ${problem}`;
        problems.push(description);
        options.onProblem?.(description);
      }
      rmSync(parent, { recursive: true, force: true });
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  return { cases: options.iterations, problems };
}
