// The CLI's side effects behind one small seam so subcommands can be tested in-process.
import { writeSync } from 'node:fs';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Standard input, read whole (`kuma-tls lint -`). */
  stdin?: () => Promise<Buffer>;
}

/** A usage or input error: printed on standard error, exit status 2. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export function processIo(): CliIo {
  // Output goes to the descriptor itself: building process.stdout loads and sets up Node's
  // stream machinery (and, for a pipe, node:net), a few milliseconds of every `generate`. The
  // stream is made only if a write to the descriptor cannot finish (below), and on Windows,
  // whose console needs the stream's encoding.
  const writerFor = (fd: number, stream: () => NodeJS.WriteStream): ((text: string) => void) =>
    process.platform === 'win32' ? writerTo(stream()) : descriptorWriter(fd, () => writerTo(stream()));
  let stdout: ((text: string) => void) | undefined;
  let stderr: ((text: string) => void) | undefined;
  return {
    stdout: (text) => (stdout ??= writerFor(1, () => process.stdout))(text),
    stderr: (text) => (stderr ??= writerFor(2, () => process.stderr))(text),
    cwd: process.cwd(),
    stdin: () => readAll(process.stdin),
  };
}

async function readAll(stream: NodeJS.ReadStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Writes to a stream until its reader goes away: `kuma-tls … | head -1` closes the pipe early, and
 * an unhandled EPIPE would crash the process with a stack trace. After EPIPE the rest of the output
 * is dropped and the command still finishes, so its exit status still says what it found.
 */
export function writerTo(stream: NodeJS.WriteStream): (text: string | Uint8Array) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    else throw error;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/** What a descriptor writer calls to write: fs.writeSync's shape, replaceable in tests. */
export type WriteToDescriptor = (fd: number, data: Buffer, offset: number, length: number) => number;

/**
 * Writes synchronously to a file descriptor, as process.stdout does on Linux for files, pipes and
 * terminals, so the order of output and exit is the same. A descriptor that someone else made
 * non-blocking can refuse a write (EAGAIN): that write's rest and every later one go to the
 * stream `fallback()` makes, which waits for the reader. A reader that went away (EPIPE) ends the
 * output as in writerTo; any other error surfaces.
 */
export function descriptorWriter(
  fd: number,
  fallback: () => (text: string | Uint8Array) => void,
  write: WriteToDescriptor = writeSync,
): (text: string) => void {
  let closed = false;
  let stream: ((text: string | Uint8Array) => void) | undefined;
  return (text) => {
    if (closed) return;
    if (stream) return stream(text);
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += write(fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          closed = true;
          return;
        }
        if (code !== 'EAGAIN') throw error;
        stream = fallback();
        // The rest as bytes, so a character split by a partial write is not re-encoded.
        return stream(bytes.subarray(offset));
      }
    }
  };
}
