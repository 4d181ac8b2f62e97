// The CLI never prints private key material where it does not belong: generate (to "-" and to
// files, and failing on keys in the wrong place), lint in every format over the sentinel
// workspace. And generated files never land outside the output folder through planted links.
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../../src/cli/main';
import { CliIo } from '../../../src/cli/io';
import { leakIn, makeSentinel, sentinelCorpus } from './sentinel';

const sentinel = makeSentinel();
const temp = mkdtempSync(path.join(tmpdir(), 'kuma-tls-safety-'));
after(() => rmSync(temp, { recursive: true, force: true }));

async function run(args: string[], cwd = temp): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

/** Every private key in `text` (PEM blocks), as sentinels to look for elsewhere. */
function keysIn(text: string): string[] {
  return [...text.matchAll(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----\n?/g)].map((m) => m[0]);
}

function assertNoKey(key: string, text: string, where: string): void {
  const body = key.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  for (let i = 0; i + 64 <= body.length; i += 16) assert.ok(!text.replace(/\s+/g, '').includes(body.slice(i, i + 64)), `${where} holds key material`);
}

test('generate to "-": the key goes to stdout only; progress on stderr carries none of it', async () => {
  const result = await run(['generate', 'tls-certificate', '--type=server', '--hostname=cp.example', '--key-type=ecdsa', '--cert-file=-', '--key-file=-']);
  assert.equal(result.status, 0, result.stderr);
  const [key] = keysIn(result.stdout);
  assert.ok(key, 'the key is on stdout');
  assertNoKey(key, result.stderr, 'stderr');
});

test('generate to files (tls-certificate, ca, issue, recipe): neither stdout nor stderr carries the keys written', async () => {
  const dir = path.join(temp, 'files');
  mkdirSync(dir);
  const runs = [
    ['generate', 'tls-certificate', '--type=client', '--hostname=dp.example', '--key-type=ecdsa', '--cert-file=c.pem', '--key-file=k.pem'],
    ['generate', 'ca', '--key-type=ecdsa', '--cert-file=ca.crt', '--key-file=ca.key'],
    ['generate', 'issue', '--ca-cert=ca.crt', '--ca-key=ca.key', '--type=server', '--hostname=cp.example', '--key-type=ecdsa', '--cert-file=tls.crt', '--key-file=tls.key'],
    ['generate', 'recipe', 'general', '--out=recipe', '--key-type=ecdsa'],
  ];
  let output = '';
  for (const args of runs) {
    const result = await run(args, dir);
    assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
    output += result.stdout + result.stderr;
  }
  const written = ['k.pem', 'ca.key', 'tls.key', 'recipe/tls.key', 'recipe/ca.key'].map((f) => readFileSync(path.join(dir, f), 'utf8'));
  for (const key of written) {
    assert.equal(keysIn(key).length, 1);
    assertNoKey(key, output, 'generate output');
  }
});

test('generate with a private key where a certificate belongs, or a damaged CA key: the error names the problem, not the key', async () => {
  const dir = path.join(temp, 'wrong-slot');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'key-as-ca.crt'), sentinel.pem);
  writeFileSync(path.join(dir, 'damaged.key'), sentinel.pem.slice(0, 900));
  for (const args of [
    ['generate', 'issue', '--ca-cert=key-as-ca.crt', '--ca-key=key-as-ca.crt', '--type=server', '--hostname=cp.example'],
    ['generate', 'issue', '--ca-cert=key-as-ca.crt', '--ca-key=damaged.key', '--type=server', '--hostname=cp.example'],
    ['generate', 'recipe', 'general', '--out=out', '--ca-cert=key-as-ca.crt', '--ca-key=damaged.key'],
  ]) {
    const result = await run(args, dir);
    assert.equal(result.status, 2, `${args.join(' ')} fails`);
    assert.ok(result.stderr.length > 0);
    assert.equal(leakIn(sentinel, result.stdout + result.stderr), undefined, `${args.join(' ')}: ${result.stderr}`);
  }
});

test('lint in text, JSON and SARIF over the sentinel workspace: findings, and no key material in stdout or stderr', async () => {
  const dir = path.join(temp, 'workspace');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(sentinelCorpus(sentinel))) writeFileSync(path.join(dir, name), content);
  for (const format of ['text', 'json', 'sarif']) {
    const result = await run(['lint', '--format', format, dir]);
    assert.equal(result.status, 1, `${format}: error findings`);
    assert.ok(result.stdout.length > 1000, `${format}: a report`);
    assert.equal(leakIn(sentinel, result.stdout), undefined, `${format} stdout`);
    assert.equal(leakIn(sentinel, result.stderr), undefined, `${format} stderr`);
  }
});

test('recipe --out with planted symbolic links: refused with a clear message, nothing written outside', async () => {
  const outside = path.join(temp, 'outside');
  const out = path.join(temp, 'planted');
  mkdirSync(outside);
  mkdirSync(out);
  symlinkSync(path.join(outside, 'stolen.key'), path.join(out, 'tls.key'));
  for (const [force, why] of [[[], /would overwrite tls\.key/], [['--force'], /refusing to write through the symbolic link/]] as const) {
    const result = await run(['generate', 'recipe', 'general', `--out=${out}`, '--key-type=ecdsa', ...force]);
    assert.equal(result.status, 2, result.stdout);
    assert.match(result.stderr, why);
    assert.deepEqual(readdirSync(outside), [], 'nothing lands outside through the link');
    assert.ok(lstatSync(path.join(out, 'tls.key')).isSymbolicLink(), 'the link is left as it was');
    assert.equal(leakIn(sentinel, result.stderr), undefined);
  }
  assert.ok(!existsSync(path.join(outside, 'stolen.key')));
});
