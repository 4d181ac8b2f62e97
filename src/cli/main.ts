// `kuma-tls`: the linter and the certificate generator for CI pipelines. Thin glue over the
// editor-free core; every subcommand returns its exit status instead of calling process.exit.
import { escapeControlCharacters, scrubKeyMaterial } from '../pki/redact';
import { CliIo, EXIT_OK, EXIT_USAGE, UsageError } from './io';
// Subcommands are imported when they run: `generate` should not pay for loading the linter
// (yaml, every rule, the settings catalogue) and `lint` not for the certificate builder. In the
// CLI bundle each `import()` is a chunk of its own (webpack.config.js), so neither is even parsed.

declare const KUMA_TLS_VERSION: string | undefined;

export const HELP = `kuma-tls: TLS for the Kuma service mesh, right the first time

Usage:
  kuma-tls lint [--format text|json|sarif|gitlab] [--rule ID=SEVERITY]... [--max-warnings N] PATH...
  kuma-tls lint --stdin-filename NAME -   (one file from standard input; see 'kuma-tls lint --help')
  kuma-tls rules [--format json]          (every rule: id, default severity, summary, docs link)
  kuma-tls generate tls-certificate --type=server|client --hostname=HOST[,HOST...] [options]
  kuma-tls generate ca|issue|recipe ...   (see 'kuma-tls generate --help')
  kuma-tls renew CERT-FILE [--keep-key] [--days N]
  kuma-tls rotate-ca CHANNEL-FOLDER --phase 1|2|3 [--days N]
  kuma-tls probe URL [--ca FILE] [--server-name NAME] [--timeout MS]
  kuma-tls lsp --stdio                     (the language server, for Neovim, Helix, Zed, ...)
  kuma-tls --help | --version

Exit status: 0 no error findings, 1 error findings, 2 usage or internal error.
`;

/**
 * A usage error quotes the user's own arguments and paths: each of its lines is escaped (no
 * terminal control sequence, no forged line), and kept readable (a temporary folder's random
 * suffix is no key). An internal error may carry text from a file, so it is scrubbed of key
 * material too.
 */
function stderrSafe(message: string, fromFiles: boolean): string {
  return message
    .split('\n')
    .map((line) => escapeControlCharacters(fromFiles ? scrubKeyMaterial(line) : line))
    .join('\n');
}

function version(): string {
  return typeof KUMA_TLS_VERSION === 'string' ? KUMA_TLS_VERSION : 'development';
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      case '-v':
      case '--version':
        io.stdout(`${version()}\n`);
        return EXIT_OK;
      case 'lint':
        return await (await import(/* webpackChunkName: "lint" */ './lint')).runLint(rest, io);
      case 'rules':
        return (await import(/* webpackChunkName: "lint" */ './rules')).runRules(rest, io);
      case 'generate':
        return await (await import(/* webpackChunkName: "generate" */ './generate')).runGenerate(rest, io);
      case 'renew':
        return await (await import(/* webpackChunkName: "lifecycle" */ './lifecycle')).runRenew(rest, io);
      case 'rotate-ca':
        return await (await import(/* webpackChunkName: "lifecycle" */ './lifecycle')).runRotateCa(rest, io);
      case 'probe':
        return await (await import(/* webpackChunkName: "probe" */ './probe')).runProbe(rest, io);
      case 'lsp':
        return await (await import(/* webpackChunkName: "lsp" */ './lsp')).runLsp(rest, io);
      default:
        throw new UsageError(`unknown command "${command}" (expected lint, rules, generate, renew, rotate-ca, probe or lsp; see kuma-tls --help)`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`kuma-tls: ${stderrSafe(error.message, false)}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`kuma-tls: internal error: ${stderrSafe(error instanceof Error ? error.message : String(error), true)}\n`);
    return EXIT_USAGE;
  }
}

