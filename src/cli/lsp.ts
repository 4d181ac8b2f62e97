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
  // --node-ipc is how the VS Code extension starts this same server: vscode-languageclient adds
  // it and --clientProcessId=N (the server ends when that process does).
  const transports = args.filter((a) => !/^--clientProcessId=\d+$/.test(a));
  if (transports.length !== 1 || (transports[0] !== '--stdio' && transports[0] !== '--node-ipc')) throw new UsageError('lsp needs --stdio (see kuma-tls lsp --help)');
  runServer(transports[0] === '--stdio' ? 'stdio' : 'from-argv');
  // The connection ends the process on `exit`; until then this never settles.
  return new Promise<number>(() => undefined);
}
