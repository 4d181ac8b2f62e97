// TextMemo (src/pki/text-memo.ts) lets the linter decode and scan a CA that every values file and
// Secret repeats once. What it must guarantee: one computation per distinct text, never a kept
// text (or value) that holds a private key, and a bounded size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPemBlocks } from '../../../src/lint/model/pem';
import { holdsPrivateKey, TextMemo } from '../../../src/pki/text-memo';
import { makeCert } from '../lint/fixtures';

function counting<T>(compute: (text: string) => T): { compute: (text: string) => T; calls: () => number } {
  let calls = 0;
  return {
    compute: (text) => {
      calls++;
      return compute(text);
    },
    calls: () => calls,
  };
}

test('a repeated text is computed once, and the memo answers with the same value', () => {
  const memo = new TextMemo<number>(8, 1024);
  const length = counting((t) => t.length);
  const first = memo.get('-----BEGIN CERTIFICATE-----', length.compute);
  for (let i = 0; i < 5; i++) assert.equal(memo.get('-----BEGIN CERTIFICATE-----', length.compute), first);
  memo.get('another text', length.compute);
  assert.equal(length.calls(), 2);
});

test('a null answer is remembered too (a value that is not base64 stays not base64)', () => {
  const memo = new TextMemo<string | null>(8, 1024);
  const none = counting(() => null);
  memo.get('%%%', none.compute);
  memo.get('%%%', none.compute);
  assert.equal(none.calls(), 1);
});

test('a text holding a private key is never kept: it is worked out every time', () => {
  const memo = new TextMemo<number>(8, 1024);
  const length = counting((t) => t.length);
  for (const label of ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']) {
    const text = `-----BEGIN ${label}-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n-----END ${label}-----\n`;
    memo.get(text, length.compute);
    memo.get(text, length.compute);
  }
  assert.equal(length.calls(), 8);
});

test('with keyIn, what the text stands for decides: base64 of a key PEM is not kept', () => {
  const memo = new TextMemo<string>(8, 1024);
  const decode = counting((t) => Buffer.from(t, 'base64').toString('utf8'));
  const keyPem = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIAbc\n-----END EC PRIVATE KEY-----\n';
  const certPem = '-----BEGIN CERTIFICATE-----\nMIIBhTCCASug\n-----END CERTIFICATE-----\n';
  const keyIn = (_: string, pem: string) => holdsPrivateKey(pem);
  for (const pem of [keyPem, keyPem, certPem, certPem]) memo.get(Buffer.from(pem).toString('base64'), decode.compute, keyIn);
  assert.equal(decode.calls(), 3, 'the key twice, the certificate once');
});

test('texts longer than the limit are not kept, and the memo starts over when full', () => {
  const memo = new TextMemo<number>(3, 10);
  const length = counting((t) => t.length);
  memo.get('x'.repeat(11), length.compute);
  memo.get('x'.repeat(11), length.compute);
  assert.equal(length.calls(), 2, 'too long: computed each time');
  for (const t of ['a', 'b', 'c']) memo.get(t, length.compute);
  memo.get('d', length.compute); // full: starts over with d
  memo.get('d', length.compute);
  memo.get('a', length.compute); // forgotten
  assert.equal(length.calls(), 2 + 3 + 1 + 1);
});

test('findPemBlocks gives the same blocks for a repeated CA as for its first scan', () => {
  const ca = makeCert({ isCA: true, commonName: 'memo-ca' });
  const first = findPemBlocks(ca.certPem);
  const copy = ` ${ca.certPem}`.slice(1); // an equal text that is another string
  assert.deepEqual(findPemBlocks(copy), first);
  assert.equal(first.length, 1);
  assert.equal(first[0].label, 'CERTIFICATE');
  // A key's blocks are scanned each time (not kept), and come out the same.
  assert.deepEqual(findPemBlocks(ca.keyPem), findPemBlocks(` ${ca.keyPem}`.slice(1)));
});

test('findPemBlocks keeps the blocks of a certificate, never of a text with a KEY block, even a mangled label', () => {
  const ca = makeCert({ isCA: true, commonName: 'memo-mangled-ca' });
  // Kept: the same text gives the very same (shared, readonly) array.
  assert.equal(findPemBlocks(`${ca.certPem}`), findPemBlocks(` ${ca.certPem}`.slice(1)));
  // Not kept: each scan is new. "PRIVATEKEY" escapes a search for "PRIVATE KEY", not the label's KEY.
  const mangled = ca.keyPem.replace(/PRIVATE KEY/g, 'PRIVATEKEY');
  assert.ok(!mangled.includes('PRIVATE KEY'));
  assert.equal(holdsPrivateKey(mangled), true);
  const first = findPemBlocks(mangled);
  assert.ok(first[0].label.includes('KEY'));
  assert.notEqual(findPemBlocks(` ${mangled}`.slice(1)), first);
  assert.deepEqual(findPemBlocks(` ${mangled}`.slice(1)), first);
});

test('holdsPrivateKey: every private key label, a mangled or public key label; not a certificate or prose', () => {
  for (const label of ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PRIVATEKEY', 'PUBLIC KEY']) {
    assert.equal(holdsPrivateKey(`x\n-----BEGIN ${label}-----\nMIGH\n`), true, label);
  }
  const ca = makeCert({ isCA: true, commonName: 'memo-predicate-ca' });
  assert.equal(holdsPrivateKey(ca.certPem), false);
  assert.equal(holdsPrivateKey('the tls.key entry of Secret kuma-tls is missing'), false);
  assert.equal(holdsPrivateKey(null), false);
});
