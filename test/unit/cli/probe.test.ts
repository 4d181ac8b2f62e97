// `kuma-tls probe` against real servers on 127.0.0.1 that the test starts: openssl s_server with
// generated certificates (the workspace's own, one of another CA, one without the host among its
// SANs), a plain TCP server, a silent one, and a closed port. Timeouts are hang guards only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, Server, Socket } from 'node:net';
import * as path from 'node:path';
import { runCli } from './support';
import { parseProbeAddress } from '../../../src/pki/probe';
import { removeDir, scratchDir } from '../pki/support';

const run = runCli;

async function ok(args: string[], cwd: string): Promise<void> {
  const result = await run(args, cwd);
  assert.equal(result.code, 0, result.stderr);
}

/** A port nothing listens on any more (the kernel hands out a free one, then it is closed). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

const children: ChildProcess[] = [];
const servers: Server[] = [];
const sockets: Socket[] = [];

/** openssl s_server serving `cert`/`key` on 127.0.0.1; resolves with its port once it accepts. */
async function tlsServer(cert: string, key: string): Promise<number> {
  const port = await freePort();
  const child = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', cert, '-key', key, '-naccept', '20'], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const guard = setTimeout(() => reject(new Error(`openssl s_server did not start: ${output}`)), 30_000);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ACCEPT')) {
        clearTimeout(guard);
        resolve();
      }
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    child.once('exit', () => reject(new Error(`openssl s_server exited: ${output}`)));
  });
  return port;
}

/** A TCP server that is not TLS: it answers like a plain HTTP port, or says nothing at all. */
async function plainServer(reply: boolean): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    if (reply) socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}

let cwd: string;
let outside: string;

before(async () => {
  cwd = scratchDir();
  outside = scratchDir();
  // The workspace: the API server channel, its certificate also for 127.0.0.1.
  await ok(['generate', 'recipe', 'api-server', '--out=api', '--key-type=ecdsa', '--hostname=127.0.0.1'], cwd);
  // Outside it: a certificate of another CA, and one of the workspace's CA without 127.0.0.1.
  await ok(['generate', 'recipe', 'api-server', '--out=stranger', '--key-type=ecdsa', '--hostname=127.0.0.1'], outside);
  await ok(['generate', 'issue', `--ca-cert=${path.join(cwd, 'api/ca.crt')}`, `--ca-key=${path.join(cwd, 'api/ca.key')}`, '--type=server', '--hostname=elsewhere.example', '--key-type=ecdsa', '--cert-file=wrong-san.crt', '--key-file=wrong-san.key'], outside);
});

after(() => {
  for (const child of children) child.kill();
  for (const socket of sockets) socket.destroy();
  for (const server of servers) server.close();
  removeDir(cwd);
  removeDir(outside);
});

const HANG_GUARD = { timeout: 60_000 };

test('probe: the workspace\'s own certificate, served: the chain is shown and every check passes (exit 0)', HANG_GUARD, async () => {
  const port = await tlsServer(path.join(cwd, 'api/tls.crt'), path.join(cwd, 'api/tls.key'));
  const result = await run(['probe', `https://127.0.0.1:${port}`], cwd);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /served 1 certificate\(s\) over TLSv1\.[23]/);
  assert.match(result.stdout, /names: kuma-control-plane\.kuma-system, kuma-control-plane\.kuma-system\.svc, 127\.0\.0\.1/);
  assert.match(result.stdout, /^ok {3}workspace certificate: it is tls\.crt of Secret api-server-tls \(api\/secret\.yaml\)$/m);
  assert.match(result.stdout, /^ok {3}trusted: verified by "CN=kuma-ca" from /m);
  assert.match(result.stdout, /^ok {3}host name: its SANs cover 127\.0\.0\.1$/m);
  assert.doesNotMatch(result.stdout, /PRIVATE KEY/);
  // --server-name is checked (and sent as SNI) instead of the host dialled.
  const named = await run(['probe', `127.0.0.1:${port}`, '--server-name', 'kuma-control-plane.kuma-system.svc'], cwd);
  assert.equal(named.code, 0, named.stdout);
  const other = await run(['probe', `127.0.0.1:${port}`, '--server-name', 'kuma.example.org'], cwd);
  assert.equal(other.code, 1);
  assert.match(other.stdout, /^FAIL host name: .*do not cover kuma\.example\.org/m);
});

test('probe: a certificate of another CA is neither the workspace\'s nor trusted (exit 1); --ca FILE of that CA trusts it', HANG_GUARD, async () => {
  const port = await tlsServer(path.join(outside, 'stranger/tls.crt'), path.join(outside, 'stranger/tls.key'));
  const result = await run(['probe', `https://127.0.0.1:${port}`], cwd);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^FAIL workspace certificate: the workspace holds a different certificate/m);
  assert.match(result.stdout, /^FAIL trusted: no CA of .* issued it: clients fail with "x509: certificate signed by unknown authority"/m);
  assert.match(result.stdout, /^ok {3}host name/m);
  const withCa = await run(['probe', `https://127.0.0.1:${port}`, '--ca', path.join(outside, 'stranger/ca.crt')], cwd);
  assert.match(withCa.stdout, /^ok {3}trusted: verified by "CN=kuma-ca" from /m);
});

test('probe: a certificate of the workspace\'s CA whose SANs miss the host: trusted, but the host name check fails (exit 1)', HANG_GUARD, async () => {
  const port = await tlsServer(path.join(outside, 'wrong-san.crt'), path.join(outside, 'wrong-san.key'));
  const result = await run(['probe', `https://127.0.0.1:${port}`], cwd);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^ok {3}trusted/m);
  assert.match(result.stdout, /^FAIL host name: its SANs \(elsewhere\.example\) do not cover 127\.0\.0\.1/m);
});

test('probe: a plain TCP server, a silent one and a closed port give clear messages (exit 2)', HANG_GUARD, async () => {
  const plain = await run(['probe', `127.0.0.1:${await plainServer(true)}`], cwd);
  assert.equal(plain.code, 2);
  assert.match(plain.stderr, /answered, but not with TLS/);
  const silent = await run(['probe', `grpcs://127.0.0.1:${await plainServer(false)}`, '--timeout', '300'], cwd);
  assert.equal(silent.code, 2);
  assert.match(silent.stderr, /no TLS handshake with 127\.0\.0\.1:\d+ within 300 ms/);
  const closed = await run(['probe', `https://127.0.0.1:${await freePort()}`], cwd);
  assert.equal(closed.code, 2);
  assert.match(closed.stderr, /connection to 127\.0\.0\.1:\d+ refused: nothing listens there/);
});

test('probe addresses: Kuma\'s default ports, and what has no TLS to check', () => {
  assert.deepEqual(parseProbeAddress('https://cp.example'), { scheme: 'https', host: 'cp.example', port: 5682 });
  assert.deepEqual(parseProbeAddress('grpcs://global.example'), { scheme: 'grpcs', host: 'global.example', port: 5685 });
  assert.deepEqual(parseProbeAddress('[::1]:5678'), { scheme: 'tcp', host: '::1', port: 5678 });
  assert.throws(() => parseProbeAddress('http://cp.example:5681'), /http:\/\/ has no TLS to check/);
  assert.throws(() => parseProbeAddress('cp.example'), /needs a port/);
});
