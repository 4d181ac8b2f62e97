// Runs the in-editor suites in desktop VS Code through @vscode/test-electron, with the same
// run() index the code-server launcher uses. Needs VS Code's download to be reachable
// (offline machines use run-code-server.ts); `npm run test:electron` uses @vscode/test-cli.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kuma-tls-ws-'));
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { vscode: string } };
  await runTests({
    // The oldest VS Code the manifest claims.
    version: manifest.engines.vscode.replace(/^\^/, '').replace(/\.0$/, '.3'),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'test', 'editor', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error) => {
  console.error(`In-editor tests (desktop VS Code) failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
