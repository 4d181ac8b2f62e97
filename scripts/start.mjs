// `npm start`: build and package the extension, install it into the local VS Code (code-server),
// and serve examples/ on 127.0.0.1. Ctrl-C stops the editor and everything it started.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const portArg = process.argv.find((a) => a.startsWith('--port='));
const port = Number(portArg ? portArg.slice('--port='.length) : (process.env.PORT ?? 8080));
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`invalid port ${port}: use --port=N or PORT=N with 1-65535`);
  process.exit(2);
}

execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
execFileSync('node', ['scripts/package.mjs'], { cwd: root, stdio: 'inherit' });

const require = createRequire(import.meta.url);
const { startEditor, codeServerCli, embeddedVsCodeVersion } = require(join(root, 'out/test/support/codeServer.js'));
const state = join(root, '.vscode-test', 'start');
const userDataDir = join(state, 'user-data');
const extensionsDir = join(state, 'extensions');
mkdirSync(userDataDir, { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
const folder = join(root, 'examples');

// Installed before the server starts: a running server does not pick up new extensions.
codeServerCli(['--install-extension', join(root, 'out/kuma-tls.vsix'), '--force'], { userDataDir, extensionsDir });
const editor = await startEditor({ port, folder, userDataDir, extensionsDir });
console.log(`\nKuma TLS is running in VS Code ${embeddedVsCodeVersion()} with examples/ open:\n\n  ${editor.url}/?folder=${encodeURIComponent(folder)}\n\nPress Ctrl-C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the editor…');
  await editor.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Keep the process alive while the detached editor runs.
setInterval(() => undefined, 1 << 30);
