// `npm start`: build and package the extension, install it into the local VS Code (code-server),
// and serve examples/ on 127.0.0.1. Ctrl-C stops the editor and everything it started.
//
// A second run with nothing changed goes straight to the URL: the build and the package are
// redone only when one of their inputs changed (path, size and mtime of every input file), and
// the .vsix is reinstalled only when its bytes changed. Tool output is kept out of the terminal
// unless a step fails; what a person sees is the URL, and progress while something slow runs.
//
// Flags: --port=N (or PORT=N), --rebuild (ignore the record of the last build),
// --exit-when-ready (stop the editor once the URL answers; the bench times runs with it).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const started = Date.now();
const portArg = process.argv.find((a) => a.startsWith('--port='));
const port = Number(portArg ? portArg.slice('--port='.length) : (process.env.PORT ?? 8080));
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`invalid port ${port}: use --port=N or PORT=N with 1-65535`);
  process.exit(2);
}
const rebuild = process.argv.includes('--rebuild');
const exitWhenReady = process.argv.includes('--exit-when-ready');

const state = join(root, '.vscode-test', 'start');
const record = join(state, 'last-build.json');
const vsix = join(root, 'out', 'kuma-tls.vsix');
const userDataDir = join(state, 'user-data');
const extensionsDir = join(state, 'extensions');
mkdirSync(userDataDir, { recursive: true });
mkdirSync(extensionsDir, { recursive: true });

/** Everything the compiled output and the .vsix are made from. */
const INPUTS = ['src', 'test/support', 'scripts/package.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'webpack.config.js', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media', 'snippets', 'syntaxes', 'schemas', 'docs/rules'];

function filesOf(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  const stat = statSync(full);
  if (!stat.isDirectory()) return [full];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => filesOf(join(path, entry.name)));
}

/** Path, size and mtime of every input: cheap (no file is read) and changes with any edit. */
function inputsFingerprint() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesOf).sort()) {
    const stat = statSync(file);
    hash.update(`${relative(root, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function fileHash(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function readRecord() {
  try {
    return JSON.parse(readFileSync(record, 'utf8'));
  } catch {
    return {};
  }
}

/** Runs a build tool with its output captured; shown only when it fails. */
function quietly(label, command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    process.stdout.write(`\n${result.stdout ?? ''}${result.stderr ?? ''}`);
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

const previous = readRecord();
const fingerprint = inputsFingerprint();
const built = existsSync(vsix) && existsSync(join(root, 'out/test/support/codeServer.js'));
if (rebuild || !built || previous.inputs !== fingerprint) {
  const step = Date.now();
  process.stdout.write(built ? 'Sources changed: compiling and packaging the extension… ' : 'Compiling and packaging the extension… ');
  quietly('tsc', 'npx', ['tsc', '-p', '.']);
  quietly('packaging', process.execPath, ['scripts/package.mjs']);
  console.log(`done in ${seconds(step)}.`);
} else {
  console.log('Nothing changed since the last build: using out/kuma-tls.vsix.');
}
// Fingerprinted after the build too: the build itself may touch no input, but a file edited
// while it ran must make the next start build again.
const vsixHash = fileHash(vsix);
writeFileSync(record, JSON.stringify({ ...previous, inputs: fingerprint }, null, 2));

const require = createRequire(import.meta.url);
const { startEditor, codeServerCli, embeddedVsCodeVersion, editorDir } = require(join(root, 'out/test/support/codeServer.js'));

if (!existsSync(join(editorDir(), '.installed'))) {
  await installEditor();
}

const installed = existsSync(extensionsDir) && readdirSync(extensionsDir).some((name) => name.startsWith('kuma-tls.kuma-tls-'));
if (!installed || previous.installedVsix !== vsixHash) {
  // Installed before the server starts: a running server does not pick up new extensions.
  const step = Date.now();
  process.stdout.write('Installing the extension into the editor… ');
  codeServerCli(['--install-extension', vsix, '--force'], { userDataDir, extensionsDir });
  console.log(`done in ${seconds(step)}.`);
  writeFileSync(record, JSON.stringify({ ...readRecord(), installedVsix: vsixHash }, null, 2));
}

const folder = join(root, 'examples');
const editor = await startEditor({ port, folder, userDataDir, extensionsDir });
console.log(`\nKuma TLS is running in VS Code ${embeddedVsCodeVersion()} with examples/ open (ready after ${seconds(started)}):\n\n  ${editor.url}/?folder=${encodeURIComponent(folder)}\n\nPress Ctrl-C to stop.`);

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
if (exitWhenReady) await stop();
// Keep the process alive while the detached editor runs.
setInterval(() => undefined, 1 << 30);

/** First run only: the editor download and install, with a line of progress every 15 s. */
async function installEditor() {
  const step = Date.now();
  console.log(`Installing VS Code (code-server) into ${relative(root, editorDir())}/ once; this takes about 3 minutes on 2 cores…`);
  const child = spawn('bash', [join(root, 'scripts', 'install-editor.sh')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const ticker = setInterval(() => console.log(`  … still installing the editor (${seconds(step)})`), 15_000);
  const status = await new Promise((resolveStatus) => child.once('exit', (code) => resolveStatus(code)));
  clearInterval(ticker);
  if (status !== 0) {
    process.stdout.write(output);
    console.error(`\nInstalling the editor failed (exit ${status}); see the output above. Run npm run install:editor to retry.`);
    process.exit(1);
  }
  console.log(`Editor installed in ${seconds(step)}.`);
}
