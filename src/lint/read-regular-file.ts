// Reading a file the walk found (the CLI, the language server's indexing) or one a hover looks
// for beside an open file: it was a regular file when the folder was read, but by the time it is
// read (or read again at the end of a CLI run, lint/batches.ts) it may be a named pipe, on which a
// plain read blocks until a writer comes. Opened without blocking and checked on the open
// descriptor, it is read only if it still is a regular file (and, given a limit, no larger).
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

export function readRegularFile(path: string, maxBytes = Infinity): Buffer {
  // O_NONBLOCK is what keeps open() itself from waiting on a FIFO; Windows has no FIFOs and no flag.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('it is no longer a regular file');
    if (stat.size > maxBytes) throw new Error(`it is over ${maxBytes} bytes`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
