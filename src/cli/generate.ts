import { CliIo, UsageError } from './io';

export async function runGenerate(_args: string[], _io: CliIo): Promise<number> {
  throw new UsageError('"generate" is not yet available');
}
