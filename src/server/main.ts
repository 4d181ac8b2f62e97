// Process entry of the language server: `dist/cli.js lsp --node-ipc` (the VS Code client) or
// `kuma-tls lsp --stdio` (every other editor). Logging goes to the client (the "Kuma TLS" output
// channel), never to stdout, which carries the protocol.
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { KumaTlsServer } from './server';

export type Transport = 'stdio' | 'from-argv';

export function runServer(transport: Transport = 'from-argv'): void {
  const connection =
    transport === 'stdio'
      ? createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout))
      : // --node-ipc, --stdio or --socket=N, as the client started it.
        createConnection(ProposedFeatures.all);
  new KumaTlsServer(connection).listen();
}
