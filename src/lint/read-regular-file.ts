// Reading a file nobody named: one the walk found (the CLI, the language server's indexing), a
// .gitignore or .git/info/exclude the walk consults, a .kuma-tls.yaml of an enclosing folder, one
// a hover looks for beside an open file. It may be a named pipe (or have become one since the
// folder was read), on which a plain read blocks until a writer comes, and the run with it.
// Opened without blocking and checked on the open descriptor, it is read only if it is a regular
// file (and, given a limit, no larger). A file the user names (--config, --ca-cert-file) is read
// as given: `<(…)` process substitution is a pipe on purpose.
import { closeSync, constants, fstatSync, openSync, promises as fsAsync, readFileSync, Stats } from 'node:fs';

/** O_NONBLOCK keeps open() itself from waiting on a FIFO; Windows has no FIFOs and no flag. */
const NON_BLOCKING_READ = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export function readRegularFile(path: string, maxBytes = Infinity): Buffer {
  const fd = openSync(path, NON_BLOCKING_READ);
  try {
    checkRegular(fstatSync(fd), maxBytes);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function readRegularFileAsync(path: string, maxBytes = Infinity): Promise<Buffer> {
  const handle = await fsAsync.open(path, NON_BLOCKING_READ);
  try {
    checkRegular(await handle.stat(), maxBytes);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function checkRegular(stat: Stats, maxBytes: number): void {
  if (!stat.isFile()) throw new Error('it is not a regular file');
  if (stat.size > maxBytes) throw new Error(`it is over ${maxBytes} bytes`);
}
