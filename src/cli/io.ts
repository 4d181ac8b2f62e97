// The CLI's side effects behind one small seam so subcommands can be tested in-process.

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
  // Each stream is made on its first write: building one loads and sets up Node's stream (and,
  // for a pipe, net) machinery, which a run that never writes to it need not pay for.
  let stdout: ((text: string) => void) | undefined;
  let stderr: ((text: string) => void) | undefined;
  return {
    stdout: (text) => (stdout ??= writerTo(process.stdout))(text),
    stderr: (text) => (stderr ??= writerTo(process.stderr))(text),
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
export function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    else throw error;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}
