// Reading a file the walk found: it was a regular file when the folder was read, but by the time
// it is read (or read again at the end of a run, lint/batches.ts) it may be a named pipe, on which
// a plain read blocks until a writer comes. Opened without blocking and checked on the open
// descriptor, it is read only if it still is a regular file.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

export function readRegularFile(path: string): Buffer {
  // O_NONBLOCK is what keeps open() itself from waiting on a FIFO; Windows has no FIFOs and no flag.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw new Error('it is no longer a regular file');
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
