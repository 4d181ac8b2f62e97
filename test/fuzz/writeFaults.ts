// Failure injection for the transactional writer: a file system that fails its n-th call, and
// the check that a failed write leaves the folder exactly as it was (names, contents, modes).
// Used by test/unit/pki/write-faults.test.ts (every n) and by `run.js --writes` (seeded, random).
import { lstatSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { NODE_FILE_SYSTEM, WritableFile, WriteFileSystem } from '../../src/pki/write';

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
