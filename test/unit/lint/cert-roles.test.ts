// Which certificates are server certificates, what counts as a SAN, which signatures matter, and
// what a file holds by its name (issue 11, item 2): each case is material real repositories hold.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { LintWorkspace, lintText } from '../../../src/lint/workspace';
import { roleOfFileName, siblingCertificateNames, siblingKeyNames } from '../../../src/pki/fileRole';
import { b64, caAndLeaf, crlPem, forgeCert, keys, lineOf, makeCert, NOW, only, rulesOf, SINGLE_FILE, secretYaml, sprigGenCa } from './fixtures';

const opts = SINGLE_FILE;

test('roleOfFileName: keys by the word key, CRLs, CAs and bundles, certificates, and names that say nothing', () => {
  const cases: Record<string, ReturnType<typeof roleOfFileName>> = {
    'tls.key': 'key',
    'ca-key.pem': 'key',
    'server-key.pem': 'key',
    'privkey.pem': 'key',
    'ca.key': 'key',
    'keycloak.crt': 'certificate',
    'crl.pem': 'crl',
    'ca-crl.pem': 'crl',
    'root.crl': 'crl',
    'ca.crt': 'ca',
    'ca.pem': 'ca',
    'root-ca.pem': 'ca',
    'kuma-ca.crt': 'ca',
    'ca-bundle.crt': 'bundle',
    'kuma.ca-bundle': 'bundle',
    'cacert.pem': 'bundle',
    'tls.crt': 'certificate',
    'server.cer': 'certificate',
    'server.pem': 'any',
    'certs/ca-key.pem': 'key',
    'C:\\certs\\TLS.CRT': 'certificate',
    // Public keys (Kuma's own test/keys/publickey.pem, token signing keys) are no private-key slot.
    'publickey.pem': 'any',
    'public-key.pem': 'any',
    'pubkey.pem': 'any',
    'signing.pub': 'any',
  };
  for (const [name, role] of Object.entries(cases)) assert.equal(roleOfFileName(name), role, name);
});

test('sibling names: tls.crt ↔ tls.key, server.pem ↔ server-key.pem (cfssl), cert.pem ↔ key.pem', () => {
  assert.deepEqual(siblingKeyNames('certs/tls.crt'), ['tls.key']);
  assert.ok(siblingKeyNames('server.pem').includes('server-key.pem'));
  assert.ok(siblingKeyNames('cert.pem').includes('key.pem'));
  assert.deepEqual(siblingCertificateNames('tls.key'), ['tls.crt', 'tls.pem']);
  assert.ok(siblingCertificateNames('server-key.pem').includes('server.pem'));
});

test("Sprig genCA's CA (serverAuth + clientAuth, no SAN) is no server certificate in ca.crt, caBundle or KUMA_CONTROL_PLANE_CA_CERT", () => {
  const ca = sprigGenCa();
  const secret = secretYaml('kuma-tls-cert', { 'ca.crt': b64(ca.certPem) });
  assert.deepEqual(lintText('/w/secret.yaml', secret, opts), [], 'ca.crt of the chart-generated Secret');
  const values = `controlPlane:\n  tls:\n    general:\n      secretName: kuma-tls-cert\n      caBundle: ${b64(ca.certPem)}\n`;
  assert.deepEqual(only(lintText('/w/values.yaml', values, opts), 'cert-no-san'), [], 'caBundle');
  const env = `KUMA_CONTROL_PLANE_URL=https://kuma-control-plane.kuma-system:5678\nKUMA_CONTROL_PLANE_CA_CERT="${ca.certPem.trimEnd()}"\n`;
  assert.deepEqual(only(lintText('/w/kuma-dp.env', env, opts), 'cert-no-san'), [], 'KUMA_CONTROL_PLANE_CA_CERT');
  assert.deepEqual(lintText('/w/ca.crt', ca.certPem, opts), [], 'a ca.crt file');
});

test('a CA without SAN served from a server slot with serverAuth is still a server certificate', () => {
  const ca = sprigGenCa();
  const text = secretYaml('general-tls-certs', { 'tls.crt': b64(ca.certPem), 'tls.key': b64(ca.keyPem) });
  const values = `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: ${b64(ca.certPem)}\n`;
  const workspace = new LintWorkspace(opts);
  workspace.setDocument('/w/secret.yaml', text);
  workspace.setDocument('/w/values.yaml', values);
  assert.deepEqual(rulesOf(workspace.lint('/w/secret.yaml')), ['cert-no-san'], 'no SAN at all: cert-no-san only, not also cert-hostname-mismatch');
});

test('a URI SAN (SPIFFE, what Kuma issues to data planes) and an email SAN count as SANs', () => {
  const spiffe = forgeCert({ commonName: 'backend', extKeyUsage: ['serverAuth', 'clientAuth'], altNames: [{ type: 6, value: 'spiffe://default/backend' }] });
  assert.deepEqual(only(lintText('/w/dp.crt', spiffe.certPem, opts), 'cert-no-san'), []);
  const email = forgeCert({ commonName: 'mail', extKeyUsage: ['serverAuth'], altNames: [{ type: 1, value: 'ops@example.com' }] });
  assert.deepEqual(only(lintText('/w/mail.crt', email.certPem, opts), 'cert-no-san'), []);
  const none = forgeCert({ commonName: 'cn-only', extKeyUsage: ['serverAuth'] });
  assert.deepEqual(rulesOf(lintText('/w/cn-only.crt', none.certPem, opts)), ['cert-no-san'], 'no SAN of any type is still reported');
});

test('cert-weak leaves the signature of a self-signed trust anchor alone: a SHA-1 root CA, a v1 root in ca.crt, a root sent after the leaf', () => {
  const root = forgeCert({ commonName: 'old-root', isCA: true, digest: 'sha1' });
  assert.deepEqual(only(lintText('/w/roots.pem', root.certPem, opts), 'cert-weak'), [], 'a SHA-1 CA in a bundle file');
  const v1 = forgeCert({ commonName: 'v1-root', version1: true, digest: 'sha1' });
  assert.deepEqual(only(lintText('/w/secret.yaml', secretYaml('s', { 'ca.crt': b64(v1.certPem) }), opts), 'cert-weak'), [], 'a v1 root (no basicConstraints) in ca.crt');
  const { leaf } = caAndLeaf();
  const chain = leaf.certPem + v1.certPem;
  assert.deepEqual(only(lintText('/w/tls.crt', chain, opts), 'cert-weak'), [], 'a self-signed root after the leaf');
  const sha1Leaf = forgeCert({ commonName: 'sha1', extKeyUsage: ['serverAuth'], altNames: [{ type: 2, value: 'sha1.example' }], digest: 'sha1' });
  assert.deepEqual(rulesOf(lintText('/w/server.crt', sha1Leaf.certPem, opts)), ['cert-weak'], 'a self-signed SHA-1 server certificate is still weak');
});

test('a file named like a key is a key slot: ca-key.pem (cfssl, Istio) is a CA key, not a CA certificate leaking a key', () => {
  const key = keys(3).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  assert.deepEqual(lintText('/w/ca-key.pem', key, opts), []);
  assert.deepEqual(lintText('/w/s.yaml', secretYaml('s', { 'ca-key.pem': b64(key) }), opts), [], 'a Secret key named ca-key.pem');
  const cert = makeCert().certPem;
  assert.deepEqual(rulesOf(lintText('/w/ca-key.pem', cert, opts)), ['pem-wrong-type'], 'a certificate alone in a key file is still wrong');
  assert.deepEqual(only(lintText('/w/server-key.pem', cert + key, opts), 'pem-wrong-type'), [], 'certificate and key in one file: Go reads the key and skips the rest');
});

test('CRLs are not certificates: an X509 CRL block in ca.crt, and a *crl*.pem file, get no pem-wrong-type or cert-invalid', () => {
  const { ca, leaf } = caAndLeaf();
  const crl = crlPem(ca);
  const text = secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(ca.certPem + crl) });
  assert.deepEqual(lintText('/w/secret.yaml', text, opts), []);
  assert.deepEqual(lintText('/w/ca-crl.pem', crl, opts), []);
  assert.deepEqual(lintText('/w/ca.crt', ca.certPem + crl, opts), []);
  assert.equal(lineOf(crl, 'BEGIN X509 CRL'), 0);
});

test('a PUBLIC KEY block in publickey.pem is not "a private key expected" (seen on Kuma\'s test/keys)', () => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  for (const name of ['publickey.pem', 'publickey-pkix.pem']) {
    const findings = lintText(`/repo/test/keys/${name}`, pem, { now: NOW });
    assert.deepEqual(findings.filter((f) => f.rule === 'pem-wrong-type'), [], name);
  }
  // A public key where the private key belongs is still wrong.
  assert.equal(lintText('/repo/certs/tls.key', pem, { now: NOW }).filter((f) => f.rule === 'pem-wrong-type').length, 1);
});
