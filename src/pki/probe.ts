// One TLS handshake with the address the user gave, and nothing else: the chain the server sends,
// as PEM, or why there is none (timeout, refused, not a TLS server). The verdicts (is it the
// workspace's certificate, does its CA verify it, do its names cover the host) are the caller's:
// the handshake accepts any certificate so that a wrong one can be shown.
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import { certificatePem } from './certificate';

export type ProbeScheme = 'https' | 'grpcs' | 'tcp';

export interface ProbeAddress {
  scheme: ProbeScheme;
  host: string;
  port: number;
}

export class ProbeAddressError extends Error {}

/** Kuma's TLS ports when the address names none: the API server (HTTPS) and the global KDS (gRPC). */
const DEFAULT_PORTS: Record<Exclude<ProbeScheme, 'tcp'>, number> = { https: 5682, grpcs: 5685 };

/** `https://host:5682`, `grpcs://host:5685`, `host:5678`, `[::1]:5678`. */
export function parseProbeAddress(address: string): ProbeAddress {
  const text = address.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'https' && scheme !== 'grpcs') {
    throw new ProbeAddressError(`${scheme}:// has no TLS to check; use https://, grpcs:// or HOST:PORT`);
  }
  let url: URL;
  try {
    url = new URL(scheme === undefined ? `tcp://${text}` : text);
  } catch {
    throw new ProbeAddressError('not an address (expected https://HOST[:PORT], grpcs://HOST[:PORT] or HOST:PORT)');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === '') throw new ProbeAddressError('the address has no host');
  const kind: ProbeScheme = scheme === 'https' || scheme === 'grpcs' ? scheme : 'tcp';
  const port = url.port === '' ? (kind === 'tcp' ? undefined : DEFAULT_PORTS[kind]) : Number(url.port);
  if (port === undefined) throw new ProbeAddressError('HOST:PORT needs a port (5678 is the data plane server)');
  return { scheme: kind, host, port };
}

export type ProbeFailure = 'timeout' | 'refused' | 'not-tls' | 'unreachable' | 'closed';

export type ProbeResult =
  | { ok: true; chain: string[]; protocol: string | null; alpn: string | null }
  | { ok: false; failure: ProbeFailure; message: string };

export interface ProbeOptions {
  /** SNI and the name the caller will check; default: the host when it is a name (SNI carries no IP). */
  serverName?: string;
  timeoutMs?: number;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

export function probeTls(address: ProbeAddress, options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const serverName = options.serverName ?? (isIP(address.host) ? undefined : address.host);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const socket = tls.connect({
      host: address.host,
      port: address.port,
      ...(serverName !== undefined ? { servername: serverName } : {}),
      // Shown and judged by the caller, so the handshake takes whatever is served.
      rejectUnauthorized: false,
      ...(address.scheme === 'grpcs' ? { ALPNProtocols: ['h2'] } : address.scheme === 'https' ? { ALPNProtocols: ['h2', 'http/1.1'] } : {}),
    });
    const timer = setTimeout(
      () => finish({ ok: false, failure: 'timeout', message: `no TLS handshake with ${hostPort(address)} within ${timeoutMs} ms (a firewall dropping packets, or a server that does not speak TLS on this port)` }),
      timeoutMs,
    );
    socket.once('secureConnect', () => {
      finish({ ok: true, chain: servedChain(socket), protocol: socket.getProtocol(), alpn: typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : null });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ ok: false, ...describeError(error, address) }));
    socket.once('close', () => finish({ ok: false, failure: 'closed', message: `${hostPort(address)} closed the connection before a TLS handshake (not a TLS port, or the server rejected the client)` }));
  });
}

function hostPort(address: ProbeAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

function describeError(error: NodeJS.ErrnoException, address: ProbeAddress): { failure: ProbeFailure; message: string } {
  const where = hostPort(address);
  switch (error.code) {
    case 'ECONNREFUSED':
      return { failure: 'refused', message: `connection to ${where} refused: nothing listens there` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { failure: 'unreachable', message: `the host ${address.host} does not resolve` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { failure: 'unreachable', message: `${where} is unreachable (${error.code})` };
    case 'ECONNRESET':
      return { failure: 'closed', message: `${where} reset the connection during the TLS handshake (not a TLS port, or the server rejected the client)` };
  }
  // OpenSSL's answer to a plain-text reply (HTTP on 5681, a gRPC server without TLS).
  if (/wrong version number|packet length too long|unknown protocol|http request|record layer failure/i.test(error.message) || error.code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return { failure: 'not-tls', message: `${where} answered, but not with TLS (a plain-text port? Kuma's plain HTTP API is 5681, its HTTPS API 5682)` };
  }
  return { failure: 'closed', message: `the TLS handshake with ${where} failed (${error.code ?? 'error'})` };
}

/** The certificates the server sent, leaf first, as PEM. */
function servedChain(socket: tls.TLSSocket): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let current: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (current && current.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(certificatePem(current.raw));
    const next: tls.DetailedPeerCertificate | undefined = current.issuerCertificate;
    current = next && next !== current ? next : undefined;
  }
  return chain;
}
