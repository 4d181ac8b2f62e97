// DER as plain Buffers: the encoders for the ASN.1 types an X.509 certificate needs, and the
// split of one constructed element into its children. Building a certificate this way needs no
// node-forge: `kuma-tls generate` is measured as a process, and loading and warming up forge's
// ASN.1 module cost it more than building the certificate. Reading certificates (lint) stays on
// forge in der.ts.

const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

const CONTEXT_SPECIFIC = 0x80;
const CONSTRUCTED = 0x20;

/** Definite length: short form below 128, else 0x80 + the count of big-endian length octets. */
function lengthOctets(length: number): Buffer {
  if (length < 0x80) {
    return Buffer.from([length]);
  }
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
    octets.unshift(rest % 256);
  }
  return Buffer.from([0x80 | octets.length, ...octets]);
}

/** One element: identifier octet, length, content. Tags here are all below 31 (one octet). */
export function element(identifier: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([identifier]), lengthOctets(content.length), content]);
}

/** A SEQUENCE of already encoded elements (DER pieces such as a Name or a SubjectPublicKeyInfo fit as they are). */
export function sequence(children: readonly Uint8Array[]): Buffer {
  return element(TAG.sequence, Buffer.concat(children));
}

export function set(children: readonly Uint8Array[]): Buffer {
  return element(TAG.set, Buffer.concat(children));
}

/** Arcs in base 128, high bit on every octet but the last; the first two arcs share one value (40·a + b). */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((arc) => Number.parseInt(arc, 10));
  const values = [arcs[0] * 40 + arcs[1], ...arcs.slice(2)];
  const octets: number[] = [];
  for (const value of values) {
    const groups = [value % 128];
    for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) {
      groups.unshift(0x80 | rest % 128);
    }
    octets.push(...groups);
  }
  return element(TAG.oid, Buffer.from(octets));
}

export function boolean(value: boolean): Buffer {
  return element(TAG.boolean, Buffer.from([value ? 0xff : 0x00]));
}

export function octetString(bytes: Uint8Array): Buffer {
  return element(TAG.octetString, bytes);
}

export function nullValue(): Buffer {
  return element(TAG.null, Buffer.alloc(0));
}

/** A DER INTEGER from unsigned big-endian magnitude: minimal, and positive (0x00 pad on a high bit). */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) {
    start += 1;
  }
  let body = Buffer.from(magnitude.subarray(start));
  if (body.length === 0) {
    body = Buffer.from([0]);
  }
  if (body[0] & 0x80) {
    body = Buffer.concat([Buffer.from([0]), body]);
  }
  return element(TAG.integer, body);
}

/** A small non-negative INTEGER (the version field). */
export function smallInteger(value: number): Buffer {
  const magnitude: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) {
    magnitude.unshift(rest % 256);
  }
  return unsignedInteger(Buffer.from(magnitude));
}

/**
 * A named-bit BIT STRING (KeyUsage): DER drops trailing zero bits, and the first content
 * octet says how many bits of the last octet are unused.
 */
export function namedBits(bits: readonly number[]): Buffer {
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) {
    bytes[Math.floor(bit / 8)] |= 0x80 >> bit % 8;
  }
  const unused = 7 - (highest % 8);
  return element(TAG.bitString, Buffer.concat([Buffer.from([unused]), bytes]));
}

/** A BIT STRING of whole octets (a signature, a public key). */
export function bitString(bytes: Uint8Array): Buffer {
  return element(TAG.bitString, Buffer.concat([Buffer.from([0]), bytes]));
}

/** UTCTime (YYMMDDHHMMSSZ) through 2049, GeneralizedTime (YYYYMMDDHHMMSSZ) from 2050 (RFC 5280 §4.1.2.5). */
export function time(date: Date): Buffer {
  const twoDigits = (value: number): string => String(value).padStart(2, '0');
  const rest = [date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map(twoDigits).join('');
  const year = String(date.getUTCFullYear());
  if (date.getUTCFullYear() < 2050) {
    return element(TAG.utcTime, Buffer.from(`${year.slice(2)}${rest}Z`, 'latin1'));
  }
  return element(TAG.generalizedTime, Buffer.from(`${year}${rest}Z`, 'latin1'));
}

export function utf8String(text: string): Buffer {
  return element(TAG.utf8String, Buffer.from(text, 'utf8'));
}

/** `[tag]`: constructed around encoded children, or primitive around raw content octets. */
export function contextSpecific(tag: number, content: Uint8Array | readonly Uint8Array[]): Buffer {
  if (content instanceof Uint8Array) {
    return element(CONTEXT_SPECIFIC | tag, content);
  }
  return element(CONTEXT_SPECIFIC | CONSTRUCTED | tag, Buffer.concat(content));
}

export interface DerElement {
  identifier: number;
  content: Buffer;
}

/** The children of the constructed element `der` starts with (a SEQUENCE's fields). */
export function childrenOf(der: Buffer): DerElement[] {
  const outer = readElement(der, 0);
  const children: DerElement[] = [];
  for (let offset = 0; offset < outer.content.length; ) {
    const child = readElement(outer.content, offset);
    children.push({ identifier: child.identifier, content: child.content });
    offset = child.end;
  }
  return children;
}

function readElement(der: Buffer, offset: number): DerElement & { end: number } {
  if (offset + 2 > der.length) {
    throw new Error('truncated DER');
  }
  const identifier = der[offset];
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > der.length) {
      throw new Error('unsupported DER length');
    }
    length = der.subarray(start, start + count).reduce((value, octet) => value * 256 + octet, 0);
    start += count;
  }
  if (start + length > der.length) {
    throw new Error('truncated DER');
  }
  return { identifier, content: der.subarray(start, start + length), end: start + length };
}
