import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { buildCertificate, nameDer } from '../../../src/pki/certificate';
import { asn1, derOf, parseDer, toBinary } from '../../../src/pki/der';
import {
  bitString,
  boolean,
  childrenOf,
  contextSpecific,
  namedBits,
  nullValue,
  octetString,
  oid,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from '../../../src/pki/derBytes';
import { subjectAltNames } from '../../../src/pki/hostnames';
import { generateKeys } from '../../../src/pki/keys';

test('INTEGERs are minimal and positive: a set high bit gets one 0x00 pad, leading zeros go', () => {
  assert.equal(unsignedInteger(Buffer.from([0x80, 0x01])).toString('hex'), '0203008001');
  assert.equal(unsignedInteger(Buffer.from([0x00, 0x00, 0x7f])).toString('hex'), '02017f');
  assert.equal(unsignedInteger(Buffer.from([0x00, 0x00, 0x80])).toString('hex'), '02020080');
  assert.equal(unsignedInteger(Buffer.from([0x00])).toString('hex'), '020100');
  assert.equal(smallInteger(2).toString('hex'), '020102');
  assert.equal(smallInteger(0).toString('hex'), '020100');
});

test('named-bit BIT STRINGs drop trailing zero bits (DER) and count the unused ones', () => {
  // digitalSignature, keyEncipherment, keyCertSign: 1010 0100, two unused bits
  assert.equal(namedBits([0, 2, 5]).toString('hex'), '030202a4');
  // keyCertSign, cRLSign: 0000 0110, one unused bit
  assert.equal(namedBits([5, 6]).toString('hex'), '03020106');
  // digitalSignature alone: 1000 0000, seven unused bits
  assert.equal(namedBits([0]).toString('hex'), '03020780');
  // decipherOnly spills into a second octet
  assert.equal(namedBits([0, 8]).toString('hex'), '0303078080');
});

test('times before 2050 are UTCTime, from 2050 GeneralizedTime', () => {
  assert.equal(time(new Date('2036-11-24T21:47:05Z')).toString('latin1'), '\x17\x0d361124214705Z');
  assert.equal(time(new Date('2050-01-01T00:00:00Z')).toString('latin1'), '\x18\x0f20500101000000Z');
});

test('lengths of 128 bytes and more take the long form', () => {
  assert.equal(octetString(Buffer.alloc(127)).subarray(0, 2).toString('hex'), '047f');
  assert.equal(octetString(Buffer.alloc(128)).subarray(0, 3).toString('hex'), '048180');
  assert.equal(octetString(Buffer.alloc(300)).subarray(0, 4).toString('hex'), '0482012c');
  assert.equal(octetString(Buffer.alloc(70000)).subarray(0, 5).toString('hex'), '0483011170');
});

/** A small deterministic generator, so a failure names inputs that can be replayed. */
function randomSource(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

test('every encoder writes the bytes node-forge writes for the same value (the encoder certificates were built with before)', () => {
  const { Class, Type } = asn1;
  const forge = (type: number, constructed: boolean, value: string | ReturnType<typeof parseDer>[]): Buffer =>
    derOf(asn1.create(Class.UNIVERSAL, type, constructed, value));
  const random = randomSource(12);
  const bytes = (length: number): Buffer => Buffer.from(Array.from({ length }, () => random(256)));
  for (let round = 0; round < 300; round += 1) {
    const arcs = [random(3), random(40), ...Array.from({ length: random(8) }, () => random(2 ** (1 + random(31))))];
    const dotted = arcs.join('.');
    assert.deepEqual(oid(dotted), forge(Type.OID, false, asn1.oidToDer(dotted).getBytes()), dotted);

    // The reference for INTEGER content: the value's minimal positive two's complement, through BigInt.
    const magnitude = Buffer.concat([Buffer.alloc(random(3)), bytes(random(40))]);
    const value = magnitude.length === 0 ? 0n : BigInt(`0x${magnitude.toString('hex')}`);
    let hex = value.toString(16);
    hex = hex.length % 2 === 1 ? `0${hex}` : hex;
    hex = Number.parseInt(hex[0], 16) >= 8 ? `00${hex}` : hex;
    assert.deepEqual(unsignedInteger(magnitude), forge(Type.INTEGER, false, toBinary(Buffer.from(hex, 'hex'))), magnitude.toString('hex'));

    const small = random(2 ** random(31));
    assert.deepEqual(smallInteger(small), forge(Type.INTEGER, false, asn1.integerToDer(small).getBytes()), String(small));

    const date = new Date(Date.UTC(1950 + random(150), random(12), 1 + random(28), random(24), random(60), random(60), random(1000)));
    const forgeTime = date.getUTCFullYear() < 2050
      ? forge(Type.UTCTIME, false, asn1.dateToUtcTime(date))
      : forge(Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
    assert.deepEqual(time(date), forgeTime, date.toISOString());

    const content = bytes(random(3) === 0 ? 200 + random(70000) : random(130));
    assert.deepEqual(octetString(content), forge(Type.OCTETSTRING, false, toBinary(content)));
    assert.deepEqual(bitString(content), forge(Type.BITSTRING, false, `\x00${toBinary(content)}`));
    // Context tags the certificate uses ([0] version and key identifier, [2] DNS, [3] extensions, [7] IP) and
    // their neighbours; forge reads tag 30 as a BMPString in any class, which no certificate field here is.
    const tag = random(10);
    // forge also applies INTEGER and BIT STRING rules to [2] and [3] in any class (dropping a leading
    // 0x00 or 0xff); a DNS name never starts with either, so the content here starts like one.
    const named = Buffer.concat([Buffer.from('a'), content]);
    assert.deepEqual(contextSpecific(tag, named), derOf(asn1.create(Class.CONTEXT_SPECIFIC, tag, false, toBinary(named))));

    const text = String.fromCodePoint(...Array.from({ length: random(20) }, () => 32 + random(0x2000)));
    assert.deepEqual(utf8String(text), forge(Type.UTF8, false, Buffer.from(text, 'utf8').toString('binary')));

    const children = [oid(dotted), octetString(content), boolean(random(2) === 1), nullValue()];
    const parsed = children.map((child) => parseDer(child));
    assert.deepEqual(sequence(children), forge(Type.SEQUENCE, true, parsed));
    assert.deepEqual(set(children), forge(Type.SET, true, parsed));
    assert.deepEqual(contextSpecific(tag, children), derOf(asn1.create(Class.CONTEXT_SPECIFIC, tag, true, parsed)));
    assert.deepEqual(
      childrenOf(sequence(children)).map((child) => child.content),
      children.map((child) => child.subarray(child[1] & 0x80 ? 2 + (child[1] & 0x7f) : 2)),
    );
  }
});

test('a built certificate is canonical DER: node-forge reads it and writes back the same bytes, Node reads every field', async () => {
  for (const keyType of ['rsa', 'ecdsa'] as const) {
    const keys = await generateKeys(keyType);
    const notBefore = new Date('2026-01-02T03:04:05Z');
    const notAfter = new Date('2051-06-07T08:09:10Z');
    const built = buildCertificate({
      subjectDer: nameDer('derbytes-test'),
      subjectKeys: keys,
      notBefore,
      notAfter,
      isCA: false,
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extKeyUsage: ['serverAuth', 'clientAuth'],
      subjectAltNames: subjectAltNames(['a.example', '10.0.0.1', '::1']),
    });
    assert.deepEqual(derOf(parseDer(built.der)), built.der);
    const certificate = new X509Certificate(built.der);
    assert.equal(certificate.subject, 'CN=derbytes-test');
    assert.equal(certificate.subjectAltName, 'DNS:a.example, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    assert.equal(new Date(certificate.validFrom).toISOString(), notBefore.toISOString());
    assert.equal(new Date(certificate.validTo).toISOString(), notAfter.toISOString());
    assert.ok(certificate.verify(keys.publicKey));
    assert.equal(childrenOf(nameDer()).length, 0);
  }
});
