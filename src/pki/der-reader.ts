// Reading DER strictly: one element at a time, in place (offsets into the buffer, no copies),
// and only in the form DER allows (one-octet tags, shortest definite lengths, minimal integers and
// OID arcs). Anything else reads as null, so a caller that needs the exact answer asks OpenSSL.
// The public-key shortcut (public-key-der.ts) and the certificate's signature algorithm
// (lint/certs.ts) read through it.

// [0] and [1]: SEC1's curve and public point; [0] is also a certificate's version.
export const TAG = { integer: 0x02, bitString: 0x03, octetString: 0x04, null: 0x05, oid: 0x06, sequence: 0x30, context0: 0xa0, context1: 0xa1 } as const;

/** One DER element: its tag octet and where its content lies in the buffer. */
export interface Element {
  tag: number;
  start: number;
  end: number;
}

/**
 * The element at `offset`, if it is well-formed DER within `limit`: a one-octet tag, a definite
 * length in its shortest form. Null for anything else (BER's indefinite or padded lengths among it).
 */
export function elementAt(der: Buffer, offset: number, limit: number): Element | null {
  if (offset + 2 > limit) return null;
  const tag = der[offset];
  if ((tag & 0x1f) === 0x1f) return null;
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3 || start + count > limit || der[start] === 0) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
    if (length < 0x80) return null;
    start += count;
  }
  const end = start + length;
  return end <= limit ? { tag, start, end } : null;
}

/** The children of a constructed element, all of them well-formed and filling it exactly; null otherwise. */
export function childrenOf(der: Buffer, parent: Element): Element[] | null {
  const children: Element[] = [];
  for (let offset = parent.start; offset < parent.end; ) {
    const child = elementAt(der, offset, parent.end);
    if (!child) return null;
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** The outer SEQUENCE of `der` and its children, when it fills `der` exactly. */
export function outerSequence(der: Buffer): Element[] | null {
  const outer = elementAt(der, 0, der.length);
  if (!outer || outer.tag !== TAG.sequence || outer.end !== der.length) return null;
  return childrenOf(der, outer);
}

/** The magnitude of a positive INTEGER in minimal two's-complement form; null for zero, negatives and padding. */
export function positiveInteger(der: Buffer, element: Element): Buffer | null {
  if (element.tag !== TAG.integer || element.end === element.start) return null;
  const first = der[element.start];
  if (first & 0x80) return null;
  if (first === 0) {
    if (element.end - element.start === 1 || (der[element.start + 1] & 0x80) === 0) return null;
    return der.subarray(element.start + 1, element.end);
  }
  return der.subarray(element.start, element.end);
}

export function isSmallInteger(der: Buffer, element: Element, value: number): boolean {
  return element.tag === TAG.integer && element.end - element.start === 1 && der[element.start] === value;
}

/** The OID in dotted form; null for an empty one or arcs not in their shortest form. */
export function oidText(der: Buffer, element: Element): string | null {
  if (element.tag !== TAG.oid || element.end === element.start) return null;
  const parts: number[] = [];
  let value = 0;
  for (let i = element.start; i < element.end; i++) {
    const octet = der[i];
    if (value === 0 && octet === 0x80) return null;
    value = value * 128 + (octet & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) return null;
    if (!(octet & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  if (der[element.end - 1] & 0x80) return null;
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}
