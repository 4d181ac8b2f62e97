// DER building and reading over node-forge's ASN.1 module. Only `lib/asn1` is loaded, not the
// whole of node-forge: the full library costs ~200 ms to load and the CLI is measured as a process.
import type { asn1 as Asn1Module } from 'node-forge';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const asn1: typeof Asn1Module = require('node-forge/lib/asn1');

export type Asn1Node = Asn1Module.Asn1;

const { Class, Type } = asn1;

/** node-forge speaks "binary strings" (one char per byte); Node speaks Buffers. */
export function toBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('binary');
}

export function fromBinary(binary: string): Buffer {
  return Buffer.from(binary, 'binary');
}

export function derOf(node: Asn1Node): Buffer {
  return fromBinary(asn1.toDer(node).getBytes());
}

export function parseDer(der: Uint8Array): Asn1Node {
  // fromDer takes an options object at runtime although its typings say `strict?: boolean`;
  // keeping BIT STRINGs undecoded stops forge guessing that key bits are nested ASN.1.
  return asn1.fromDer(toBinary(der), { strict: true, decodeBitStrings: false } as unknown as boolean);
}

export function sequence(children: Asn1Node[]): Asn1Node {
  return asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, children);
}

export function oid(dotted: string): Asn1Node {
  return asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(dotted).getBytes());
}

export function boolean(value: boolean): Asn1Node {
  return asn1.create(Class.UNIVERSAL, Type.BOOLEAN, false, value ? '\xff' : '\x00');
}

export function octetString(bytes: Uint8Array): Asn1Node {
  return asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, toBinary(bytes));
}

export function nullValue(): Asn1Node {
  return asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
}

/** A DER INTEGER from unsigned big-endian magnitude: minimal, and positive (0x00 pad on a high bit). */
export function unsignedInteger(magnitude: Uint8Array): Asn1Node {
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
  return asn1.create(Class.UNIVERSAL, Type.INTEGER, false, toBinary(body));
}

export function smallInteger(value: number): Asn1Node {
  return asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(value).getBytes());
}

/**
 * A named-bit BIT STRING (KeyUsage): DER drops trailing zero bits, and the first content
 * octet says how many bits of the last octet are unused.
 */
export function namedBits(bits: number[]): Asn1Node {
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) {
    bytes[Math.floor(bit / 8)] |= 0x80 >> bit % 8;
  }
  const unused = 7 - (highest % 8);
  return asn1.create(Class.UNIVERSAL, Type.BITSTRING, false, String.fromCharCode(unused) + toBinary(bytes));
}

export function bitString(bytes: Uint8Array): Asn1Node {
  return asn1.create(Class.UNIVERSAL, Type.BITSTRING, false, '\x00' + toBinary(bytes));
}

/** UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
export function time(date: Date): Asn1Node {
  if (date.getUTCFullYear() < 2050) {
    return asn1.create(Class.UNIVERSAL, Type.UTCTIME, false, asn1.dateToUtcTime(date));
  }
  return asn1.create(Class.UNIVERSAL, Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

export function utf8String(text: string): Asn1Node {
  return asn1.create(Class.UNIVERSAL, Type.UTF8, false, Buffer.from(text, 'utf8').toString('binary'));
}

export function contextSpecific(tag: number, constructed: boolean, value: string | Asn1Node[]): Asn1Node {
  return asn1.create(Class.CONTEXT_SPECIFIC, tag, constructed, value);
}
