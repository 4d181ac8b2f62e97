// The checks the certificate commands run while a person chooses a CA, a key, names or a
// Secret name (src/pki/choices.ts). Material is generated here; where a verdict is about trust,
// openssl on the same files must agree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  caCertificateProblem,
  firstFreeName,
  issuedByCa,
  missingControlPlaneNames,
  pemFileContent,
  withNameSuffix,
} from '../../../src/pki/choices';
import { caAndLeaf, keys, makeCert } from '../lint/fixtures';
import { keyBelongsTo } from '../../../src/lint/crossfile/pem';
import { keyMatchesCert, opensslVerify } from './support';

const { ca, leaf } = caAndLeaf();
const otherCa = makeCert({ isCA: true, keys: keys(3), commonName: 'other-ca' });

test('pemFileContent tells a key, a CA certificate, a leaf and nothing apart', () => {
  assert.equal(pemFileContent(ca.keyPem), 'private-key');
  assert.equal(pemFileContent(ca.certPem), 'ca-certificate');
  assert.equal(pemFileContent(leaf.certPem), 'certificate');
  assert.equal(pemFileContent('name: not pem\n'), 'none');
  // A file with a certificate and its key is a key file: it must not go into a caBundle.
  assert.equal(pemFileContent(`${ca.certPem}${ca.keyPem}`), 'private-key');
});

test('caCertificateProblem refuses a key file at once, naming it, and a leaf as not a CA', () => {
  assert.match(caCertificateProblem(ca.keyPem, 'certs/ca.key') ?? '', /^certs\/ca\.key is a private key; pick the CA certificate/);
  assert.match(caCertificateProblem(leaf.certPem, 'certs/tls.crt') ?? '', /^certs\/tls\.crt is not a CA certificate/);
  assert.match(caCertificateProblem('', 'empty.crt') ?? '', /holds no PEM certificate/);
  assert.equal(caCertificateProblem(ca.certPem, 'certs/ca.crt'), undefined);
});

test('keyBelongsTo matches a certificate with its own key only, as OpenSSL\'s checkPrivateKey does', () => {
  assert.equal(keyBelongsTo(ca.certPem, ca.keyPem), true);
  assert.equal(keyBelongsTo(ca.certPem, leaf.keyPem), false);
  assert.equal(keyBelongsTo(ca.certPem, ca.certPem), false, 'a certificate is no key');
  assert.equal(keyBelongsTo('garbage', ca.keyPem), false);
  // The key identity the rules compare (lint/certs.ts) against OpenSSL on every pairing.
  for (const cert of [ca, leaf, otherCa]) for (const key of [ca, leaf, otherCa]) assert.equal(keyBelongsTo(cert.certPem, key.keyPem), keyMatchesCert(cert.certPem, key.keyPem));
});

test('missingControlPlaneNames lists what sidecars and the API server dial, case-insensitively', () => {
  assert.deepEqual(missingControlPlaneNames(['kuma-control-plane.kuma-system', 'KUMA-CONTROL-PLANE.kuma-system.svc'], 'kuma-system', 'kuma-control-plane'), []);
  assert.deepEqual(missingControlPlaneNames(['kuma-control-plane.kuma-system'], 'kuma-system', 'kuma-control-plane'), ['kuma-control-plane.kuma-system.svc']);
  assert.deepEqual(missingControlPlaneNames(['example.com'], 'mesh', 'cp'), ['cp.mesh', 'cp.mesh.svc']);
});

test('firstFreeName keeps a free name and numbers a taken one', () => {
  assert.equal(firstFreeName('general-tls-certs', () => false), 'general-tls-certs');
  const taken = new Set(['general-tls-certs', 'general-tls-certs-2']);
  assert.equal(firstFreeName('general-tls-certs', (n) => taken.has(n)), 'general-tls-certs-3');
});

test('withNameSuffix keeps the extension, so the file role stays readable', () => {
  assert.equal(withNameSuffix('ca.crt', 2), 'ca-2.crt');
  assert.equal(withNameSuffix('ca-key.pem', 3), 'ca-key-3.pem');
  assert.equal(withNameSuffix('dir/tls.crt', 2), 'dir/tls-2.crt');
  assert.equal(withNameSuffix('install', 2), 'install-2');
  assert.equal(withNameSuffix('.env', 2), '.env-2');
});

test('issuedByCa names the certificates a CA signed, and openssl verify agrees with every verdict', () => {
  const others = [
    { label: 'tls.crt', text: leaf.certPem },
    { label: 'other.crt', text: makeCert({ issuer: otherCa, keys: keys(4) }).certPem },
    { label: 'ca.crt', text: ca.certPem },
    { label: 'broken.crt', text: 'not a certificate' },
  ];
  assert.deepEqual(issuedByCa(ca.certPem, others), ['tls.crt']);
  for (const { label, text } of others.slice(0, 2)) {
    assert.equal(opensslVerify(ca.certPem, text).ok, issuedByCa(ca.certPem, [{ label, text }]).length === 1, `openssl and issuedByCa agree on ${label}`);
  }
  assert.deepEqual(issuedByCa(leaf.keyPem, others), [], 'a key issues nothing');
});
