// Finds the files a lint run covers under some paths: streamed directory walk, `.git` and
// `node_modules` skipped, symlinked directories not followed (no loops), and only names the
// linter can recognise, so a large repository costs one readdir per folder.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatOf } from './model/kinds';

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

export interface DiscoveredFile {
  path: string;
  size: number;
}

/** Whether a file name is one the linter may recognise (extension or extension-less, PEM by content). */
export function isCandidateName(name: string): boolean {
  return formatOf(name, '') !== 'other' || !name.includes('.');
}

/**
 * Yields candidate files under `roots` (files given explicitly are always yielded). Missing
 * roots are reported through `onMissing` rather than thrown, so the caller decides.
 */
export async function* discoverFiles(roots: readonly string[], onMissing: (root: string) => void): AsyncGenerator<DiscoveredFile> {
  const seen = new Set<string>();
  for (const root of roots) {
    let stat;
    try {
      stat = await fs.stat(root);
    } catch {
      onMissing(root);
      continue;
    }
    if (stat.isFile()) {
      if (!seen.has(root)) {
        seen.add(root);
        yield { path: root, size: stat.size };
      }
      continue;
    }
    if (stat.isDirectory()) yield* walk(root, seen);
  }
}

async function* walk(directory: string, seen: Set<string>): AsyncGenerator<DiscoveredFile> {
  let dir;
  try {
    dir = await fs.opendir(directory);
  } catch {
    return;
  }
  const subdirectories: string[] = [];
  for await (const entry of dir) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) subdirectories.push(full);
      continue;
    }
    if (!isCandidateName(entry.name) || seen.has(full)) continue;
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    let stat;
    try {
      // A symlink to a file is linted; a symlink to a directory is not walked (loops).
      stat = await fs.stat(full);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    seen.add(full);
    yield { path: full, size: stat.size };
  }
  subdirectories.sort();
  for (const sub of subdirectories) yield* walk(sub, seen);
}
