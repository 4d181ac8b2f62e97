// `kuma-tls lint` in-process through main() with a fake CliIo over a temp tree: the JSON
// contract, text and SARIF, --rule, --max-warnings, exit statuses, skipped folders and loops.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { b64, caAndLeaf, secretYaml } from '../lint/fixtures';

let root: string;
const BROKEN_VALUES = 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n';

async function lint(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  const code = await main(['lint', ...args], io);
  return { code, stdout, stderr };
}

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'kuma-tls-lint-'));
  const { ca, leaf } = caAndLeaf();
  mkdirSync(path.join(root, 'deploy', 'helm'), { recursive: true });
  writeFileSync(path.join(root, 'deploy', 'helm', 'values.yaml'), BROKEN_VALUES);
  writeFileSync(path.join(root, 'deploy', 'secret.yaml'), secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(ca.certPem) }));
  writeFileSync(path.join(root, 'deploy', 'app.yaml'), 'name: unrelated\n');
  mkdirSync(path.join(root, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(path.join(root, 'node_modules', 'pkg', 'values.yaml'), BROKEN_VALUES);
  mkdirSync(path.join(root, '.git'));
  writeFileSync(path.join(root, '.git', 'values.yaml'), BROKEN_VALUES);
  symlinkSync(root, path.join(root, 'deploy', 'loop'));
  mkdirSync(path.join(root, 'clean'));
  writeFileSync(path.join(root, 'clean', 'ca.crt'), ca.certPem);
});

after(() => rmSync(root, { recursive: true, force: true }));

test('json: exactly the contract shape, relative / paths, 1-based positions, exit 1 on an error', async () => {
  const { code, stdout } = await lint(['--format', 'json', '.']);
  assert.equal(code, 1);
  const out = JSON.parse(stdout);
  // The contract's one object, plus the column unit the issue asks every format to state.
  assert.deepEqual(Object.keys(out), ['columnUnit', 'findings']);
  assert.equal(out.columnUnit, 'utf16CodeUnits');
  assert.equal(out.findings.length, 1, 'node_modules, .git and the symlink loop are skipped');
  const [finding] = out.findings;
  assert.deepEqual(Object.keys(finding), ['file', 'rule', 'severity', 'message', 'range', 'related']);
  assert.equal(finding.file, 'deploy/helm/values.yaml');
  assert.equal(finding.rule, 'ca-bundle-secret-pair');
  assert.equal(finding.severity, 'error');
  assert.deepEqual(finding.range, { start: { line: 4, column: 7 }, end: { line: 4, column: 36 } });
  assert.deepEqual(finding.related, []);
});

test('paths relative to the current directory, also from a subfolder', async () => {
  const { stdout } = await lint(['--format=json', 'helm'], path.join(root, 'deploy'));
  assert.equal(JSON.parse(stdout).findings[0].file, 'helm/values.yaml');
});

test('text: file:line:col severity rule message', async () => {
  const { code, stdout } = await lint(['deploy/helm/values.yaml']);
  assert.equal(code, 1);
  // Alone, the values file may also get workspace findings (no file defines its Secret).
  assert.match(stdout, /^deploy\/helm\/values\.yaml:4:7 error ca-bundle-secret-pair .+$/m);
});

test('sarif: 2.1.0 with rule metadata and helpUri', async () => {
  const { code, stdout } = await lint(['--format', 'sarif', 'deploy']);
  assert.equal(code, 1);
  const sarif = JSON.parse(stdout);
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'ca-bundle-secret-pair');
  assert.equal(rule.helpUri, 'https://github.com/kuma-tls/vscode-kuma-tls/blob/main/docs/rules/ca-bundle-secret-pair.md');
  assert.equal(run.results.length, 1);
  assert.equal(run.results[0].level, 'error');
  assert.equal(run.tool.driver.rules[run.results[0].ruleIndex].id, 'ca-bundle-secret-pair');
  assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 4, startColumn: 7, endLine: 4, endColumn: 36 });
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'deploy/helm/values.yaml');
});

test('--rule changes severities; --max-warnings turns warnings into exit 1', async () => {
  assert.equal((await lint(['--rule', 'ca-bundle-secret-pair=warning', 'deploy'])).code, 0);
  assert.equal((await lint(['--rule', 'ca-bundle-secret-pair=warning', '--max-warnings', '0', 'deploy'])).code, 1);
  assert.equal((await lint(['--rule', 'ca-bundle-secret-pair=warning', '--max-warnings', '1', 'deploy'])).code, 0);
  const off = await lint(['--rule=ca-bundle-secret-pair=off', '--format', 'json', 'deploy']);
  assert.equal(off.code, 0);
  assert.deepEqual(JSON.parse(off.stdout), { columnUnit: 'utf16CodeUnits', findings: [] });
});

test('a clean folder exits 0 with no output in text format', async () => {
  const { code, stdout } = await lint(['clean']);
  assert.equal(code, 0);
  assert.equal(stdout, '');
});

test('usage errors exit 2 with a message on standard error', async () => {
  for (const args of [[], ['--format', 'xml', '.'], ['--rule', 'no-such-rule=error', '.'], ['--rule', 'cert-weak=loud', '.'], ['--max-warnings', 'many', '.'], ['missing-folder'], ['--bogus', '.']]) {
    const { code, stderr, stdout } = await lint(args);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, /kuma-tls: /);
    assert.equal(stdout, '');
  }
});

test('the text summary counts info findings too', async () => {
  const dir = path.join(root, 'info-only');
  mkdirSync(dir, { recursive: true });
  // secret-not-found is info when the workspace defines none of the Secrets it names.
  writeFileSync(path.join(dir, 'values.yaml'), 'controlPlane:\n  tls:\n    general:\n      secretName: nowhere-tls\n      caBundle: ""\n');
  const result = await lint(['--rule', 'ca-bundle-secret-pair=info', 'values.yaml'], dir);
  assert.match(result.stderr, /(\d+) finding\(s\): 0 error\(s\), 0 warning\(s\), \1 info/);
});

test('a path that does not exist is named as given, not resolved to an absolute or ../ path', async () => {
  const result = await lint(['/does/not/exist']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /cannot lint \/does\/not\/exist: /);
  const relative = await lint(['./missing/values.yaml']);
  assert.match(relative.stderr, /cannot lint \.\/missing\/values\.yaml: /);
});

test('files over the 2 MB cap: a CRD bundle passes silently, a values file is reported skipped, a 40 MB file is reported unread', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kuma-tls-lint-big-'));
  try {
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gateways.example.com\n---\n';
    const MB = 1024 * 1024;
    writeFileSync(path.join(dir, 'crds.yaml'), crd.repeat(Math.ceil((3 * MB) / crd.length)));
    writeFileSync(path.join(dir, 'huge-crds.yaml'), crd.repeat(Math.ceil((40 * MB) / crd.length)));
    writeFileSync(path.join(dir, 'values.yaml'), `controlPlane:\n  mode: zone\n${'# padding\n'.repeat((3 * MB) / 10)}`);
    const { code, stdout } = await lint(['--format', 'json', '.'], dir);
    assert.equal(code, 0);
    const findings = JSON.parse(stdout).findings as Array<{ file: string; rule: string; message: string }>;
    assert.deepEqual(
      findings.map((f) => `${f.file} ${f.rule}`),
      ['huge-crds.yaml file-skipped', 'values.yaml file-skipped'],
    );
    assert.match(findings[0].message, /40\.0 MB, over the 2\.0 MB limit/);
    assert.match(findings[1].message, /3\.0 MB, over the 2\.0 MB limit/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
