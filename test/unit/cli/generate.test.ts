// `kuma-tls generate …` in-process through main() with a fake CliIo, and once as a real process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { CliIo, WriteToDescriptor, descriptorWriter, writerTo } from '../../../src/cli/io';
import { certificateStructure } from '../../../src/pki/structure';
import { OID } from '../../../src/pki/oids';
import { certificateText, keyMatchesCert, opensslVerify, publicKeysOf, removeDir, scratchDir, verifies } from '../pki/support';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;

async function run(args: string[], cwd = dir): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function freshDir(name: string): string {
  const target = path.join(dir, name);
  mkdirSync(target);
  return target;
}

function modeOf(file: string): number {
  return statSync(file).mode & 0o777;
}

before(() => {
  dir = scratchDir();
});
after(() => removeDir(dir));

test('tls-certificate with kumactl defaults writes key.pem 0600 and cert.pem 0644 and says so', async () => {
  const cwd = freshDir('defaults');
  const result = await run(['generate', 'tls-certificate', '--type=server', '--hostname=cp.example,10.0.0.1', '--hostname', 'cp2.example'], cwd);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, `Private key saved in ${path.join(cwd, 'key.pem')}\nCertificate saved in ${path.join(cwd, 'cert.pem')}\n`);
  assert.equal(modeOf(path.join(cwd, 'key.pem')), 0o600);
  assert.equal(modeOf(path.join(cwd, 'cert.pem')), 0o644);
  const certPem = readFileSync(path.join(cwd, 'cert.pem'), 'utf8');
  const keyPem = readFileSync(path.join(cwd, 'key.pem'), 'utf8');
  assert.match(keyPem, /^-----BEGIN RSA PRIVATE KEY-----/);
  const x509 = new X509Certificate(certPem);
  // Go's order: every DNS name, then every IP address.
  assert.equal(x509.subjectAltName, 'DNS:cp.example, DNS:cp2.example, IP Address:10.0.0.1');
  assert.equal(x509.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
  const keys = publicKeysOf(certPem, keyPem);
  assert.equal(keys.fromCert, keys.fromKey);
  assert.ok(opensslVerify(certPem, certPem).ok);
});

test('"-" writes the key then the certificate to stdout; progress goes to stderr', async () => {
  const result = await run(['generate', 'tls-certificate', '--type', 'client', '--hostname=c.example', '--key-type=ecdsa', '--cert-file', '-', '--key-file=-']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^-----BEGIN EC PRIVATE KEY-----[\s\S]+-----END EC PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\n$/);
  assert.equal(result.stderr, '');
  const certPem = result.stdout.slice(result.stdout.indexOf('-----BEGIN CERTIFICATE-----'));
  const keyPem = result.stdout.slice(0, result.stdout.indexOf('-----BEGIN CERTIFICATE-----'));
  assert.ok(keyMatchesCert(certPem, keyPem));
  assert.deepEqual(certificateStructure(new X509Certificate(certPem).raw).extKeyUsage, [OID.clientAuth]);
  assert.match(certificateText(certPem), /ecdsa-with-SHA256/);
});

test('every --type x --key-type combination passes openssl: profile text, self-verification, key pairs with cert', async () => {
  for (const type of ['server', 'client']) {
    for (const keyType of ['rsa', 'ecdsa']) {
      const label = `${type}/${keyType}`;
      const result = await run(['generate', 'tls-certificate', `--type=${type}`, '--hostname=combo.example,192.0.2.1', `--key-type=${keyType}`, '--cert-file=-', '--key-file=-']);
      assert.equal(result.code, 0, `${label}: ${result.stderr}`);
      const split = result.stdout.indexOf('-----BEGIN CERTIFICATE-----');
      const keyPem = result.stdout.slice(0, split);
      const certPem = result.stdout.slice(split);
      const text = certificateText(certPem);
      assert.match(text, keyType === 'rsa' ? /sha256WithRSAEncryption[\s\S]*Public-Key: \(2048 bit\)/ : /ecdsa-with-SHA256[\s\S]*NIST CURVE: P-256/, label);
      assert.match(text, type === 'server' ? /TLS Web Server Authentication/ : /TLS Web Client Authentication/, label);
      assert.match(text, /X509v3 Basic Constraints: critical\n\s+CA:TRUE\n/, label);
      assert.match(text, /X509v3 Subject Alternative Name: critical\n\s+DNS:combo\.example, IP Address:192\.0\.2\.1\n/, label);
      assert.match(keyPem, keyType === 'rsa' ? /^-----BEGIN RSA PRIVATE KEY-----/ : /^-----BEGIN EC PRIVATE KEY-----/, label);
      const keys = publicKeysOf(certPem, keyPem);
      assert.equal(keys.fromCert, keys.fromKey, label);
      const verification = opensslVerify(certPem, certPem);
      assert.ok(verification.ok, `${label}: ${verification.output}`);
    }
  }
});

test('a file and stdout mixed: the file is reported on stderr so stdout stays pure PEM', async () => {
  const cwd = freshDir('mixed');
  const result = await run(['generate', 'tls-certificate', '--type=server', '--hostname=m.example', '--key-type=ecdsa', '--cert-file=-', '--key-file=m.key'], cwd);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\n$/);
  assert.equal(result.stderr, `Private key saved in ${path.join(cwd, 'm.key')}\n`);
  assert.equal(modeOf(path.join(cwd, 'm.key')), 0o600);
});

test('refuses to overwrite an existing file (nothing written), --force replaces both', async () => {
  const cwd = freshDir('overwrite');
  writeFileSync(path.join(cwd, 'cert.pem'), 'keep me\n');
  const refused = await run(['generate', 'tls-certificate', '--type=server', '--hostname=o.example', '--key-type=ecdsa'], cwd);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /cert\.pem already exists \(use --force to overwrite\)/);
  assert.equal(readFileSync(path.join(cwd, 'cert.pem'), 'utf8'), 'keep me\n');
  assert.equal(existsSync(path.join(cwd, 'key.pem')), false, 'half a pair was written');
  const forced = await run(['generate', 'tls-certificate', '--type=server', '--hostname=o.example', '--key-type=ecdsa', '--force'], cwd);
  assert.equal(forced.code, 0, forced.stderr);
  assert.ok(keyMatchesCert(readFileSync(path.join(cwd, 'cert.pem'), 'utf8'), readFileSync(path.join(cwd, 'key.pem'), 'utf8')));
  assert.equal(modeOf(path.join(cwd, 'cert.pem')), 0o644);
});

test('bad input: exit 2 and a message naming the problem', async () => {
  const cases: [string[], RegExp][] = [
    [['--type=peer', '--hostname=a.b'], /invalid certificate type "peer"/],
    [['--hostname=a.b'], /flag --type is required/],
    [['--type=server'], /at least one hostname must be given/],
    [['--type=server', '--hostname=,'], /at least one hostname must be given/],
    [['--type=server', '--hostname=bad_host.example'], /invalid hostname "bad_host\.example"/],
    [['--type=server', '--hostname=300.1.2.3'], /"300\.1\.2\.3" is not a valid IPv4 address/],
    [['--type=server', '--hostname=a.b', '--key-type=dsa'], /invalid key type "dsa"/],
    [['--type=server', '--hostname=a.b', '--bogus'], /unknown flag "--bogus"/],
    [['--type=server', '--hostname=a.b', '--cert-file'], /flag --cert-file needs a value/],
    [['--type=server', '--hostname=a.b', 'extra'], /takes no arguments, got "extra"/],
    [['--type=server', '--hostname=a.b', '--cert-file=/nonexistent-dir/c.pem'], /directory \/nonexistent-dir does not exist/],
    [['--type=server', '--hostname=a.b', '--cert-file=x.pem', '--key-file=x.pem'], /name the same file/],
    [['--type=server', '--hostname=a.b', '--validity-days=ten'], /invalid --validity-days "ten"/],
  ];
  for (const [args, message] of cases) {
    const result = await run(['generate', 'tls-certificate', ...args]);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, message, args.join(' '));
    assert.equal(result.stdout, '', args.join(' '));
  }
  const unknown = await run(['generate', 'certificate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown generate subcommand "certificate"/);
});

test('generate --help lists every subcommand', async () => {
  const result = await run(['generate', '--help']);
  assert.equal(result.code, 0);
  for (const word of ['tls-certificate', 'generate ca', 'generate issue', 'generate recipe', 'kds-zone-client', '--force']) {
    assert.ok(result.stdout.includes(word), word);
  }
});

test('ca then issue: the leaf verifies against the CA with openssl; the CA key stays 0600', async () => {
  const cwd = freshDir('pki');
  const ca = await run(['generate', 'ca', '--common-name=test-ca', '--key-type=ecdsa', '--validity-days=30'], cwd);
  assert.equal(ca.code, 0, ca.stderr);
  assert.equal(modeOf(path.join(cwd, 'ca.key')), 0o600);
  assert.equal(new X509Certificate(readFileSync(path.join(cwd, 'ca.crt'))).subject, 'CN=test-ca');
  const issued = await run(['generate', 'issue', '--ca-cert=ca.crt', '--ca-key', 'ca.key', '--type=server', '--hostname=leaf.example', '--key-type=ecdsa'], cwd);
  assert.equal(issued.code, 0, issued.stderr);
  const caPem = readFileSync(path.join(cwd, 'ca.crt'), 'utf8');
  const leafPem = readFileSync(path.join(cwd, 'tls.crt'), 'utf8');
  assert.ok(opensslVerify(caPem, leafPem).ok);
  assert.equal(modeOf(path.join(cwd, 'tls.key')), 0o600);
  const mismatched = await run(['generate', 'issue', '--ca-cert=ca.crt', '--ca-key=tls.key', '--type=server', '--hostname=x.example', '--cert-file=-', '--key-file=-'], cwd);
  assert.equal(mismatched.code, 2);
  assert.match(mismatched.stderr, /the CA key does not belong to the CA certificate/);
  const missing = await run(['generate', 'issue', '--type=server', '--hostname=x.example'], cwd);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--ca-cert and --ca-key/);
});

test('recipe general writes the set into --out, refuses a second run without --force', async () => {
  const cwd = freshDir('recipe');
  const result = await run(['generate', 'recipe', 'general', '--out', 'certs', '--namespace=mesh', '--hostname=cp.example', '--key-type=ecdsa'], cwd);
  assert.equal(result.code, 0, result.stderr);
  const out = path.join(cwd, 'certs');
  assert.equal(modeOf(path.join(out, 'tls.key')), 0o600);
  assert.equal(modeOf(path.join(out, 'ca.key')), 0o600);
  assert.equal(modeOf(path.join(out, 'secret.yaml')), 0o600);
  assert.equal(modeOf(path.join(out, 'install.sh')), 0o755);
  assert.equal(modeOf(path.join(out, 'values.yaml')), 0o644);
  const leafPem = readFileSync(path.join(out, 'tls.crt'), 'utf8');
  assert.equal(new X509Certificate(leafPem).subjectAltName, 'DNS:kuma-control-plane.mesh, DNS:kuma-control-plane.mesh.svc, DNS:cp.example');
  assert.ok(verifies(readFileSync(path.join(out, 'ca.crt'), 'utf8'), leafPem));
  assert.match(result.stdout, /wrote 7 files/);
  const again = await run(['generate', 'recipe', 'general', '--out', 'certs', '--key-type=ecdsa'], cwd);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /would overwrite ca\.crt, ca\.key, tls\.crt, tls\.key, secret\.yaml, values\.yaml, install\.sh/);
  assert.equal(readFileSync(path.join(out, 'tls.crt'), 'utf8'), leafPem);
  const zone = await run(['generate', 'recipe', 'kds-zone-client', '--out=zone', '--ca-cert=certs/ca.crt', '--ca-key=certs/ca.key'], cwd);
  assert.equal(zone.code, 0, zone.stderr);
  assert.equal(readFileSync(path.join(cwd, 'zone', 'ca.crt'), 'utf8'), readFileSync(path.join(out, 'ca.crt'), 'utf8'));
  assert.equal(existsSync(path.join(cwd, 'zone', 'ca.key')), false);
});

test('recipe errors: unknown recipe, missing --out, global KDS without hostnames', async () => {
  const unknown = await run(['generate', 'recipe', 'webhook', '--out=x']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown recipe "webhook" \(expected general, api-server, kds-global-server, kds-zone-client\)/);
  const noOut = await run(['generate', 'recipe', 'general']);
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /flag --out is required/);
  const noHost = await run(['generate', 'recipe', 'kds-global-server', '--out=g', '--key-type=ecdsa']);
  assert.equal(noHost.code, 2);
  assert.match(noHost.stderr, /kdsGlobalAddress/);
});

test('recipe: a hostile --secret-name or --namespace exits 2, names the flag and writes nothing', async () => {
  const cwd = freshDir('hostile');
  const cases: [string[], RegExp][] = [
    [['general', '--secret-name', 'x;touch PWNED;#'], /--secret-name: "x;touch PWNED;#" is not a valid Secret name \(a DNS-1123 subdomain/],
    [['kds-global-server', '--hostname=g.example', '--namespace', 'ns\ninjected: true'], /--namespace: "ns\\ninjected: true" is not a valid Kubernetes namespace \(a DNS-1123 label/],
    [['general', '--namespace', '${NAMESPACE}'], /--namespace: .* DNS-1123 label/],
    [['general', '--service-name', '9cp'], /--service-name: "9cp" is not a valid Service name \(a DNS-1035 label/],
    [['api-server', '--hostname=cp.example.com.'], /"cp\.example\.com\." ends with a dot/],
  ];
  for (const [args, message] of cases) {
    const result = await run(['generate', 'recipe', ...args, '--out=certs', '--key-type=ecdsa'], cwd);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, message, args.join(' '));
    assert.equal(result.stdout, '');
    assert.deepEqual(readdirSync(cwd), [], `${args.join(' ')} wrote something`);
  }
});

test('recipe --out /proc/self/x is refused at once, before anything is created', { timeout: 60_000 }, async () => {
  if (process.platform !== 'linux') {
    return;
  }
  const result = await run(['generate', 'recipe', 'general', '--out=/proc/self/x', '--key-type=ecdsa']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /\/proc.* not a regular file system|proc pseudo file system/);
});

test('tls-certificate --force with a certificate target that cannot be written leaves no key behind', async () => {
  const cwd = freshDir('half-pair');
  mkdirSync(path.join(cwd, 'cert.pem'));
  const result = await run(['generate', 'tls-certificate', '--type=server', '--hostname=h.example', '--key-type=ecdsa', '--force'], cwd);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /cert\.pem exists and is not a regular file/);
  assert.equal(existsSync(path.join(cwd, 'key.pem')), false, 'the key of a pair that was not written');
});

test('recipe --force with one blocked target keeps the old CA, key and values', async () => {
  const cwd = freshDir('blocked');
  const first = await run(['generate', 'recipe', 'general', '--out=certs', '--key-type=ecdsa'], cwd);
  assert.equal(first.code, 0, first.stderr);
  const out = path.join(cwd, 'certs');
  rmSync(path.join(out, 'install.sh'));
  mkdirSync(path.join(out, 'install.sh'));
  const before = Object.fromEntries(['ca.crt', 'ca.key', 'tls.crt', 'tls.key', 'secret.yaml', 'values.yaml'].map((name) => [name, readFileSync(path.join(out, name), 'utf8')]));
  const forced = await run(['generate', 'recipe', 'general', '--out=certs', '--key-type=ecdsa', '--force'], cwd);
  assert.equal(forced.code, 2);
  assert.match(forced.stderr, /install\.sh exists and is not a regular file/);
  for (const [name, content] of Object.entries(before)) {
    assert.equal(readFileSync(path.join(out, name), 'utf8'), content, `${name} was replaced`);
  }
  assert.deepEqual(readdirSync(out).sort(), ['ca.crt', 'ca.key', 'install.sh', 'secret.yaml', 'tls.crt', 'tls.key', 'values.yaml']);
});

const BUNDLE = path.resolve(__dirname, '../../../../dist/cli.js');
const COMPILED_BIN = path.resolve(__dirname, '../../../src/cli/bin.js');

/** The webpack bundle when it is at least as new as this compile, else tsc's output of the same entry. */
function cliEntry(): string {
  const fresh = existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= statSync(COMPILED_BIN).mtimeMs;
  return fresh ? BUNDLE : COMPILED_BIN;
}

test('as a real process (dist/cli.js when built, else out/src/cli/bin.js)', () => {
  const entry = cliEntry();
  const cwd = freshDir('process');
  const output = execFileSync(process.execPath, [entry, 'generate', 'tls-certificate', '--type=server', '--hostname=p.example', '--key-type=ecdsa'], { cwd, encoding: 'utf8' });
  assert.match(output, /Private key saved in .*key\.pem\nCertificate saved in .*cert\.pem\n/);
  assert.equal(modeOf(path.join(cwd, 'key.pem')), 0o600);
  assert.ok(keyMatchesCert(readFileSync(path.join(cwd, 'cert.pem'), 'utf8'), readFileSync(path.join(cwd, 'key.pem'), 'utf8')));
  let status = 0;
  let stderr = '';
  try {
    execFileSync(process.execPath, [entry, 'generate', 'tls-certificate', '--type=server', '--hostname=p.example'], { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    status = (error as { status: number }).status;
    stderr = (error as { stderr: string }).stderr;
  }
  assert.equal(status, 2);
  assert.match(stderr, /already exists/);
});

test('a reader that closes the pipe early (| head -1) ends the output, not the process: EPIPE drops the rest, other errors still surface', () => {
  const written: string[] = [];
  const stream = Object.assign(new EventEmitter(), { write: (text: string) => void written.push(text) }) as unknown as NodeJS.WriteStream;
  const write = writerTo(stream);
  write('-----BEGIN CERTIFICATE-----\n');
  stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  write('the rest');
  assert.deepEqual(written, ['-----BEGIN CERTIFICATE-----\n']);
  assert.throws(() => stream.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' })), /EIO/);
});

test('output written to the descriptor itself: partial writes are finished, EAGAIN hands the rest to the stream, EPIPE ends the output, other errors surface', () => {
  const onDescriptor: string[] = [];
  const toStream: string[] = [];
  // A descriptor that takes at most 3 bytes a call, and refuses (EAGAIN) once `refuseAfter` bytes are in.
  const descriptor = (refuseAfter: number, code = 'EAGAIN'): WriteToDescriptor => {
    let taken = 0;
    return (fd, data, offset, length) => {
      assert.equal(fd, 1);
      if (taken >= refuseAfter) throw Object.assign(new Error(`write ${code}`), { code });
      const n = Math.min(3, length, refuseAfter - taken);
      onDescriptor.push(data.subarray(offset, offset + n).toString('latin1'));
      taken += n;
      return n;
    };
  };
  let streamsMade = 0;
  const fallback = () => {
    streamsMade++;
    return (text: string | Uint8Array) => void toStream.push(Buffer.from(text).toString('latin1'));
  };

  const whole = descriptorWriter(1, fallback, descriptor(Infinity));
  whole('Private key saved in k.key\n');
  assert.equal(onDescriptor.join(''), 'Private key saved in k.key\n');
  assert.equal(streamsMade, 0, 'no stream is made while the descriptor takes every byte');

  onDescriptor.length = 0;
  // 'é' is two bytes in UTF-8: refusing after 4 bytes splits it, and the stream gets the bytes, not a re-encoding.
  const refusing = descriptorWriter(1, fallback, descriptor(4));
  refusing('abcé-rest');
  refusing(' later');
  const utf8 = Buffer.from('abcé-rest later', 'utf8').toString('latin1');
  assert.equal(onDescriptor.join('') + toStream.join(''), utf8);
  assert.equal(onDescriptor.join(''), utf8.slice(0, 4));
  assert.equal(streamsMade, 1);

  onDescriptor.length = 0;
  const closedEarly = descriptorWriter(1, fallback, descriptor(3, 'EPIPE'));
  closedEarly('abcdef');
  closedEarly('more');
  assert.equal(onDescriptor.join(''), 'abc');
  assert.equal(streamsMade, 1, 'EPIPE makes no stream');

  const failing = descriptorWriter(1, fallback, descriptor(0, 'EIO'));
  assert.throws(() => failing('x'), /EIO/);
});
