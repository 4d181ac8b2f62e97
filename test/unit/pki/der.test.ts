import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derOf, namedBits, time, unsignedInteger } from '../../../src/pki/der';

test('INTEGERs are minimal and positive: a set high bit gets one 0x00 pad, leading zeros go', () => {
  assert.equal(derOf(unsignedInteger(Buffer.from([0x80, 0x01]))).toString('hex'), '0203008001');
  assert.equal(derOf(unsignedInteger(Buffer.from([0x00, 0x00, 0x7f]))).toString('hex'), '02017f');
  assert.equal(derOf(unsignedInteger(Buffer.from([0x00, 0x00, 0x80]))).toString('hex'), '02020080');
  assert.equal(derOf(unsignedInteger(Buffer.from([0x00]))).toString('hex'), '020100');
});

test('named-bit BIT STRINGs drop trailing zero bits (DER) and count the unused ones', () => {
  // digitalSignature, keyEncipherment, keyCertSign: 1010 0100, two unused bits
  assert.equal(derOf(namedBits([0, 2, 5])).toString('hex'), '030202a4');
  // keyCertSign, cRLSign: 0000 0110, one unused bit
  assert.equal(derOf(namedBits([5, 6])).toString('hex'), '03020106');
  // digitalSignature alone: 1000 0000, seven unused bits
  assert.equal(derOf(namedBits([0])).toString('hex'), '03020780');
  // decipherOnly spills into a second octet
  assert.equal(derOf(namedBits([0, 8])).toString('hex'), '0303078080');
});

test('times before 2050 are UTCTime, from 2050 GeneralizedTime', () => {
  assert.equal(derOf(time(new Date('2036-11-24T21:47:05Z'))).toString('latin1'), '\x17\x0d361124214705Z');
  assert.equal(derOf(time(new Date('2050-01-01T00:00:00Z'))).toString('latin1'), '\x18\x0f20500101000000Z');
});
