// DER reading over node-forge's ASN.1 module (certificate structure for the linter and the
// hover). Only `lib/asn1` is loaded, not the whole of node-forge: the full library costs ~200 ms
// to load. Building certificates needs no forge at all (derBytes.ts).
import type { asn1 as Asn1Module } from 'node-forge';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const asn1: typeof Asn1Module = require('node-forge/lib/asn1');

export type Asn1Node = Asn1Module.Asn1;

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
