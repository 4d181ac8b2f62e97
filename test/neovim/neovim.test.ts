// A second real editor: Neovim's built-in LSP client (Debian's neovim 0.7.2, which only takes
// pushed diagnostics) runs `kuma-tls lsp --stdio` on a copy of examples/, opens a values file,
// and the test reads back the diagnostics and a hover it got.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO, serverCommand } from '../support/lspSession';

interface NeovimResult {
  error?: string;
  arrived: boolean;
  diagnostics: Array<{ line: number; col: number; message: string; source: string; code: string; severity: number }>;
  hover: string | null;
}

test('Neovim opens helm/values.yaml of examples/: ca-bundle-secret-pair on secretName, and the secretName hover', () => {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, 'nvim is installed (.ci/run installs Debian\'s neovim)');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kuma-tls-nvim-'));
  try {
    fs.cpSync(path.join(REPO, 'examples'), root, { recursive: true });
    const values = path.join(root, 'helm', 'values.yaml');
    const lines = fs.readFileSync(values, 'utf8').split('\n');
    const secretLine = lines.findIndex((l) => l.includes('secretName:'));
    const out = path.join(root, 'nvim-result.json');
    const result = spawnSync('nvim', ['--headless', '--clean', '-n', values, '-c', `luafile ${path.join(REPO, 'test', 'neovim', 'attach.lua')}`], {
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        KUMA_TLS_SERVER: serverCommand()[0],
        KUMA_TLS_ROOT: root,
        KUMA_TLS_OUT: out,
        KUMA_TLS_HOVER_LINE: String(secretLine),
        KUMA_TLS_HOVER_CHARACTER: String(lines[secretLine].indexOf('secretName') + 2),
      },
    });
    assert.ok(fs.existsSync(out), `Neovim wrote its result (exit ${result.status}, ${result.stderr || result.stdout})`);
    const got = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult;
    assert.equal(got.error, undefined);
    assert.equal(got.arrived, true, 'diagnostics arrived in Neovim');
    const pair = got.diagnostics.find((d) => d.code === 'ca-bundle-secret-pair');
    assert.ok(pair, JSON.stringify(got.diagnostics));
    assert.equal(pair.source, 'kuma-tls');
    assert.equal(pair.line, secretLine);
    assert.equal(pair.severity, 1, 'an error in Neovim\'s terms');
    assert.match(pair.message, /You need to send both or neither/);
    assert.match(String(got.hover), /\*\*controlPlane\.tls\.general\.secretName\*\* \(kuma Helm chart\)/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
