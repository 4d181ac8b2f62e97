// `kuma-tls lsp --stdio`: the language server over standard input and output, for editors other
// than VS Code. It runs until the client ends it (shutdown, exit), so it never returns a status.
import { runServer } from '../server/main';
import { CliIo, EXIT_OK, UsageError } from './io';

export const LSP_HELP = `Usage:
  kuma-tls lsp --stdio
      Runs the Kuma TLS language server (diagnostics, quick fixes, hovers, completions, code
      lenses) over standard input and output. Editors start it themselves; see the README for
      Neovim, Helix and Zed.
`;

export function runLsp(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(LSP_HELP);
    return Promise.resolve(EXIT_OK);
  }
  if (args.length !== 1 || args[0] !== '--stdio') throw new UsageError('lsp needs --stdio (the only transport it speaks; see kuma-tls lsp --help)');
  runServer('stdio');
  // The connection ends the process on `exit`; until then this never settles.
  return new Promise<number>(() => undefined);
}
