// Writing generated files as one transaction: every target is checked before anything is
// touched, each file is written to a temporary file beside its target (private keys 0600 from the
// moment they exist, exclusive create), flushed to disk, and renamed into place. A failure at any
// step puts every old file back and removes everything the run created, so a retry starts from
// the folder as it was: no half-written pair, no 0-byte file that blocks the next run, no CA
// replaced under values that still carry the old one.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { OutputFile, modeOf, relativePathProblem } from './output';

export class OutputError extends Error {}

export interface EntryStats {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface WritableFile {
  writeFile(data: Buffer): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** Every file-system call the writer makes: node:fs by default, a fault-injecting fake in tests. */
export interface WriteFileSystem {
  lstat(target: string): Promise<EntryStats>;
  stat(target: string): Promise<EntryStats>;
  realpath(target: string): Promise<string>;
  statfs(target: string): Promise<{ type: number }>;
  mkdir(target: string, mode: number): Promise<void>;
  chmod(target: string, mode: number): Promise<void>;
  rmdir(target: string): Promise<void>;
  open(target: string, flags: string, mode: number): Promise<WritableFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(target: string): Promise<void>;
  syncDirectory(target: string): Promise<void>;
}

export const NODE_FILE_SYSTEM: WriteFileSystem = {
  lstat: (target) => fs.lstat(target),
  stat: (target) => fs.stat(target),
  realpath: (target) => fs.realpath(target),
  statfs: (target) => fs.statfs(target),
  mkdir: async (target, mode) => {
    await fs.mkdir(target, { mode });
  },
  chmod: (target, mode) => fs.chmod(target, mode),
  rmdir: (target) => fs.rmdir(target),
  open: (target, flags, mode) => fs.open(target, flags, mode),
  rename: (from, to) => fs.rename(from, to),
  unlink: (target) => fs.unlink(target),
  syncDirectory: async (target) => {
    const handle = await fs.open(target, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

export interface FileToWrite {
  /** Absolute path of the target. */
  path: string;
  content: string | Buffer;
  mode: number;
}

export interface WriteOptions {
  /** Replace files that exist (each is moved aside and only removed once every new file is in place). */
  force?: boolean;
  fs?: WriteFileSystem;
}

export interface TransactionOptions extends WriteOptions {
  /** Create missing folders (removed again on failure); otherwise every target's folder must exist. */
  createFolders?: boolean;
  /** Refuse any target whose real folder (after symbolic links) lies outside this folder. */
  confineTo?: string;
}

export interface WriteReport {
  /** Absolute paths, in the order the files were given. */
  written: string[];
  /** Set-aside old files that could not be removed after the new ones were in place. */
  notRemoved: string[];
}

/** Which of `files` already exist below `root` (relative paths), for `planWrite`. */
export async function existingOutputs(root: string, files: readonly OutputFile[], fileSystem: WriteFileSystem = NODE_FILE_SYSTEM): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    if ((await entryAt(fileSystem, path.join(root, file.relativePath))) !== undefined) {
      found.push(file.relativePath);
    }
  }
  return found;
}

/** Writes `files` below `root` (created if missing) in one transaction. */
export async function writeOutputFiles(
  root: string,
  files: readonly OutputFile[],
  options: WriteOptions & { confineTo?: string } = {},
): Promise<WriteReport> {
  for (const file of files) {
    const problem = relativePathProblem(file.relativePath);
    if (problem !== undefined) {
      throw new OutputError(problem);
    }
  }
  const targets = files.map((file) => ({ path: path.join(root, ...file.relativePath.split('/')), content: file.content, mode: modeOf(file) }));
  return writeFilesAtomically(targets, { ...options, createFolders: true, confineTo: options.confineTo ?? root });
}

// Pseudo file systems, by statfs f_type (linux/magic.h): writing there is meaningless or hangs.
// devtmpfs reports tmpfs's number, so /dev is refused by path instead.
const PSEUDO_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x73636673, 'securityfs'],
  [0x74726163, 'tracefs'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
]);
const PSEUDO_PATHS = ['/proc', '/sys', '/dev'];

interface FolderPlan {
  /** Folders to create, outermost first. */
  missing: string[];
}

/**
 * Refuses a folder that cannot hold generated files, before anything is created: its nearest
 * existing ancestor must be a folder on a regular file system (not /proc, /sys, /dev or another
 * pseudo file system). Returns the folders that would have to be created.
 */
export async function assertWritableFolder(folder: string, fileSystem: WriteFileSystem = NODE_FILE_SYSTEM): Promise<string[]> {
  return (await planFolder(fileSystem, path.resolve(folder))).missing;
}

async function planFolder(fileSystem: WriteFileSystem, folder: string, confinedTo?: string): Promise<FolderPlan> {
  const { existing, missing } = await nearestExisting(fileSystem, folder);
  const stats = await probe(existing, () => fileSystem.stat(existing));
  if (stats === undefined || !stats.isDirectory()) {
    throw new OutputError(`${existing} is not a folder`);
  }
  const real = await probe(existing, () => fileSystem.realpath(existing));
  if (real === undefined) {
    throw new OutputError(`${existing} is a broken symbolic link`);
  }
  if (process.platform === 'linux') {
    const pseudoPath = PSEUDO_PATHS.find((prefix) => [existing, real].some((each) => each === prefix || each.startsWith(`${prefix}/`)));
    if (pseudoPath !== undefined) {
      throw new OutputError(`refusing to write below ${pseudoPath}: it is not a regular file system`);
    }
    const type = await fileSystem.statfs(real).then(
      (result) => result.type,
      () => undefined,
    );
    const pseudo = type === undefined ? undefined : PSEUDO_FILE_SYSTEMS.get(type);
    if (pseudo !== undefined) {
      throw new OutputError(`refusing to write to ${folder}: ${real} is on the ${pseudo} pseudo file system`);
    }
  }
  if (confinedTo !== undefined) {
    const realFolder = path.join(real, ...missing.map((each) => path.basename(each)));
    if (realFolder !== confinedTo && !realFolder.startsWith(confinedTo + path.sep)) {
      throw new OutputError(`${folder} resolves outside the output folder through a symbolic link`);
    }
  }
  return { missing };
}

/** The nearest ancestor of `target` (or itself) that exists, and the folders below it that do not. */
async function nearestExisting(fileSystem: WriteFileSystem, target: string): Promise<{ existing: string; missing: string[] }> {
  const missing: string[] = [];
  let current = target;
  while ((await entryAt(fileSystem, current)) === undefined) {
    const parent = path.dirname(current);
    if (parent === current) {
      break;
    }
    missing.unshift(current);
    current = parent;
  }
  return { existing: current, missing };
}

function entryAt(fileSystem: WriteFileSystem, target: string): Promise<EntryStats | undefined> {
  return probe(target, () => fileSystem.lstat(target));
}

/** A check's answer; undefined when the entry is not there, an OutputError when the check itself fails. */
async function probe<T>(target: string, check: () => Promise<T>): Promise<T | undefined> {
  try {
    return await check();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return undefined;
    }
    throw new OutputError(`cannot check ${target}: ${code ?? (error as Error).message}`);
  }
}

/** The real path of `folder`, which need not exist yet. */
async function realFolderOf(fileSystem: WriteFileSystem, folder: string): Promise<string> {
  const { existing, missing } = await nearestExisting(fileSystem, path.resolve(folder));
  const real = await probe(existing, () => fileSystem.realpath(existing));
  if (real === undefined) {
    throw new OutputError(`${existing} is a broken symbolic link`);
  }
  return path.join(real, ...missing.map((each) => path.basename(each)));
}

/** Private key material: nobody but the owner may read it, so its folder is 0700 too. */
function isPrivate(mode: number): boolean {
  return (mode & 0o077) === 0;
}

interface Step {
  undo: () => Promise<void>;
  what: string;
}

/**
 * Writes every file or none. Checks all targets first (no symbolic link, nothing but regular
 * files, nothing that exists unless `force`, nothing outside `confineTo`), then writes temporary
 * files, then renames them into place; any failure undoes every step taken so far.
 */
export async function writeFilesAtomically(files: readonly FileToWrite[], options: TransactionOptions = {}): Promise<WriteReport> {
  const fileSystem = options.fs ?? NODE_FILE_SYSTEM;
  const targets = files.map((file) => ({ ...file, path: path.resolve(file.path) }));
  const seen = new Set<string>();
  for (const target of targets) {
    if (seen.has(target.path)) {
      throw new OutputError(`${target.path} is named twice`);
    }
    seen.add(target.path);
  }
  const confinedTo = options.confineTo === undefined ? undefined : await realFolderOf(fileSystem, options.confineTo);
  const foldersToCreate: string[] = [];
  for (const folder of new Set(targets.map((target) => path.dirname(target.path)))) {
    const plan = await planFolder(fileSystem, folder, confinedTo);
    if (plan.missing.length > 0 && !options.createFolders) {
      throw new OutputError(`cannot write below ${folder}: the folder does not exist`);
    }
    foldersToCreate.push(...plan.missing.filter((each) => !foldersToCreate.includes(each)));
  }
  const replaced = new Set<string>();
  const blocked: string[] = [];
  for (const target of targets) {
    const existing = await entryAt(fileSystem, target.path);
    if (existing === undefined) {
      continue;
    }
    if (existing.isSymbolicLink()) {
      throw new OutputError(`refusing to write through the symbolic link ${target.path}`);
    }
    if (!existing.isFile()) {
      throw new OutputError(`${target.path} exists and is not a regular file`);
    }
    if (!options.force) {
      blocked.push(target.path);
    }
    replaced.add(target.path);
  }
  if (blocked.length > 0) {
    throw new OutputError(`${blocked.join(', ')} already exist${blocked.length === 1 ? 's' : ''} (use --force to overwrite)`);
  }

  const steps: Step[] = [];
  const backups: string[] = [];
  let current = '';
  const run = async <T>(what: string, action: () => Promise<T>, undo?: () => Promise<void>): Promise<T> => {
    current = what;
    const result = await action();
    if (undo !== undefined) {
      steps.push({ undo, what });
    }
    return result;
  };
  try {
    foldersToCreate.sort((a, b) => a.length - b.length);
    for (const folder of foldersToCreate) {
      const holdsKey = targets.some((target) => isPrivate(target.mode) && target.path.startsWith(folder + path.sep));
      const mode = holdsKey ? 0o700 : 0o755;
      await run(`create ${folder}`, () => fileSystem.mkdir(folder, mode), () => fileSystem.rmdir(folder));
      if (holdsKey) {
        // mkdir's mode passes through the umask; chmod does not, so the folder is 0700 whatever the umask.
        await run(`restrict ${folder}`, () => fileSystem.chmod(folder, mode));
      }
    }
    // Every temporary file is created first, then all are written and flushed at once: the file
    // system can commit them in one journal transaction rather than one after the other, and
    // the flushes are most of what `kuma-tls generate` spends writing a key and a certificate.
    const temporary = new Map<string, string>();
    const opened: Array<{ target: FileToWrite; handle: WritableFile }> = [];
    try {
      for (const target of targets) {
        const temp = siblingName(target.path, 'tmp');
        opened.push({ target, handle: await run(`create ${temp}`, () => fileSystem.open(temp, 'wx', target.mode), () => fileSystem.unlink(temp)) });
        temporary.set(target.path, temp);
      }
    } catch (error) {
      await Promise.allSettled(opened.map(({ handle }) => handle.close()));
      throw error;
    }
    const written = await Promise.allSettled(
      opened.map(({ target, handle }) => writeAndClose(handle, Buffer.isBuffer(target.content) ? target.content : Buffer.from(target.content, 'utf8'))),
    );
    const failedWrite = written.findIndex((outcome) => outcome.status === 'rejected');
    if (failedWrite >= 0) {
      current = `write ${opened[failedWrite].target.path}`;
      throw (written[failedWrite] as PromiseRejectedResult).reason;
    }
    for (const target of targets) {
      if (replaced.has(target.path)) {
        const backup = siblingName(target.path, 'old');
        await run(`set aside ${target.path}`, () => fileSystem.rename(target.path, backup), () => fileSystem.rename(backup, target.path));
        backups.push(backup);
      } else if ((await entryAt(fileSystem, target.path)) !== undefined) {
        throw new OutputError(`${target.path} appeared while writing; not overwritten`);
      }
      const temp = temporary.get(target.path) as string;
      await run(`move ${target.path} into place`, () => fileSystem.rename(temp, target.path), () => fileSystem.rename(target.path, temp));
    }
    // The renames live in the targets' folders, and each created folder in its parent.
    const changedFolders = new Set([...targets.map((target) => path.dirname(target.path)), ...foldersToCreate.map((folder) => path.dirname(folder))]);
    for (const folder of changedFolders) {
      await run(`flush ${folder}`, () => syncFolder(fileSystem, folder));
    }
  } catch (error) {
    const failed = await undoAll(steps);
    const reason = error instanceof OutputError ? error.message : `could not ${current}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    throw new OutputError(
      failed.length === 0 ? `${reason}; nothing was changed` : `${reason}; could not undo: ${failed.join('; ')}`,
    );
  }
  // Every new file is in place: the old ones are no longer needed.
  const notRemoved: string[] = [];
  for (const backup of backups) {
    await fileSystem.unlink(backup).catch(() => notRemoved.push(backup));
  }
  return { written: targets.map((target) => target.path), notRemoved };
}

/** `.<name>.<random>.<suffix>` beside `target`: same folder, so the rename is atomic. */
function siblingName(target: string, suffix: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.${suffix}`);
}

/** Writes, flushes and closes; the first failure wins, and the handle is closed either way. */
async function writeAndClose(handle: WritableFile, data: Buffer): Promise<void> {
  let failure: unknown;
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    failure = error;
  }
  try {
    await handle.close();
  } catch (error) {
    failure ??= error;
  }
  if (failure !== undefined) {
    throw failure;
  }
}

// Platforms that cannot open or flush a folder (Windows, some network file systems) say so with these.
const CANNOT_SYNC_FOLDERS = new Set(['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP', 'EBADF']);

async function syncFolder(fileSystem: WriteFileSystem, folder: string): Promise<void> {
  try {
    await fileSystem.syncDirectory(folder);
  } catch (error) {
    if (!CANNOT_SYNC_FOLDERS.has((error as NodeJS.ErrnoException).code ?? '')) {
      throw error;
    }
  }
}

/** Undoes `steps` newest first; each is tried even when an earlier one fails. Returns what failed. */
async function undoAll(steps: readonly Step[]): Promise<string[]> {
  const failed: string[] = [];
  for (const step of [...steps].reverse()) {
    try {
      await step.undo();
    } catch (error) {
      failed.push(`${step.what} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return failed;
}
