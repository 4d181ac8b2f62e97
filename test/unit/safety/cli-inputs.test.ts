// Issue 10: what the CLI is given and what it prints. Named paths that cannot be linted are
// errors (exit 2) with their reason, walked entries passed over get a note, symbolic links out
// of the linted folders are not followed, file names cannot drive the terminal or forge a line,
// and SARIF locations are real URIs.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs = require('node:fs');
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { readRegularFile } from '../../../src/lint/read-regular-file';
import { LintWorkspace } from '../../../src/lint/workspace';

const temp = mkdtempSync(path.join(tmpdir(), 'kuma-tls-inputs-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const BAD_VALUES = 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n';

async function cli(args: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  return { status: await main(args, io), stdout, stderr };
}

function folder(name: string): string {
  const dir = path.join(temp, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

test('a named FIFO is an error with its reason (exit 2), not a silent exit 0', async () => {
  const dir = folder('fifo');
  const fifo = path.join(dir, 'values.yaml');
  execFileSync('mkfifo', [fifo]);
  const result = await cli(['lint', path.relative(dir, fifo)], dir);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /cannot lint values\.yaml: a named pipe \(FIFO\), not a regular file or folder/);
});

test('a FIFO inside a walked folder is a note; the rest is linted', async () => {
  const dir = folder('fifo-walk');
  execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
  writeFileSync(path.join(dir, 'values.yaml'), BAD_VALUES);
  const result = await cli(['lint', '.'], dir);
  assert.equal(result.status, 1, 'the values file is linted (an error finding)');
  assert.match(result.stderr, /note: pipe\.yaml: skipped: a named pipe \(FIFO\), not a regular file/);
});

test('a named character device (/dev/null, as /dev/stdin is) is an error with its reason', async () => {
  const result = await cli(['lint', '/dev/null'], temp);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /a character device/);
});

test('a named file the linter cannot recognise is an error, not a silent pass', async () => {
  const dir = folder('other-ext');
  writeFileSync(path.join(dir, 'values.txt'), BAD_VALUES);
  const result = await cli(['lint', 'values.txt'], dir);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /cannot lint values\.txt: kuma-tls cannot tell its kind/);
  // By content, an extension-less or unusual name still lints when its first line is PEM.
  writeFileSync(path.join(dir, 'ca.txt'), '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n');
  // Nothing Kuma uses reads it, so the damage is a warning (severity follows what Kuma loads).
  const byContent = await cli(['lint', 'ca.txt'], dir);
  assert.equal(byContent.status, 0);
  assert.match(byContent.stdout, /ca\.txt:1:1 warning pem-malformed/);
});

test('a named file that cannot be read is an error with the reason; inside a folder, a note', async () => {
  const dir = folder('unreadable');
  const locked = path.join(dir, 'values.yaml');
  writeFileSync(locked, BAD_VALUES);
  writeFileSync(path.join(dir, 'other.yaml'), BAD_VALUES);
  // Tests run as root here, where chmod 000 still reads: the refusal is injected at the open.
  // The CLI opens files with openSync through the module object, so replacing it there reaches it.
  const patchable = fs as { openSync: typeof fs.openSync };
  const open = fs.openSync;
  patchable.openSync = ((...args: Parameters<typeof open>) => {
    if (args[0] === locked) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    return open(...args);
  }) as typeof open;
  try {
    const named = await cli(['lint', 'values.yaml'], dir);
    assert.equal(named.status, 2);
    assert.match(named.stderr, /cannot lint values\.yaml: permission denied/);
    const walked = await cli(['lint', '.'], dir);
    assert.equal(walked.status, 1, 'other.yaml is linted');
    assert.match(walked.stderr, /note: values\.yaml: skipped: it cannot be read \(permission denied\)/);
  } finally {
    patchable.openSync = open;
  }
});

test('a symbolic link to a file outside the linted folder is not followed, and nothing of it is printed', async () => {
  const outside = folder('outside');
  const secretValue = 'runner-secret-value-0123456789';
  writeFileSync(path.join(outside, 'values.yaml'), `controlPlane:\n  tls:\n    general:\n      secretName: ${secretValue}\n`);
  const dir = folder('linted');
  symlinkSync(path.join(outside, 'values.yaml'), path.join(dir, 'values.yaml'));
  mkdirSync(path.join(dir, 'sub'));
  writeFileSync(path.join(dir, 'sub', 'real.yaml'), BAD_VALUES);
  symlinkSync(path.join(dir, 'sub', 'real.yaml'), path.join(dir, 'inside-link.yaml'));
  const result = await cli(['lint', '--format', 'json', '.'], dir);
  assert.ok(!result.stdout.includes(secretValue), 'the outside file was read');
  assert.match(result.stderr, /note: values\.yaml: skipped: a symbolic link to a file outside the linted folders/);
  const files = new Set((JSON.parse(result.stdout) as { findings: Array<{ file: string }> }).findings.map((f) => f.file));
  assert.deepEqual([...files].sort(), ['inside-link.yaml', 'sub/real.yaml'], 'a link inside the linted folder is followed');
});

test('control characters and newlines in file names are escaped in text output: no forged line, no escape sequence', async () => {
  const dir = folder('names');
  const evil = 'x\nforged.yaml:1:1 error forged-rule \u001b[2Jgotcha.yaml';
  writeFileSync(path.join(dir, evil), BAD_VALUES);
  const result = await cli(['lint', '.'], dir);
  assert.equal(result.status, 1);
  const lines = result.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, 'one finding, one line');
  assert.ok(!result.stdout.includes('\u001b') && !result.stderr.includes('\u001b'));
  assert.ok(lines[0].startsWith('x\\nforged.yaml:1:1 error forged-rule \\u001b[2Jgotcha.yaml:'), lines[0]);
  assert.ok(!/^forged\.yaml/m.test(result.stdout), 'no output line starts with the forged name');
  const json = await cli(['lint', '--format', 'json', '.'], dir);
  assert.ok(!json.stdout.includes('\u001b'), 'JSON escapes it too');
  assert.equal((JSON.parse(json.stdout) as { findings: Array<{ file: string }> }).findings[0].file, evil, 'and keeps the real name');
});

test('a value with terminal escapes is escaped in the text message', async () => {
  const dir = folder('value-escapes');
  writeFileSync(path.join(dir, 'kuma-cp.env'), 'KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\u001b]0;pwned\u0007\nKUMA_GENERAL_TLS_MIN_VERSION=TLSv1_9\u009b2J\n');
  const result = await cli(['lint', '.'], dir);
  assert.ok(result.stdout.length > 0);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(result.stdout), 'no raw control character in the output');
  assert.match(result.stdout, /\\u001b/);
});

test('SARIF: artifact URIs are percent-encoded relative references against %SRCROOT%; text and JSON state the column unit', async () => {
  const dir = folder('sarif uri');
  mkdirSync(path.join(dir, 'a#b?c'));
  writeFileSync(path.join(dir, 'a#b?c', 'values 100%.yaml'), BAD_VALUES);
  const result = await cli(['lint', '--format', 'sarif', '.'], dir);
  const log = JSON.parse(result.stdout);
  const run = log.runs[0];
  const location = run.results[0].locations[0].physicalLocation.artifactLocation;
  assert.deepEqual(location, { uri: 'a%23b%3Fc/values%20100%25.yaml', uriBaseId: '%SRCROOT%' });
  const base = run.originalUriBaseIds['%SRCROOT%'].uri as string;
  assert.ok(base.startsWith('file:///') && base.endsWith('/'), base);
  assert.equal(decodeURIComponent(new URL(location.uri, base).pathname), path.join(dir, 'a#b?c', 'values 100%.yaml'));
  assert.equal(run.columnKind, 'utf16CodeUnits');
  const json = JSON.parse((await cli(['lint', '--format', 'json', '.'], dir)).stdout);
  assert.equal(json.columnUnit, 'utf16CodeUnits');
  assert.match((await cli(['lint', '.'], dir)).stderr, /columns count UTF-16 code units/);
});

test('a file that became a FIFO after the walk is not read (no wait for a writer): its read fails with the reason', () => {
  const dir = folder('fifo-later');
  const file = path.join(dir, 'values.yaml');
  writeFileSync(file, BAD_VALUES);
  assert.equal(readRegularFile(file).toString('utf8'), BAD_VALUES);
  rmSync(file);
  execFileSync('mkfifo', [file]);
  // A plain readFileSync would block here until something wrote to the pipe.
  assert.throws(() => readRegularFile(file), /not a regular file/);
});

test('a released file that became a FIFO before the end of the run is skipped with the reason', () => {
  const dir = folder('fifo-reread');
  const values = path.join(dir, 'values.yaml');
  const secret = path.join(dir, 'secret.yaml');
  writeFileSync(values, BAD_VALUES);
  const ws = new LintWorkspace({}, undefined, { tracksDependents: false, reread: readRegularFile });
  ws.setDocument(values, readRegularFile(values), true);
  ws.setDocument(path.join(dir, 'other.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: other-tls\ntype: kubernetes.io/tls\n');
  ws.lint(values);
  ws.release();
  rmSync(values);
  execFileSync('mkfifo', [values]);
  // The Secret the values file names arrives: its findings are stale, and it cannot be read again.
  ws.setDocument(secret, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: general-tls-certs\ntype: kubernetes.io/tls\n');
  const findings = ws.lint(values);
  assert.deepEqual(findings.map((f) => f.rule), ['file-skipped']);
  assert.match(findings[0].message, /could not be read again \(it is not a regular file\)/);
});

/** `kuma-tls lint --format json ARGS` as a child process with a kill switch: a hang fails the test instead of stopping the runner. */
function lintInChild(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string; timedOut: boolean } {
  const cliBin = path.resolve(__dirname, '../../../src/cli/bin.js');
  const result = spawnSync(process.execPath, [cliBin, 'lint', '--format', 'json', ...args], { cwd, encoding: 'utf8', timeout: 15_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, timedOut: result.error !== undefined && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' };
}

test('named pipes where the walk reads ignore lists (.git/info/exclude, a parent .gitignore) are passed over, not waited on', () => {
  for (const pipe of ['.git/info/exclude', '.gitignore']) {
    const repo = folder(`fifo-ignore-${pipe.replace(/\W/g, '')}`);
    mkdirSync(path.join(repo, '.git', 'info'), { recursive: true });
    mkdirSync(path.join(repo, 'helm'));
    writeFileSync(path.join(repo, 'helm', 'values.yaml'), BAD_VALUES);
    execFileSync('mkfifo', [path.join(repo, pipe)]);
    const run = lintInChild(['helm'], repo);
    assert.equal(run.timedOut, false, `${pipe} as a FIFO must not block the run`);
    assert.equal(run.status, 1, `${pipe}: the values file is linted (${run.stderr})`);
    assert.ok((JSON.parse(run.stdout) as { findings: unknown[] }).findings.length > 0);
  }
});

test('a named pipe called .kuma-tls.yaml in an enclosing folder is an error with its reason, not a wait', () => {
  const repo = folder('fifo-config');
  mkdirSync(path.join(repo, '.git'));
  mkdirSync(path.join(repo, 'helm'));
  writeFileSync(path.join(repo, 'helm', 'values.yaml'), BAD_VALUES);
  execFileSync('mkfifo', [path.join(repo, '.kuma-tls.yaml')]);
  const run = lintInChild(['helm'], repo);
  assert.equal(run.timedOut, false, 'the config FIFO must not block the run');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /cannot read config \.kuma-tls\.yaml: it is not a regular file/);
});
