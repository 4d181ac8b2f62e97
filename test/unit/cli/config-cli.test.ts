// The CLI where linters run: .kuma-tls.yaml discovery (up to the repository root), an invalid
// config as exit 2 with its key and line, --config, --print-config, .gitignore and --no-ignore,
// standard input with --stdin-filename, `kuma-tls rules`, --expiry-window, and an expiring
// certificate that fails CI when configured to (and says so when it does not).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { allRuleMeta } from '../../../src/lint/rules';
import { makeCert } from '../lint/fixtures';

const DAY = 24 * 60 * 60 * 1000;
const BROKEN_PEM = '-----BEGIN CERTIFICATE-----\nnotbase64!!\n-----END CERTIFICATE-----\n';
let repo: string;
let expiringPem: string;

async function run(args: string[], cwd = repo, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, ...(stdin !== undefined ? { stdin: async () => Buffer.from(stdin) } : {}) };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function write(relative: string, text: string, root = repo): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), text);
}

function filesOf(stdout: string): string[] {
  return [...new Set((JSON.parse(stdout).findings as Array<{ file: string }>).map((f) => f.file))].sort();
}

before(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'kuma-tls-config-cli-'));
  execFileSync('git', ['init', '-q', repo]);
  // The CLI reads the real clock: a certificate that expires in ten days from now. Its lifetime
  // is 60 days, so a sixth remains: the lifetime fraction (default a tenth) does not fire, and the
  // day window alone decides.
  expiringPem = makeCert({ notBefore: new Date(Date.now() - 50 * DAY), notAfter: new Date(Date.now() + 10 * DAY) }).certPem;
  write('.gitignore', 'broken-fixtures/\n');
  write('broken-fixtures/a.pem', BROKEN_PEM);
  write('broken-fixtures/deep/b.crt', BROKEN_PEM);
  write('certs/expiring.crt', expiringPem);
});

after(() => rmSync(repo, { recursive: true, force: true }));

test('a .gitignored folder of broken certificates yields nothing; --no-ignore finds them', async () => {
  const ignored = await run(['lint', '--format', 'json', '.']);
  assert.deepEqual(filesOf(ignored.stdout), ['certs/expiring.crt']);
  const all = await run(['lint', '--format', 'json', '--no-ignore', '.']);
  assert.deepEqual(filesOf(all.stdout), ['broken-fixtures/a.pem', 'broken-fixtures/deep/b.crt', 'certs/expiring.crt']);
  // A file named on the command line is linted whatever .gitignore says (what pre-commit passes).
  assert.deepEqual(filesOf((await run(['lint', '--format', 'json', 'broken-fixtures/a.pem'])).stdout), ['broken-fixtures/a.pem']);
});

test('an expiring certificate: a warning that says how to fail CI; --max-warnings 0 or the config make it fail', async () => {
  const plain = await run(['lint', 'certs']);
  assert.equal(plain.code, 0);
  assert.match(plain.stdout, /^certs\/expiring\.crt:\d+:\d+ warning cert-expiring /m);
  assert.match(plain.stderr, /do not fail this run; --max-warnings 0, or the rule at "error" in \.kuma-tls\.yaml/);
  assert.match(plain.stderr, /cert-expiring: https:\/\/\S+\/docs\/rules\/cert-expiring\.md/, 'the rule docs link of a finding');
  assert.equal((await run(['lint', '--max-warnings', '0', 'certs'])).code, 1);
  const dir = mkdtempSync(path.join(repo, 'cfg-'));
  write('.kuma-tls.yaml', 'rules:\n  cert-expiring: error\n', dir);
  write('expiring.crt', expiringPem, dir);
  const configured = await run(['lint', path.basename(dir)]);
  assert.equal(configured.code, 1);
  assert.match(configured.stdout, /error cert-expiring/);
  // A flag wins over the file.
  assert.equal((await run(['lint', '--rule', 'cert-expiring=warning', path.basename(dir)])).code, 0);
  // --expiry-window: nine days is too short a window for a certificate with ten left.
  assert.equal((await run(['lint', '--expiry-window', '9', path.basename(dir)])).stdout, '');
  assert.equal((await run(['lint', '--expiry-window', '9d', path.basename(dir)])).stdout, '');
  assert.equal((await run(['lint', '--expiry-window', 'soon', 'certs'])).code, 2);
  rmSync(dir, { recursive: true, force: true });
});

test('config files are found from the repository root down, the nearest wins, ignore and overrides apply', async () => {
  const dir = mkdtempSync(path.join(repo, 'tree-'));
  const name = path.basename(dir);
  write('.kuma-tls.yaml', `ignore: [${name}/skipped/]\nrules: {pem-malformed: "off"}\n`);
  write('team/.kuma-tls.yaml', 'overrides:\n  - files: "strict/**"\n    rules: {pem-malformed: error}\n', dir);
  write('skipped/a.pem', BROKEN_PEM, dir);
  write('quiet.pem', BROKEN_PEM, dir);
  write('team/default.pem', BROKEN_PEM, dir);
  write('team/strict/a.pem', BROKEN_PEM, dir);
  try {
    // Linting the subfolder still reads the repository root's config (its ignore and rules).
    const { stdout } = await run(['lint', '--format', 'json', '.'], dir);
    const findings = JSON.parse(stdout).findings as Array<{ file: string; severity: string }>;
    assert.deepEqual(findings.map((f) => [f.file, f.severity]), [
      ['team/default.pem', 'warning'],
      ['team/strict/a.pem', 'error'],
    ]);
    const printed = JSON.parse((await run(['lint', '--print-config', 'team/strict/a.pem'], dir)).stdout);
    assert.deepEqual(printed, { file: 'team/strict/a.pem', configFile: 'team/.kuma-tls.yaml', ignored: false, options: { severities: { 'pem-malformed': 'error' } } });
    assert.equal(JSON.parse((await run(['lint', '--print-config', 'skipped/a.pem'], dir)).stdout).ignored, true);
    // --config replaces discovery.
    write('ci.yaml', 'rules: {pem-malformed: info}\n', dir);
    const explicit = JSON.parse((await run(['lint', '--format', 'json', '--config', 'ci.yaml', '.'], dir)).stdout).findings as Array<{ severity: string }>;
    assert.equal(explicit.length, 4);
    assert.ok(explicit.every((f) => f.severity === 'info'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(path.join(repo, '.kuma-tls.yaml'));
  }
});

test('an invalid config file: exit 2, its path, line, column and key on standard error', async () => {
  const dir = mkdtempSync(path.join(repo, 'bad-'));
  write('.kuma-tls.yaml', 'rules:\n  cert-expiring: error\n  cert-expird: "off"\n', dir);
  write('a.pem', BROKEN_PEM, dir);
  try {
    const result = await run(['lint', '.'], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'kuma-tls: invalid config .kuma-tls.yaml:3:3: rules.cert-expird: unknown rule id, did you mean cert-expired?\n');
    write('ci.yaml', 'expiry: {days: soon}\n', dir);
    const explicit = await run(['lint', '--config', 'ci.yaml', '.'], dir);
    assert.equal(explicit.code, 2);
    assert.match(explicit.stderr, /ci\.yaml:1:16: expiry\.days: "soon" is not a number of days/);
    assert.equal((await run(['lint', '--config', 'missing.yaml', '.'], dir)).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('standard input: lint - with --stdin-filename, linted as that file (kind, config, workspace)', async () => {
  const result = await run(['lint', '--format', 'json', '--stdin-filename', 'certs/expiring.crt', '-'], repo, BROKEN_PEM);
  const findings = JSON.parse(result.stdout).findings as Array<{ file: string; rule: string }>;
  assert.deepEqual(findings.map((f) => [f.file, f.rule]), [['certs/expiring.crt', 'pem-malformed']], 'the content read replaces the file on disk');
  assert.equal((await run(['lint', '-'], repo, BROKEN_PEM)).code, 2, 'the name is needed to know the kind');
  assert.equal((await run(['lint', '--stdin-filename', 'x.pem', 'certs'], repo, BROKEN_PEM)).code, 2, '--stdin-filename without -');
  const withFolder = await run(['lint', '--format', 'json', '--stdin-filename', 'new.pem', '-', 'certs'], repo, BROKEN_PEM);
  assert.deepEqual(filesOf(withFolder.stdout), ['certs/expiring.crt', 'new.pem']);
});

test('kuma-tls rules: every rule with default severity, summary and docs link; json too', async () => {
  const json = await run(['rules', '--format', 'json']);
  assert.equal(json.code, 0);
  const rules = JSON.parse(json.stdout).rules as Array<{ id: string; defaultSeverity: string; summary: string; docs: string }>;
  assert.deepEqual(rules.map((r) => r.id), allRuleMeta().map((r) => r.id));
  for (const rule of rules) {
    assert.match(rule.defaultSeverity, /^(error|warning|info)$/);
    assert.ok(rule.summary.length > 10);
    assert.equal(rule.docs, `https://github.com/kuma-tls/vscode-kuma-tls/blob/main/docs/rules/${rule.id}.md`);
  }
  const text = await run(['rules']);
  assert.match(text.stdout, /^cert-expiring +warning +\S/m);
  assert.equal((await run(['rules', '--format', 'sarif'])).code, 2);
});
