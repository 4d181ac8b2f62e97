import { CliIo, UsageError } from './io';

export async function runLint(_args: string[], _io: CliIo): Promise<number> {
  throw new UsageError('"lint" is not yet available');
}
