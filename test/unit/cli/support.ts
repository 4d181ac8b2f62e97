// The CLI in-process through main() with a CliIo that records both streams.
import { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
