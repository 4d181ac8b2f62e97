// Named hostile inputs from issue 7. Each must finish and either report something sensible or
// skip with one info finding (`file-skipped`). Durations are printed, never asserted.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs = require('node:fs');
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runLint } from '../../../src/cli/lint';
import { LintWorkspace } from '../../../src/lint/workspace';
import { Finding, LintOptions } from '../../../src/lint/types';
import { generateTlsCertificate } from '../../../src/pki/generate';
import { b64, NOW, secretYaml } from '../lint/fixtures';

const MB = 1024 * 1024;

function lintTimed(label: string, file: string, content: string | Uint8Array, options: LintOptions = {}): Finding[] {
  const started = performance.now();
  const workspace = new LintWorkspace({ now: NOW, ...options });
  workspace.setDocument(file, content);
  const findings = [...workspace.lintAll().values()].flat();
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  console.log(`${label}: ${(performance.now() - started).toFixed(0)} ms, ${findings.length} findings ${JSON.stringify(Object.fromEntries(counts))}`);
  assert.deepEqual(findings.filter((f) => f.rule === 'internal-error').map((f) => f.message), [], `${label}: no rule threw`);
  return findings;
}

function assertSkippedOnce(findings: Finding[], reason: RegExp): void {
  assert.equal(findings.length, 1);
  assert.equal(findings[0].rule, 'file-skipped');
  assert.equal(findings[0].severity, 'info');
  assert.match(findings[0].message, reason);
}

const billionLaughs = [
  'lol0: &l0 "lol"',
  ...Array.from({ length: 9 }, (_, i) => `lol${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`),
  'controlPlane: &cp',
  '  mode: *l9',
  '  envVars:',
  '    KUMA_API_SERVER_HTTP_INTERFACE: *l9',
  '  tls:',
  '    general: &g { secretName: *l9, caBundle: *l9 }',
  '    apiServer: *g',
  '    kdsGlobalServer: { cert: *l9, key: *l9 }',
  'other: *cp',
].join('\n');

test('YAML billion laughs in a Helm values file: finishes without expanding the aliases', () => {
  const findings = lintTimed('billion laughs', '/h/values.yaml', billionLaughs);
  for (const f of findings) assert.ok(f.message.length < 10_000, `${f.rule} message stays short (aliases not expanded into it)`);
});

test('a 50 MB file is skipped with one info finding, as bytes and as text', () => {
  const bytes = Buffer.alloc(50 * MB, 'a: b\n');
  assertSkippedOnce(lintTimed('50 MB values bytes', '/h/values.yaml', bytes), /50\.0 MB, over the 2\.0 MB limit/);
  assertSkippedOnce(lintTimed('50 MB values text', '/h/values.yaml', bytes.toString('latin1')), /over the 2\.0 MB limit/);
});

test('a 1 MB single line as a caBundle: reported as a bad caBundle value, message not echoing it', () => {
  const text = `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: ${'QUJD'.repeat(MB / 4)}\n`;
  const findings = lintTimed('1 MB line', '/h/values.yaml', text);
  assert.ok(findings.length > 0, 'the broken caBundle is reported');
  for (const f of findings) assert.ok(f.message.length < 2000, `${f.rule}: message of ${f.message.length} chars`);
});

test('10,000 nested sequences (block and flow) finish', () => {
  assertSkippedOnce(lintTimed('10,000 nested block sequences', '/h/values.yaml', `controlPlane:\n  envVars:\n${'- '.repeat(10_000)}x\n`), /nests deeper than 256 levels/);
  lintTimed('10,000 nested flow sequences', '/h/secret.yaml', `kind: Secret\ndata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
});

test('a binary file named .pem is skipped with one info finding', () => {
  const noise = randomBytes(64 * 1024);
  noise[100] = 0;
  assertSkippedOnce(lintTimed('binary .pem (NUL)', '/h/binary.pem', noise), /binary/);
  const invalidUtf8 = Buffer.from(noise.map((b) => (b === 0 ? 0xff : b)));
  invalidUtf8[0] = 0xff; // never a DER certificate (which would be an error with the openssl conversion)
  assertSkippedOnce(lintTimed('binary .pem (invalid UTF-8)', '/h/binary.pem', invalidUtf8), /UTF-8|binary/);
});

test('a PEM block with 200,000 base64 lines: skipped by size, and parsed as damaged when the limit allows it', () => {
  const pem = `-----BEGIN CERTIFICATE-----\n${`${'A'.repeat(64)}\n`.repeat(200_000)}-----END CERTIFICATE-----\n`;
  assertSkippedOnce(lintTimed('200,000-line PEM (default limit)', '/h/huge.crt', Buffer.from(pem)), /over the 2\.0 MB limit/);
  const findings = lintTimed('200,000-line PEM (64 MB limit)', '/h/huge.crt', Buffer.from(pem), { maxFileBytes: 64 * MB });
  // A file nothing Kuma uses reads: reported, at most as a warning (severity follows what Kuma loads).
  assert.ok(findings.some((f) => f.severity === 'warning' && f.rule !== 'file-skipped'), 'a certificate that is not DER is reported');
  for (const f of findings) assert.ok(f.message.length < 2000, `${f.rule}: message of ${f.message.length} chars`);
});

test('a .env of 100,000 lines with Kuma settings and typos among them', () => {
  const lines = Array.from({ length: 100_000 }, (_, i) =>
    i % 1000 === 0 ? `KUMA_GENERL_TLS_CERT_FILE=/certs/${i}.crt` : i % 100 === 0 ? `KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0` : `APP_${i}=v`,
  );
  const findings = lintTimed('100,000-line .env', '/h/kuma-cp.env', `${lines.join('\n')}\n`);
  assert.ok(findings.some((f) => f.rule === 'unknown-setting'), 'the typo is reported');
});

test('a certificate with 5,000 SANs from src/pki: lints like any other', async () => {
  const hostnames = Array.from({ length: 5000 }, (_, i) => `svc-${i}.mesh.example`);
  hostnames.push('kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc');
  const started = performance.now();
  const generated = await generateTlsCertificate({ type: 'server', hostnames, keyType: 'ecdsa', now: NOW });
  console.log(`5,000-SAN certificate generated in ${(performance.now() - started).toFixed(0)} ms (${generated.certPem.length} PEM chars)`);
  const workspace = new LintWorkspace({ now: NOW });
  workspace.setDocument('/h/tls.crt', generated.certPem);
  workspace.setDocument('/h/tls.key', generated.keyPem);
  workspace.setDocument('/h/secret.yaml', secretYaml('general-tls-certs', { 'tls.crt': b64(generated.certPem), 'tls.key': b64(generated.keyPem), 'ca.crt': b64(generated.certPem) }));
  const lintStarted = performance.now();
  const findings = [...workspace.lintAll().values()].flat();
  console.log(`5,000-SAN certificate linted in ${(performance.now() - lintStarted).toFixed(0)} ms: ${findings.map((f) => f.rule).join(', ') || 'no findings'}`);
  assert.deepEqual(findings.filter((f) => f.rule === 'internal-error' || f.rule === 'cert-key-mismatch' || f.rule === 'cert-hostname-mismatch'), []);
  for (const f of findings) assert.ok(f.message.length < 5000, `${f.rule}: message of ${f.message.length} chars`);
});

const temp = mkdtempSync(path.join(tmpdir(), 'kuma-tls-hostile-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function captureIo(cwd: string) {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), cwd } };
}

test('a symlink loop in a folder given to the CLI: the walk ends and real files are linted', async () => {
  const root = path.join(temp, 'loop');
  mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
  symlinkSync(root, path.join(root, 'a', 'b', 'back-to-root'));
  symlinkSync(path.join(root, 'a'), path.join(root, 'a', 'b', 'up'));
  symlinkSync(path.join(root, 'self.pem'), path.join(root, 'self.pem')); // a link to itself
  symlinkSync(path.join(root, 'ping.crt'), path.join(root, 'pong.crt'));
  symlinkSync(path.join(root, 'pong.crt'), path.join(root, 'ping.crt'));
  writeFileSync(path.join(root, 'a', 'b', 'values.yaml'), 'controlPlane:\n  tls:\n    general:\n      caBundle: not-base64!\n');
  const { out, io } = captureIo(root);
  const started = performance.now();
  const status = await runLint(['--format', 'json', root], io);
  console.log(`symlink loop: ${(performance.now() - started).toFixed(0)} ms, exit ${status}`);
  const report = JSON.parse(out.stdout) as { findings: Array<{ file: string; rule: string }> };
  assert.deepEqual([...new Set(report.findings.map((f) => f.file))], ['a/b/values.yaml']);
  assert.ok(status === 0 || status === 1);
});

test('a file deleted between discovery and reading: the run finishes and lints the rest', async () => {
  const root = path.join(temp, 'deleted');
  mkdirSync(root, { recursive: true });
  const doomed = path.join(root, 'doomed.crt');
  writeFileSync(doomed, 'not a certificate\n');
  writeFileSync(path.join(root, 'values.yaml'), 'controlPlane:\n  tls:\n    general:\n      caBundle: not-base64!\n');
  // The CLI opens files with openSync through the module object, so replacing it there reaches it.
  const patchable = fs as { openSync: typeof fs.openSync };
  const open = fs.openSync;
  // Deletes the file at the moment the CLI opens it, after discovery has seen it.
  patchable.openSync = ((...args: Parameters<typeof open>) => {
    if (args[0] === doomed) fs.unlinkSync(doomed);
    return open(...args);
  }) as typeof open;
  try {
    const { out, io } = captureIo(root);
    const status = await runLint(['--format', 'json', root], io);
    const report = JSON.parse(out.stdout) as { findings: Array<{ file: string }> };
    assert.deepEqual([...new Set(report.findings.map((f) => f.file))], ['values.yaml']);
    // Not silent: a note says which file was passed over and why; the exit status is the findings'.
    assert.equal(out.stderr, 'kuma-tls: note: doomed.crt: skipped: it cannot be read (no such file or folder)\n');
    assert.ok(status === 0 || status === 1);
  } finally {
    patchable.openSync = open;
  }
});
