// Writing generated files with Node's fs: private keys get 0600 from the moment they exist
// (mode at open, exclusive create), and nothing escapes the chosen output folder.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { OutputFile, modeOf, relativePathProblem } from './output';

export class OutputError extends Error {}

export interface WriteOptions {
  /** Replace files that exist (they are removed first so the new mode applies). */
  force?: boolean;
}

/** Which of `files` already exist below `root` (relative paths), for `planWrite`. */
export async function existingOutputs(root: string, files: readonly OutputFile[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    try {
      await fs.lstat(path.join(root, file.relativePath));
      found.push(file.relativePath);
    } catch {
      // absent: nothing to report
    }
  }
  return found;
}

/** Writes `files` below `root` (created if missing) and returns their absolute paths. */
export async function writeOutputFiles(root: string, files: readonly OutputFile[], options: WriteOptions = {}): Promise<string[]> {
  for (const file of files) {
    const problem = relativePathProblem(file.relativePath);
    if (problem !== undefined) {
      throw new OutputError(problem);
    }
  }
  await fs.mkdir(root, { recursive: true });
  const realRoot = await fs.realpath(root);
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(realRoot, ...file.relativePath.split('/'));
    await fs.mkdir(path.dirname(target), { recursive: true });
    const realParent = await fs.realpath(path.dirname(target));
    if (realParent !== realRoot && !realParent.startsWith(realRoot + path.sep)) {
      throw new OutputError(`"${file.relativePath}" resolves outside the output folder through a symbolic link`);
    }
    await writeNewFile(target, file.content, modeOf(file), options);
    written.push(target);
  }
  return written;
}

/**
 * Creates `target` exclusively with `mode`. An existing file is an error unless `force`, and a
 * symbolic link is always refused, so a planted link cannot redirect a private key.
 */
export async function writeNewFile(target: string, content: string, mode: number, options: WriteOptions = {}): Promise<void> {
  let existing;
  try {
    existing = await fs.lstat(target);
  } catch {
    existing = undefined;
  }
  if (existing !== undefined) {
    if (existing.isSymbolicLink()) {
      throw new OutputError(`refusing to write through the symbolic link ${target}`);
    }
    if (!existing.isFile()) {
      throw new OutputError(`${target} exists and is not a regular file`);
    }
    if (!options.force) {
      throw new OutputError(`${target} already exists (use --force to overwrite)`);
    }
    await fs.unlink(target);
  }
  try {
    // 'wx' = O_CREAT|O_EXCL: fails instead of following a link or reusing a file created meanwhile.
    await fs.writeFile(target, content, { mode, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new OutputError(`${target} appeared while writing; not overwritten`);
    }
    throw new OutputError(`could not write ${target}: ${code ?? (error as Error).message}`);
  }
}
