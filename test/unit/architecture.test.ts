// The core (src/lint, src/pki, src/kuma) must stay editor-free so the CLI and the unit tests
// drive exactly what the editor drives.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CORE = ['src/lint', 'src/pki', 'src/kuma', 'src/cli', 'src/server'];

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

test('core folders never import vscode', () => {
  const files = CORE.flatMap((d) => tsFiles(path.join(ROOT, d)));
  assert.ok(files.length > 0, 'found core sources');
  const offenders = files.filter((file) => /\bfrom\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)/.test(fs.readFileSync(file, 'utf8')));
  assert.deepEqual(offenders.map((f) => path.relative(ROOT, f)), []);
});

test('the core never imports the language server libraries; src/editor never imports the core\'s logic, only its types', () => {
  const core = ['src/lint', 'src/pki', 'src/kuma'].flatMap((d) => tsFiles(path.join(ROOT, d)));
  const lspInCore = core.filter((file) => /from\s+['"]vscode-language(server|client)/.test(fs.readFileSync(file, 'utf8')));
  assert.deepEqual(lspInCore.map((f) => path.relative(ROOT, f)), []);
  // The editor translates: Kuma logic reaches it only through the server (plain data).
  const editor = tsFiles(path.join(ROOT, 'src', 'editor'));
  assert.ok(editor.length > 0);
  const logicImports = editor.filter((file) => /^import\s+(?!type\b)[^;]*from\s+['"]\.\.\/(lint|pki|kuma)\//m.test(fs.readFileSync(file, 'utf8')));
  assert.deepEqual(logicImports.map((f) => path.relative(ROOT, f)), []);
});

test('extension.ts holds wiring only: no Kuma logic, only imports and registration', () => {
  const source = fs.readFileSync(path.join(ROOT, 'src', 'extension.ts'), 'utf8');
  assert.doesNotMatch(source, /controlPlane\.tls|BEGIN CERTIFICATE|KUMA_/, 'Kuma facts live in the core');
});

test('who issued a certificate is decided in one place (src/pki/issuer.ts): no second checkIssued + verify anywhere in src', () => {
  const files = tsFiles(path.join(ROOT, 'src'));
  // Code, not the comments that name the OpenSSL calls the reader is held to.
  const callers = files.filter((file) => fs.readFileSync(file, 'utf8').split('\n').some((line) => !/^\s*(\/\/|\*)/.test(line) && /\.checkIssued\(/.test(line)));
  assert.deepEqual(callers.map((f) => path.relative(ROOT, f)), ['src/pki/issuer.ts']);
});
