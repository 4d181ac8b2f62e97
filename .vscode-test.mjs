// Desktop launcher for the same compiled in-editor suites, for machines that can reach VS Code's
// download (`npm run test:electron`). Offline machines use test/editor/run-code-server.ts.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const workspace = mkdtempSync(join(tmpdir(), 'kuma-tls-ws-'));
cpSync('examples', workspace, { recursive: true });

export default defineConfig({
  label: 'in-editor',
  files: 'out/test/editor/suite/*.test.js',
  // The oldest VS Code the manifest claims (engines.vscode), as stylelint does.
  version: '1.100.3',
  workspaceFolder: workspace,
  mocha: { ui: 'tdd', timeout: 60000 },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
});
