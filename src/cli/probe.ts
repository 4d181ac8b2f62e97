// `kuma-tls probe URL [--ca FILE] [--server-name NAME] [--timeout MS]`: one TLS handshake with the
// address given (and no other), the served chain, and the checks against the current folder as
// the workspace. Exit 0 all checks pass, 1 a check fails, 2 no TLS handshake or a usage error.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { channelOf, checkServedChain, probeReportLines } from '../lint/lifecycle/probe-check';
import { DEFAULT_PROBE_TIMEOUT_MS, parseProbeAddress, ProbeAddressError, probeTls } from '../pki/probe';
import { escapeControlCharacters as terminalSafe } from '../pki/redact';
import { FlagSpecs, parseArgs } from './args';
import { relativeFile } from './format/shape';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from './io';
import { documentsOf, loadWorkspace } from './workspaceFiles';

export const PROBE_HELP = `Usage:
  kuma-tls probe URL [--ca FILE] [--server-name NAME] [--timeout MS]
      Connects with TLS to URL (https://HOST[:5682] the API server, grpcs://HOST[:5685] the
      global KDS server, HOST:5678 the data plane server), shows the certificates it serves and
      checks them against the current folder: is it the certificate the workspace holds, does
      the workspace's CA for that channel (or --ca FILE) verify it, do its SANs cover the host
      (or --server-name, also sent as SNI). Only that address is contacted. --timeout defaults to
      ${DEFAULT_PROBE_TIMEOUT_MS} ms. Exit status: 0 every check passes, 1 a check fails, 2 no TLS
      handshake (timeout, refused, not TLS) or a usage error.
`;

const FLAGS: FlagSpecs = { ca: { kind: 'string' }, 'server-name': { kind: 'string' }, timeout: { kind: 'string' }, help: { kind: 'boolean', short: 'h' } };

export async function runProbe(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, FLAGS);
  if (parsed.booleans.has('help')) {
    io.stdout(PROBE_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('probe needs exactly one address (see kuma-tls probe --help)');
  let address;
  try {
    address = parseProbeAddress(parsed.positionals[0]);
  } catch (error) {
    if (error instanceof ProbeAddressError) throw new UsageError(`${terminalSafe(parsed.positionals[0])}: ${error.message}`);
    throw error;
  }
  const timeoutText = parsed.strings.get('timeout');
  if (timeoutText !== undefined && (!/^\d+$/.test(timeoutText) || Number(timeoutText) < 1)) throw new UsageError(`invalid --timeout "${terminalSafe(timeoutText)}" (milliseconds)`);
  const caPath = parsed.strings.get('ca');
  let caPem: { pem: string; label: string } | undefined;
  if (caPath !== undefined) {
    const file = path.resolve(io.cwd, caPath);
    const pem = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read --ca ${terminalSafe(caPath)}: ${error.code ?? 'error'}`);
    });
    caPem = { pem, label: relativeFile(io.cwd, file) };
  }
  const serverName = parsed.strings.get('server-name');
  const result = await probeTls(address, { serverName, timeoutMs: timeoutText === undefined ? undefined : Number(timeoutText) });
  if (!result.ok) {
    io.stderr(`kuma-tls: ${terminalSafe(result.message)}\n`);
    return EXIT_USAGE;
  }
  const docs = documentsOf(await loadWorkspace(io.cwd, io));
  const verdict = checkServedChain({ chainPem: result.chain, hostname: serverName ?? address.host, channel: channelOf(address.port, address.scheme), docs, caPem, displayPath: (p) => relativeFile(io.cwd, p) });
  const lines = probeReportLines(`${address.host}:${address.port}`, result.protocol, verdict);
  io.stdout(`${lines.map((l) => terminalSafe(l)).join('\n')}\n`);
  return verdict.ok ? EXIT_OK : EXIT_FINDINGS;
}
