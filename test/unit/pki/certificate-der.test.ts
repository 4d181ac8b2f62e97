// The DER reader for certificates (src/pki/certificate-der.ts) may answer only where OpenSSL
// loads the certificate and gives the same facts, and issuedByDer only where checkIssued + verify
// give the same verdict; it must answer for the certificates tools write. Every certificate here
// is generated: by the extension's own builder, or assembled from generated keys with the DER
// encoders and signed here, then mutated.
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import { parseCertificate } from '../../../src/lint/certs';
import { issuedByDer, readCertificateDer } from '../../../src/pki/certificate-der';
import { buildCertificate, certificatePem, nameDer } from '../../../src/pki/certificate';
import { LintWorkspace } from '../../../src/lint/workspace';
import { bitString, boolean, contextSpecific, element, namedBits, nullValue, octetString, oid, sequence, set, smallInteger, time, unsignedInteger, utf8String } from '../../../src/pki/derBytes';
import { subjectAltNames } from '../../../src/pki/hostnames';
import { certificateFacts } from '../../../src/pki/inspect';
import { KeyPair } from '../../../src/pki/keys';
import { seededRandom } from '../seeded-random';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.now();

function ecKeys(namedCurve = 'prime256v1'): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve });
  return { type: 'ecdsa', publicKey, privateKey };
}

function rsaKeys(modulusLength = 2048): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength });
  return { type: 'rsa', publicKey, privateKey };
}

const EC = ecKeys();
const EC_OTHER = ecKeys();
const RSA = rsaKeys();

/** Facts through OpenSSL alone, in the form the comparison uses (or null where OpenSSL refuses). */
function openSslFacts(der: Buffer): object | null {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    return null;
  }
  return comparable(certificateFacts(x509));
}

function comparable(facts: ReturnType<typeof certificateFacts>): object {
  return { ...facts, notBefore: facts.notBefore.getTime(), notAfter: facts.notAfter.getTime() };
}

/**
 * When the reader answers for `der`, OpenSSL must load it and give the same facts through the
 * linter's parse. Returns whether the reader answered.
 */
function assertAgrees(der: Buffer, what: string): boolean {
  if (readCertificateDer(der) === null) return false;
  const expected = openSslFacts(der);
  assert.notEqual(expected, null, `${what}: the reader answered, so OpenSSL must load it`);
  const parsed = parseCertificate(der);
  assert.ok(parsed?.read, `${what}: parsed through the reader`);
  assert.deepEqual(comparable(parsed.facts), expected, what);
  assert.equal(parsed.signatureOid !== null, true);
  return true;
}

interface Parts {
  v1?: boolean;
  serial?: Buffer;
  signatureAlgorithm?: Buffer;
  innerSignatureAlgorithm?: Buffer;
  issuer?: Buffer;
  validity?: Buffer;
  subject?: Buffer;
  keys?: KeyPair;
  extensions?: Buffer[];
  signer?: KeyPair;
  hash?: string;
}

const ECDSA_SHA256 = sequence([oid('1.2.840.10045.4.3.2')]);
const RSA_SHA256 = sequence([oid('1.2.840.113549.1.1.11'), nullValue()]);

/** A certificate assembled field by field and signed by `signer` (defaults: a v3 EC leaf of CN=test, signed by its own key). */
function assemble(parts: Parts = {}): Buffer {
  const keys = parts.keys ?? EC;
  const signer = parts.signer ?? keys;
  const algorithm = parts.signatureAlgorithm ?? (signer.type === 'rsa' ? RSA_SHA256 : ECDSA_SHA256);
  const tbs = sequence([
    ...(parts.v1 ? [] : [contextSpecific(0, [smallInteger(2)])]),
    parts.serial ?? unsignedInteger(Buffer.from([0x01, 0x23, 0x45])),
    parts.innerSignatureAlgorithm ?? algorithm,
    parts.issuer ?? nameDer('test'),
    parts.validity ?? sequence([time(new Date(NOW - DAY)), time(new Date(NOW + 30 * DAY))]),
    parts.subject ?? nameDer('test'),
    keys.publicKey.export({ type: 'spki', format: 'der' }),
    ...(parts.v1 || parts.extensions?.length === 0 ? [] : [contextSpecific(3, [sequence(parts.extensions ?? [basicConstraints(false)])])]),
  ]);
  return sequence([tbs, algorithm, bitString(sign(parts.hash ?? 'sha256', tbs, signer.privateKey))]);
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence([oid(id), ...(critical ? [boolean(true)] : []), octetString(value)]);
}

function basicConstraints(ca: boolean, pathLen?: number): Buffer {
  return extension('2.5.29.19', true, sequence(ca ? [boolean(true), ...(pathLen === undefined ? [] : [smallInteger(pathLen)])] : []));
}

function keyUsage(bits: number[]): Buffer {
  return extension('2.5.29.15', true, namedBits(bits));
}

function name(attributes: Array<[string, Buffer]>): Buffer {
  return sequence(attributes.map(([type, value]) => set([sequence([oid(type), value])])));
}

function printable(text: string): Buffer {
  return element(0x13, Buffer.from(text, 'latin1'));
}

function ia5(text: string): Buffer {
  return element(0x16, Buffer.from(text, 'latin1'));
}

function built(keys: KeyPair, options: { ca?: boolean; subject?: string; issuer?: { name: string; keys: KeyPair; subjectKeyId?: Buffer }; hosts?: string[]; days?: number } = {}): { der: Buffer; subjectKeyId: Buffer } {
  return buildCertificate({
    subjectDer: nameDer(options.subject),
    subjectKeys: keys,
    issuer: options.issuer ? { nameDer: nameDer(options.issuer.name), keys: options.issuer.keys, subjectKeyId: options.issuer.subjectKeyId } : undefined,
    notBefore: new Date(NOW - DAY),
    notAfter: new Date(NOW + (options.days ?? 365) * DAY),
    isCA: options.ca ?? false,
    keyUsage: options.ca ? ['keyCertSign', 'cRLSign'] : ['digitalSignature', 'keyEncipherment'],
    extKeyUsage: options.ca ? [] : ['serverAuth', 'clientAuth'],
    subjectAltNames: options.hosts?.length ? subjectAltNames(options.hosts) : [],
  });
}

test('the reader answers for what the extension, kumactl and cert-manager write, with the facts OpenSSL gives', () => {
  const hosts = ['kuma-control-plane.kuma-system', '*.mesh.example', '10.0.0.1', 'fd00::1', '::ffff:10.1.2.3', '2001:db8:0:0:1:0:0:ff'];
  const cases: Array<[string, Buffer]> = [];
  for (const [label, keys] of [['P-256', EC], ['P-384', ecKeys('secp384r1')], ['P-521', ecKeys('secp521r1')], ['RSA 2048', RSA], ['RSA 3072', rsaKeys(3072)]] as const) {
    const ca = built(keys, { ca: true, subject: `${label} CA` });
    cases.push([`${label} CA`, ca.der]);
    cases.push([`${label} leaf`, built(EC_OTHER, { issuer: { name: `${label} CA`, keys, subjectKeyId: ca.subjectKeyId }, hosts }).der]);
  }
  cases.push(['kumactl-style: empty subject, critical SAN', built(EC, { hosts: ['kuma-control-plane.kuma-system.svc'] }).der]);
  cases.push(['valid past 2049 (GeneralizedTime)', built(EC, { ca: true, subject: 'long CA', days: 365 * 40 }).der]);
  cases.push(['v1, no extensions', assemble({ v1: true })]);
  cases.push(['v3 with no extensions', assemble({ extensions: [] })]);
  cases.push(['CA with a path length', assemble({ extensions: [basicConstraints(true, 0), keyUsage([5, 6])] })]);
  cases.push(['keyUsage with decipherOnly (a second octet)', assemble({ extensions: [keyUsage([0, 8])] })]);
  cases.push(['URI SAN (a SPIFFE ID)', assemble({ extensions: [extension('2.5.29.17', false, sequence([contextSpecific(6, Buffer.from('spiffe://default/backend'))]))] })]);
  cases.push(['RSA leaf signed with SHA-1', assemble({ keys: RSA, signatureAlgorithm: sequence([oid('1.2.840.113549.1.1.5'), nullValue()]), hash: 'sha1' })]);
  cases.push(['ECDSA with SHA-384', assemble({ signatureAlgorithm: sequence([oid('1.2.840.10045.4.3.3')]), hash: 'sha384' })]);
  cases.push(['a serial of 20 octets', assemble({ serial: unsignedInteger(Buffer.alloc(20, 0x7f)) })]);
  cases.push(['a serial with a high bit (padded)', assemble({ serial: unsignedInteger(Buffer.from([0x80, 0x01])) })]);
  const allTypes: Array<[string, Buffer]> = [
    ['2.5.4.6', printable('US')],
    ['2.5.4.8', utf8String('California')],
    ['2.5.4.7', utf8String('San Francisco')],
    ['2.5.4.9', utf8String('1 Main St')],
    ['2.5.4.17', utf8String('94105')],
    ['2.5.4.10', printable('Kong Inc.')],
    ['2.5.4.11', utf8String('Mesh  Team')],
    ['2.5.4.12', utf8String('operator')],
    ['2.5.4.4', utf8String('Doe')],
    ['2.5.4.42', utf8String('Jane')],
    ['2.5.4.5', printable('12345')],
    ['0.9.2342.19200300.100.1.25', ia5('example')],
    ['1.2.840.113549.1.9.1', ia5('ops@example.com')],
    ['2.5.4.3', utf8String('kuma-ca')],
  ];
  cases.push(['every attribute type the reader names', assemble({ subject: name(allTypes), issuer: name(allTypes) })]);
  for (const [what, der] of cases) assert.equal(assertAgrees(der, what), true, `${what}: the reader answers`);
});

test('names and SAN values: the reader answers for plain ASCII and only where OpenSSL prints the value as it is', () => {
  let answered = 0;
  for (let code = 0x20; code <= 0x7e; code++) {
    const c = String.fromCharCode(code);
    for (const value of [`${c}kuma`, `ku${c}ma`, `kuma${c}`]) {
      const subject = name([['2.5.4.3', utf8String(value)]]);
      if (assertAgrees(assemble({ subject, issuer: subject }), `CN ${JSON.stringify(value)}`)) answered++;
      const san = extension('2.5.29.17', false, sequence([contextSpecific(2, Buffer.from(value, 'latin1'))]));
      if (assertAgrees(assemble({ extensions: [san] }), `DNS SAN ${JSON.stringify(value)}`)) answered++;
    }
  }
  // Letters, digits and the punctuation of host names read everywhere; what OpenSSL escapes does not.
  assert.ok(answered > 400, `answered ${answered}`);
  assert.equal(readCertificateDer(assemble({ subject: name([['2.5.4.3', utf8String('a,b')]]) })), null);
  assert.equal(readCertificateDer(assemble({ subject: name([['2.5.4.3', utf8String('kuma é')]]) })), null);
});

test('the reader leaves to OpenSSL what it does not know, and OpenSSL still loads those certificates', () => {
  const declined: Array<[string, Buffer]> = [
    ['a multi-valued RDN', sequence([set([sequence([oid('2.5.4.3'), utf8String('a')]), sequence([oid('2.5.4.10'), utf8String('b')])])])],
    ['an unknown attribute type', name([['2.5.4.65', utf8String('pseudonym')]])],
    ['a T61String', name([['2.5.4.3', element(0x14, Buffer.from('kuma'))]])],
  ].map(([what, subject]) => [what as string, assemble({ subject: subject as Buffer })]);
  declined.push(['a CRL distribution point', assemble({ extensions: [extension('2.5.29.31', false, sequence([sequence([contextSpecific(0, [contextSpecific(0, [contextSpecific(6, Buffer.from('http://crl.example/ca.crl'))])])])]))] })]);
  declined.push(['critical FALSE written out', assemble({ extensions: [sequence([oid('2.5.29.19'), element(0x01, Buffer.from([0])), octetString(sequence([]))])] })]);
  declined.push(['an email SAN', assemble({ extensions: [extension('2.5.29.17', false, sequence([contextSpecific(1, Buffer.from('a@example.com'))]))] })]);
  declined.push(['a duplicated extension', assemble({ extensions: [basicConstraints(false), basicConstraints(false)] })]);
  declined.push(['signature algorithms that differ', assemble({ innerSignatureAlgorithm: sequence([oid('1.2.840.10045.4.3.3')]) })]);
  declined.push(['RSA PKCS#1 without its NULL', assemble({ keys: RSA, signatureAlgorithm: sequence([oid('1.2.840.113549.1.1.11')]) })]);
  declined.push(['a path length without cA', assemble({ extensions: [extension('2.5.29.19', true, sequence([smallInteger(1)]))] })]);
  declined.push(['UTCTime without seconds', assemble({ validity: sequence([element(0x17, Buffer.from('2501010000Z')), time(new Date(NOW + DAY))]) })]);
  declined.push(['a GeneralizedTime with fractions', assemble({ validity: sequence([element(0x18, Buffer.from('20250101000000.5Z')), time(new Date(NOW + DAY))]) })]);
  for (const [what, der] of declined) {
    assert.equal(readCertificateDer(der), null, `${what}: declined`);
    const parsed = parseCertificate(der);
    if (parsed) assert.equal(parsed.read, null, `${what}: OpenSSL read it`);
  }
});

test('mutated certificates: wherever the reader still answers, OpenSSL loads the bytes and agrees', () => {
  const ca = built(RSA, { ca: true, subject: 'mutation CA' });
  const originals = [built(EC, { issuer: { name: 'mutation CA', keys: RSA, subjectKeyId: ca.subjectKeyId }, hosts: ['a.example', '10.0.0.2'] }).der, ca.der, assemble({ v1: true })];
  let answered = 0;
  let declined = 0;
  for (const original of originals) {
    for (let offset = 0; offset < original.length; offset++) {
      for (const change of [(b: number) => b ^ 0x01, (b: number) => b ^ 0x80, () => 0x00, () => 0xff]) {
        const mutated = Buffer.from(original);
        mutated[offset] = change(mutated[offset]);
        if (mutated.equals(original)) continue;
        if (assertAgrees(mutated, `byte ${offset} of a ${original.length}-byte certificate changed to ${mutated[offset]}`)) answered++;
        else declined++;
      }
    }
    for (let length = 0; length < original.length; length += 7) assertAgrees(original.subarray(0, length), `truncated to ${length}`);
    assert.equal(readCertificateDer(Buffer.concat([original, Buffer.from([0])])), null, 'a byte after the certificate');
  }
  // Changes inside names, serials, keys, signatures and SAN values still read; headers do not.
  assert.ok(answered > 500 && declined > 500, `answered ${answered}, declined ${declined}`);
});

test('issuedByDer gives the verdict of checkIssued + verify, or none', () => {
  const ca = built(EC, { ca: true, subject: 'Kuma CA' });
  const rsaCa = built(RSA, { ca: true, subject: 'RSA CA' });
  const sameNameOtherKey = built(EC_OTHER, { ca: true, subject: 'Kuma CA' });
  const caseFolded = assemble({ subject: name([['2.5.4.3', printable('kuma   ca')]]), issuer: name([['2.5.4.3', printable('kuma   ca')]]), extensions: [basicConstraints(true)] });
  const noCertSign = assemble({ subject: nameDer('Kuma CA'), issuer: nameDer('Kuma CA'), extensions: [basicConstraints(true), keyUsage([0])] });
  const wrongAkid = assemble({ issuer: nameDer('Kuma CA'), signer: EC, keys: EC_OTHER, extensions: [extension('2.5.29.35', false, sequence([contextSpecific(0, Buffer.alloc(20, 7))]))] });
  const certificates: Array<[string, Buffer]> = [
    ['CA', ca.der],
    ['RSA CA', rsaCa.der],
    ['CA of the same name, another key', sameNameOtherKey.der],
    ['CA named in other case and spacing', caseFolded],
    ['CA without keyCertSign', noCertSign],
    ['leaf', built(EC_OTHER, { issuer: { name: 'Kuma CA', keys: EC, subjectKeyId: ca.subjectKeyId }, hosts: ['a.example'] }).der],
    ['leaf without AKID', built(EC_OTHER, { issuer: { name: 'Kuma CA', keys: EC }, hosts: ['b.example'] }).der],
    ['leaf of the RSA CA', built(EC, { issuer: { name: 'RSA CA', keys: RSA, subjectKeyId: rsaCa.subjectKeyId }, hosts: ['c.example'] }).der],
    ['leaf whose AKID names another key', wrongAkid],
    ['leaf signed by the other key', assemble({ issuer: nameDer('Kuma CA'), signer: EC_OTHER, keys: RSA })],
    ['self-signed leaf', built(EC, { hosts: ['d.example'] }).der],
  ];
  let verdicts = 0;
  let trueVerdicts = 0;
  for (const [leafName, leafDer] of certificates) {
    for (const [issuerName, issuerDer] of certificates) {
      const leaf = readCertificateDer(leafDer);
      const issuer = readCertificateDer(issuerDer);
      assert.ok(leaf && issuer, `${leafName} and ${issuerName} read`);
      const verdict = issuedByDer(leaf, issuer);
      const x509 = new X509Certificate(leafDer);
      const byOpenSsl = x509.checkIssued(new X509Certificate(issuerDer)) && x509.verify(new X509Certificate(issuerDer).publicKey);
      if (verdict === null) continue;
      verdicts++;
      if (verdict) trueVerdicts++;
      assert.equal(verdict, byOpenSsl, `${leafName} issued by ${issuerName}`);
    }
  }
  assert.ok(verdicts >= 110 && trueVerdicts >= 6, `verdicts ${verdicts}, true ${trueVerdicts}`);
});

test('random certificates of the builder read with the facts OpenSSL gives', () => {
  const random = seededRandom(12);
  const labels = ['kuma', 'mesh', 'a', 'x-1', 'svc', 'kuma-system'];
  for (let i = 0; i < 40; i++) {
    const hosts: string[] = [];
    for (let n = Math.floor(random() * 4); n >= 0; n--) {
      hosts.push(random() < 0.25 ? `10.${Math.floor(random() * 256)}.0.${Math.floor(random() * 256)}` : `${random() < 0.2 ? '*.' : ''}${[0, 1, 2].map(() => labels[Math.floor(random() * labels.length)]).join('.')}`);
    }
    const der = built(random() < 0.5 ? EC : RSA, { ca: random() < 0.3, subject: random() < 0.2 ? undefined : `cert ${i}`, hosts, days: Math.floor(random() * 20000) - 100 }).der;
    assert.equal(assertAgrees(der, `random certificate ${i} for ${hosts.join(',')}`), true);
  }
});

test("a parsed certificate's OpenSSL view, made on demand, is the same certificate", () => {
  const der = built(EC, { hosts: ['lazy.example'] }).der;
  const parsed = parseCertificate(der, `lazy-${NOW}`);
  assert.ok(parsed?.read);
  assert.equal(parsed.x509.fingerprint256, parsed.facts.fingerprint256);
  assert.ok(parsed.x509.raw.equals(der));
  assert.ok(parsed.der.equals(der));
});


test('a validity time OpenSSL loads but cannot print is no certificate, as Go refuses it; linting it is a finding, not an internal error', () => {
  const der = assemble({ validity: sequence([time(new Date(NOW - DAY)), element(0x17, Buffer.from('99zz01000000Z', 'latin1'))]) });
  assert.equal(readCertificateDer(der), null, 'the reader takes only times in the RFC 5280 forms');
  assert.equal(new X509Certificate(der).validTo, 'Bad time value', 'OpenSSL loads it all the same');
  assert.equal(parseCertificate(der), null);
  const workspace = new LintWorkspace();
  workspace.setDocument('/ws/tls.crt', certificatePem(der));
  const rules = workspace.lint('/ws/tls.crt').map((finding) => finding.rule);
  assert.ok(!rules.includes('internal-error'), rules.join(', '));
  assert.ok(rules.includes('cert-invalid') || rules.includes('pem-malformed'), rules.join(', '));
});
