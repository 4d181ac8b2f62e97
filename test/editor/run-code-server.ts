// Runs the in-editor suites inside a real VS Code: code-server's workbench in Chromium loads
// this extension in development mode and runs test/editor/suite/index.js, the same entry
// @vscode/test-electron uses (see .vscode-test.mjs for the desktop launcher).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT, embeddedVsCodeVersion, startEditor } from '../support/codeServer';

const TIMEOUT_MS = Number(process.env.KUMA_TLS_EDITOR_TIMEOUT_MS ?? 10 * 60_000);

/** A throw-away copy of examples/ so tests may write and edit files freely. */
function workspaceCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuma-tls-ws-'));
  fs.cpSync(path.join(REPO_ROOT, 'examples'), dir, { recursive: true });
  return dir;
}

async function main(): Promise<number> {
  const workspace = workspaceCopy();
  const editor = await startEditor({ folder: workspace });
  const browser = await launchBrowser();
  try {
    console.log(`In-editor tests: VS Code ${embeddedVsCodeVersion()} (code-server) at ${editor.url}, workspace ${workspace}`);
    const page = await browser.newPage();
    let suitesStarted = false;
    const startupLog: string[] = [];
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The extension host forwards console calls with their format string first (mocha uses %s/%d).
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      // The workbench's own start-up chatter (marketplace lookups, unbuilt optional natives) is
      // kept back and shown only if the run fails; the suites' output streams through.
      if (!suitesStarted && line.startsWith('Running in-editor suites')) suitesStarted = true;
      if (suitesStarted) (type === 'error' ? console.error : console.log)(line);
      else startupLog.push(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${editor.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(path.join(REPO_ROOT, 'out', 'test', 'editor', 'suite', 'index.js'))],
    ]);
    await page.goto(`${editor.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        console.error(`In-editor tests did not finish within ${TIMEOUT_MS / 1000} s.\n--- code-server log ---\n${editor.log()}`);
        resolve(1);
      }, TIMEOUT_MS).unref(),
    );
    const code = await Promise.race([exited, timeout]);
    if (code !== 0) {
      if (!suitesStarted) console.error(`--- workbench log before the suites ---\n${startupLog.join('\n')}`);
      console.error(`In-editor tests failed (exit ${code}).`);
    }
    return code;
  } finally {
    await browser.close().catch(() => undefined);
    await editor.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // Fail, never skip, when the editor cannot be started.
    console.error(`In-editor tests could not run: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
