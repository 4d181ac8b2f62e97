// The CLI's file system for writing generated files: node:fs's synchronous calls behind the
// writer's promise interface (src/pki/write.ts), except the file flushes. A command-line run has
// nothing else to do while a call waits, and each asynchronous call is a round trip through
// libuv's thread pool (about twenty for one key pair) besides loading fs/promises; the editor
// keeps the asynchronous calls.
import * as fs from 'node:fs';
import type { EntryStats, WritableFile, WriteFileSystem } from '../pki/write';

/** The call's result as a settled promise: a thrown error (its errno code intact) becomes the rejection. */
function settled<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error);
  }
}

function openedFile(fd: number): WritableFile {
  return {
    // Like FileHandle.writeFile: from the current position, all of it.
    writeFile: (data) => settled(() => fs.writeFileSync(fd, data)),
    // The one asynchronous call: the writer flushes all its files at once, and flushes running
    // side by side on the thread pool share a journal commit (one after another they cost one each).
    sync: () => new Promise((resolve, reject) => fs.fsync(fd, (error) => (error ? reject(error) : resolve()))),
    close: () => settled(() => fs.closeSync(fd)),
  };
}

export const SYNC_FILE_SYSTEM: WriteFileSystem = {
  lstat: (target) => settled((): EntryStats => fs.lstatSync(target)),
  stat: (target) => settled((): EntryStats => fs.statSync(target)),
  // realpath(3), as fs.promises.realpath uses.
  realpath: (target) => settled(() => fs.realpathSync.native(target)),
  statfs: (target) => settled(() => fs.statfsSync(target)),
  mkdir: (target, mode) => settled(() => void fs.mkdirSync(target, { mode })),
  chmod: (target, mode) => settled(() => fs.chmodSync(target, mode)),
  rmdir: (target) => settled(() => fs.rmdirSync(target)),
  open: (target, flags, mode) => settled(() => openedFile(fs.openSync(target, flags, mode))),
  rename: (from, to) => settled(() => fs.renameSync(from, to)),
  unlink: (target) => settled(() => fs.unlinkSync(target)),
  syncDirectory: (target) =>
    settled(() => {
      const fd = fs.openSync(target, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }),
};
