// Starts a real VS Code (code-server: VS Code's own server and extension host) on loopback.
// Shared by the in-editor test runner, the UI tests and `npm start`.
// Recipe: shared/notes/real-editor-tests.md.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'scripts', 'install-editor.sh'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the repository root above ${from}`);
    dir = parent;
  }
  return dir;
}

export function editorDir(): string {
  return process.env.KUMA_TLS_EDITOR_DIR ?? path.join(REPO_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
}

function entryScript(): string {
  return path.join(editorDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** Installs the editor into the ignored cache on first use; later runs reuse it. */
export function ensureEditorInstalled(): void {
  if (fs.existsSync(path.join(editorDir(), '.installed')) && fs.existsSync(entryScript())) return;
  const result = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-editor.sh')], {
    stdio: 'inherit',
    env: { ...process.env, CODE_SERVER_VERSION, KUMA_TLS_EDITOR_DIR: editorDir() },
  });
  if (result.status !== 0) throw new Error(`installing code-server ${CODE_SERVER_VERSION} failed (exit ${result.status})`);
}

/** The VS Code version code-server embeds, read from its product file. */
export function embeddedVsCodeVersion(): string {
  const pkg = path.join(editorDir(), 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningEditor {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** Ends code-server and every child it started (extension host, watcher). */
  stop(): Promise<void>;
  /** Everything code-server printed, for failure reports. */
  log(): string;
}

export interface StartOptions {
  port?: number;
  /** Folder opened by default (the workbench URL carries it too). */
  folder?: string;
  /** Keep state between runs (npm start); tests use throw-away folders. */
  userDataDir?: string;
  extensionsDir?: string;
  /** Print code-server's output as it comes. */
  verbose?: boolean;
  /** Extra user settings written before start. */
  settings?: Record<string, unknown>;
}

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Light Modern',
};

export function codeServerCli(args: string[], opts: { extensionsDir: string; userDataDir: string }): string {
  ensureEditorInstalled();
  const result = spawnSync(
    process.execPath,
    [entryScript(), '--user-data-dir', opts.userDataDir, '--extensions-dir', opts.extensionsDir, ...args],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`code-server ${args.join(' ')} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

export async function startEditor(options: StartOptions = {}): Promise<RunningEditor> {
  ensureEditorInstalled();
  const port = options.port ?? (await freePort());
  const userDataDir = options.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kuma-tls-user-'));
  const extensionsDir = options.extensionsDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kuma-tls-ext-'));
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  if (!fs.existsSync(settingsFile) || options.settings) {
    fs.writeFileSync(settingsFile, JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2));
  }
  const args = [
    entryScript(),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.folder ? [options.folder] : []),
  ];
  // Own process group: code-server forks an extension host and a file watcher, and the whole
  // group must end with the run or the next run finds the port taken.
  const child: ChildProcess = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VSCODE_PROXY_URI: '' },
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString();
    output += text;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (options.verbose) process.stdout.write(text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const stop = async (): Promise<void> => {
    if (exited || child.pid === undefined) return;
    const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    await ended;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited during start-up:\n${output}`);
    if (await isServing(url)) return { url, port, userDataDir, extensionsDir, stop, log: () => output };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
}

async function isServing(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`);
    return response.ok;
  } catch {
    return false;
  }
}
