import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { CertificateAuthority, GeneratedCertificate, generateCa, issueCertificate } from '../../../../src/pki/generate';
import { certificateMatchesKey, describeMaterial, DescribedCertificate, DescribedKey, issuedByOneOf, pemTextOf, validityAt, validitySummary } from '../../../../src/lint/services/describe';
import { certificateMarkdown, keyMarkdown } from '../../../../src/lint/services/materialMarkdown';

const DAY = 24 * 60 * 60 * 1000;
let ca: CertificateAuthority;
let otherCa: CertificateAuthority;
let leaf: GeneratedCertificate;
let otherLeaf: GeneratedCertificate;

before(async () => {
  ca = await generateCa({ commonName: 'describe-ca', keyType: 'ecdsa' });
  otherCa = await generateCa({ commonName: 'other-ca', keyType: 'ecdsa' });
  leaf = await issueCertificate(ca, { type: 'server', hostnames: ['cp.kuma-system.svc', '10.0.0.1'], keyType: 'ecdsa', validityDays: 90 });
  otherLeaf = await issueCertificate(otherCa, { type: 'server', hostnames: ['x.example'], keyType: 'ecdsa' });
});

function onlyCertificate(text: string): DescribedCertificate {
  const described = describeMaterial(text);
  assert.ok(described);
  const item = described.items[0];
  assert.equal(item.kind, 'certificate');
  return item;
}

function onlyKey(text: string): DescribedKey {
  const item = describeMaterial(text)?.items[0];
  assert.ok(item && item.kind === 'private-key');
  return item;
}

test('pemTextOf: PEM as is, base64 of PEM, base64 twice (line-wrapped too), and nothing else', () => {
  const once = Buffer.from(leaf.certPem).toString('base64');
  const twice = Buffer.from(once).toString('base64');
  assert.equal(pemTextOf(leaf.certPem)?.encoding, 'pem');
  assert.equal(pemTextOf(once)?.encoding, 'base64');
  assert.equal(pemTextOf(once.replace(/(.{76})/g, '$1\n'))?.text, leaf.certPem);
  assert.equal(pemTextOf(twice)?.encoding, 'base64-twice');
  assert.equal(pemTextOf('not base64 at all!'), null);
  assert.equal(pemTextOf(Buffer.from('hello').toString('base64')), null);
  assert.equal(pemTextOf(''), null);
});

test('a leaf certificate: names, key, usages, validity, CA flag, fingerprint, offsets', () => {
  const text = `# comment\n${leaf.certPem}`;
  const cert = onlyCertificate(text);
  assert.equal(text.slice(cert.start, cert.end), leaf.certPem.trim());
  assert.deepEqual(cert.facts.dnsNames, ['cp.kuma-system.svc']);
  assert.deepEqual(cert.facts.ipAddresses, ['10.0.0.1']);
  assert.equal(cert.facts.isCA, false);
  assert.equal(cert.facts.issuer, 'CN=describe-ca');
  assert.deepEqual(cert.keyUsage, ['digitalSignature']);
  assert.deepEqual(cert.facts.extKeyUsage, ['1.3.6.1.5.5.7.3.1']);
  assert.match(cert.facts.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  const caCert = onlyCertificate(ca.certPem);
  assert.equal(caCert.facts.isCA, true);
  assert.deepEqual(caCert.keyUsage, ['keyCertSign', 'cRLSign']);
});

test('a bundle: every block described in order; a damaged certificate and an unterminated block are not fatal', () => {
  const damaged = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
  const described = describeMaterial(`${leaf.certPem}${ca.certPem}${damaged}-----BEGIN CERTIFICATE-----\nMIIB`);
  assert.ok(described);
  assert.deepEqual(described.items.map((i) => i.kind), ['certificate', 'certificate', 'other']);
  const other = described.items[2];
  assert.ok(other.kind === 'other' && other.problem?.includes('X.509'));
});

test('many BEGIN lines without END stay linear (no quadratic scan)', () => {
  const text = '-----BEGIN CERTIFICATE-----\nAAAA\n'.repeat(20_000);
  const started = process.hrtime.bigint();
  assert.deepEqual(describeMaterial(text)?.items, []);
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 1000);
});

test('keys: type and size only; RSA, EC, encrypted, unreadable', () => {
  const ec = onlyKey(leaf.keyPem);
  assert.equal(ec.state, 'readable');
  assert.equal(ec.keyType, 'ec');
  assert.equal(ec.curve, 'prime256v1');
  assert.equal(ec.keyBits, 256);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const rsaKey = onlyKey(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  assert.equal(rsaKey.keyType, 'rsa');
  assert.equal(rsaKey.keyBits, 1024);
  const encrypted = createPrivateKey(leaf.keyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();
  assert.equal(onlyKey(encrypted).state, 'encrypted');
  assert.equal(onlyKey('-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----').state, 'unreadable');
});

test('pairing: certificate vs key, leaf vs CA', () => {
  const cert = onlyCertificate(leaf.certPem);
  assert.equal(certificateMatchesKey(cert, onlyKey(leaf.keyPem)), true);
  assert.equal(certificateMatchesKey(cert, onlyKey(otherLeaf.keyPem)), false);
  assert.equal(certificateMatchesKey(cert, onlyKey('-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----')), undefined);
  assert.equal(issuedByOneOf(cert, [onlyCertificate(ca.certPem)]), true);
  assert.equal(issuedByOneOf(cert, [onlyCertificate(otherCa.certPem)]), false);
  assert.equal(issuedByOneOf(cert, [onlyCertificate(otherCa.certPem), onlyCertificate(ca.certPem)]), true);
});

test('validity: days left, expired days ago, not yet valid', () => {
  const notBefore = new Date('2026-01-01T00:00:00Z');
  const notAfter = new Date('2026-04-01T00:00:00Z');
  const facts = { notBefore, notAfter };
  assert.deepEqual(validityAt(facts, new Date(notAfter.getTime() - 10 * DAY - 1000)), { state: 'valid', days: 10 });
  assert.equal(validitySummary(facts, new Date(notAfter.getTime() - 10 * DAY - 1000)), 'expires in 10 days');
  assert.equal(validitySummary(facts, new Date(notAfter.getTime() - DAY - 1)), 'expires in 1 day');
  assert.equal(validitySummary(facts, new Date(notAfter.getTime() - 1000)), 'expires today');
  assert.equal(validitySummary(facts, new Date(notAfter.getTime() + 3 * DAY + 5)), 'expired 3 days ago');
  // Go's x509: expired once the clock is past notAfter (the linter's cert-expired agrees).
  assert.equal(validitySummary(facts, notAfter), 'expires today');
  assert.equal(validitySummary(facts, new Date(notAfter.getTime() + 1)), 'expired today');
  assert.equal(validitySummary(facts, new Date(notBefore.getTime() - 2 * DAY)), 'not yet valid (valid in 2 days; expires 2026-04-01)');
});

test('certificate hover text: what, for whom, until when, pairing notes', () => {
  const cert = onlyCertificate(leaf.certPem);
  const now = new Date(cert.facts.notAfter.getTime() - 30 * DAY - 1000);
  const md = certificateMarkdown(cert, now, [{ ok: true, text: 'matches the private key in tls.key of Secret s' }], 'base64');
  assert.match(md, /^\*\*Certificate\*\* — leaf certificate, ECDSA P-256 \(base64 of PEM\)/);
  assert.match(md, /Issuer: CN=describe-ca/);
  assert.match(md, /SANs: DNS:cp\.kuma-system\.svc, IP:10\.0\.0\.1/);
  assert.match(md, /\(30 days left\)/);
  assert.match(md, /Key usage: digitalSignature; extended: serverAuth/);
  assert.ok(md.includes(cert.facts.fingerprint256));
  assert.match(md, /\*\*pass:\*\* matches the private key in tls\.key of Secret s/);
  const expired = certificateMarkdown(cert, new Date(cert.facts.notAfter.getTime() + 2 * DAY + 1000));
  assert.match(expired, /\*\*EXPIRED\*\* 2 days ago/);
});

test('key hover text never contains key material, only type, size and pairing', () => {
  const key = onlyKey(leaf.keyPem);
  const md = keyMarkdown(key, [{ ok: false, text: 'does not match the certificate in tls.crt' }]);
  assert.equal(md, '**Private key** — ECDSA P-256\n\n- **FAIL:** does not match the certificate in tls.crt');
  const body = leaf.keyPem.split('\n').slice(1, -2).join('');
  for (let i = 0; i + 16 <= body.length; i += 16) assert.ok(!md.includes(body.slice(i, i + 16)));
  assert.ok(!md.includes('PRIVATE KEY'));
  assert.ok(!md.includes(key.publicKeyId!.slice(-20)));
});
