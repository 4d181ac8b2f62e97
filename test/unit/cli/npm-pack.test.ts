// The CLI package as users get it before it is on the registry: `npm pack` makes a tarball of
// the bundled CLI (no sources, no dependencies to fetch), and `npm install -g` of that tarball
// into a throwaway prefix, offline, gives a `kuma-tls` that runs and lints. Needs the bundle
// (`npm test` builds it in pretest; alone: `npm run build:dev`).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';

const repoRoot = path.resolve(__dirname, '../../../..');
const bundled = existsSync(path.join(repoRoot, 'dist', 'cli.js'));
let scratch: string;
let tarball: string;
let files: string[];

before(() => {
  if (!bundled) return;
  scratch = mkdtempSync(path.join(tmpdir(), 'kuma-tls-pack-'));
  // The bundle is built already; prepack (a production build) is what a release runs.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: repoRoot, encoding: 'utf8' })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(scratch, packed[0].filename);
  files = packed[0].files.map((f) => f.path);
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('npm pack: the bundled CLI, its docs and schemas; no sources, tests or editor bundle', { skip: bundled ? false : 'dist/cli.js is not built (npm run build:dev)' }, () => {
  assert.ok(files.includes('dist/cli.js'));
  assert.ok(files.some((f) => /^dist\/cli-lint\.js$/.test(f)), 'the lint chunk');
  assert.ok(files.includes('docs/rules/cert-expiring.md'));
  assert.ok(files.includes('schemas/kuma-tls-config.schema.json'));
  assert.deepEqual(files.filter((f) => /^(src|test|out|node_modules|bench)\//.test(f) || f.endsWith('.map') || f === 'dist/extension.js'), []);
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  assert.equal(manifest.dependencies, undefined, 'everything is bundled: installing fetches nothing');
  assert.equal(manifest.scripts.prepack, 'npm run build');
});

test('npm install -g of the tarball (offline, temp prefix) gives a kuma-tls that runs and lints', { skip: bundled ? false : 'dist/cli.js is not built (npm run build:dev)' }, () => {
  const prefix = path.join(scratch, 'prefix');
  execFileSync('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { cwd: scratch, encoding: 'utf8' });
  const bin = path.join(prefix, 'bin', 'kuma-tls');
  const help = spawnSync(bin, ['--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /kuma-tls lint/);
  writeFileSync(path.join(scratch, 'values.yaml'), 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n');
  const lint = spawnSync(bin, ['lint', 'values.yaml'], { cwd: scratch, encoding: 'utf8' });
  assert.equal(lint.status, 1, lint.stderr);
  assert.match(lint.stdout, /^values\.yaml:4:7 error ca-bundle-secret-pair /m);
  const rules = spawnSync(bin, ['rules', '--format', 'json'], { encoding: 'utf8' });
  assert.equal(rules.status, 0, rules.stderr);
  assert.ok(JSON.parse(rules.stdout).rules.length > 20);
});
