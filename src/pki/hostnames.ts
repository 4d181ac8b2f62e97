// What may go into a certificate's subjectAltName, checked the same way whether it comes from a
// CLI flag or from an input box as the user types.
import type * as Net from 'node:net';
import { NameError, quotedForMessage } from './names';

// The dotted quad exactly as net.isIPv4 reads it (no leading zeros, each part 0-255), written
// here because loading node:net for it costs `generate` a few milliseconds per process.
const V4_PART = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4 = new RegExp(`^(?:${V4_PART}\\.){3}${V4_PART}$`);

/** The same answer as net.isIPv4, without loading node:net. */
export function isIPv4Literal(host: string): boolean {
  return IPV4.test(host);
}

/**
 * net.isIP, except that node:net and its IPv6 pattern (slow to compile, ~10 ms on first use,
 * which a CLI process pays every time) are only loaded for text that contains a colon.
 */
function ipFamily(host: string): 0 | 4 | 6 {
  if (isIPv4Literal(host)) {
    return 4;
  }
  return host.includes(':') && (require('node:net') as typeof Net).isIPv6(host) ? 6 : 0;
}

export type SubjectAltName = { kind: 'dns'; value: string } | { kind: 'ip'; value: string; bytes: Buffer };

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const MAX_DNS_NAME_LENGTH = 253;

/**
 * Why `host` cannot be a SAN, or undefined when it can: an IP literal, or an RFC 1123 host name
 * with an optional leading `*.` label. A trailing dot is refused because Go's x509 rejects such a
 * dNSName. Messages name the value, bounded and escaped.
 */
export function hostnameProblem(host: string): string | undefined {
  if (host.length === 0) {
    return 'empty hostname';
  }
  const shown = quotedForMessage(host);
  if (host !== host.trim()) {
    return `${shown} has leading or trailing spaces`;
  }
  if (host.includes('%')) {
    return `${shown}: IPv6 zone identifiers cannot appear in a certificate`;
  }
  if (ipFamily(host) !== 0) {
    return undefined;
  }
  if (/^[0-9.]+$/.test(host)) {
    return `${shown} is not a valid IPv4 address`;
  }
  if (host.includes(':')) {
    return `${shown} is not a valid IPv6 address (and ":" cannot appear in a DNS name; leave out any port)`;
  }
  if (host.endsWith('.')) {
    return `${shown} ends with a dot; leave it out (Go's x509 rejects a fully qualified dNSName)`;
  }
  if (host.length > MAX_DNS_NAME_LENGTH) {
    return `${shown} is longer than ${MAX_DNS_NAME_LENGTH} characters`;
  }
  const labels = host.split('.');
  for (const [index, label] of labels.entries()) {
    if (label === '*' && index === 0 && labels.length > 1) {
      continue;
    }
    if (label.includes('*')) {
      return `${shown}: a wildcard is only allowed as the whole leftmost label ("*.example.com")`;
    }
    if (label.length === 0) {
      return `${shown} has an empty label (two dots in a row or a leading dot)`;
    }
    if (label.length > 63) {
      return `${shown}: label ${quotedForMessage(label)} is longer than 63 characters`;
    }
    if (!LABEL.test(label)) {
      return `${shown}: label ${quotedForMessage(label)} may only contain letters, digits and inner hyphens`;
    }
  }
  return undefined;
}

/** Splits repeated and comma-separated values (`--hostname=a,b --hostname=c`) like pflag's StringSlice. */
export function splitHostnames(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(',')).map((host) => host.trim()).filter((host) => host.length > 0);
}

/** IP literals become iPAddress SANs, everything else a dNSName, as kumactl does (net.ParseIP). */
export function subjectAltNames(hosts: readonly string[]): SubjectAltName[] {
  if (hosts.length === 0) {
    throw new HostnameError('at least one hostname must be given');
  }
  return hosts.map((host) => {
    const problem = hostnameProblem(host);
    if (problem !== undefined) {
      throw new HostnameError(`invalid hostname ${problem}`);
    }
    const family = ipFamily(host);
    if (family === 4) {
      return { kind: 'ip', value: host, bytes: ipv4Bytes(host) };
    }
    if (family === 6) {
      return { kind: 'ip', value: host, bytes: asIpv4IfMapped(ipv6Bytes(host)) };
    }
    return { kind: 'dns', value: host };
  });
}

export class HostnameError extends NameError {}

/** Go writes an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the 4-byte IPv4 address (net.IP.To4). */
function asIpv4IfMapped(bytes: Buffer): Buffer {
  const mapped = bytes.subarray(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? Buffer.from(bytes.subarray(12)) : bytes;
}

function ipv4Bytes(address: string): Buffer {
  return Buffer.from(address.split('.').map((part) => Number.parseInt(part, 10)));
}

function ipv6Bytes(address: string): Buffer {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = ipv4Bytes(last);
    const hex = (high: number, low: number): string => ((high << 8) | low).toString(16);
    text = `${text.slice(0, lastColon + 1)}${hex(v4[0], v4[1])}:${hex(v4[2], v4[3])}`;
  }
  const parse = (part: string | undefined): number[] =>
    part === undefined || part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16));
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = parse(head);
  const restGroups = parse(rest);
  const zeros = new Array<number>(8 - headGroups.length - restGroups.length).fill(0);
  const groups = [...headGroups, ...zeros, ...restGroups];
  const bytes = Buffer.alloc(16);
  groups.forEach((group, index) => bytes.writeUInt16BE(group, index * 2));
  return bytes;
}
