// Activation of the built extension (dist/extension.js, as packaged) in a real VS Code
// (code-server in Chromium), beside an empty extension's activation in the same extension
// host. The workspace is an empty folder, so nothing activates the extension before the probe.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { launchBrowser } from '../test/support/browser';
import { REPO_ROOT, embeddedVsCodeVersion, startEditor } from '../test/support/codeServer';
import type { BenchRow } from './pki-generate';

export interface ActivationResult {
  rows: BenchRow[];
  vscodeVersion: string;
}

interface ProbeReport {
  vscodeVersion: string;
  wasActive: boolean;
  wallMs: number;
  activateMs: number | null;
  emptyMs: number;
}

const TIMEOUT_MS = 180_000;

export async function runActivationBench(): Promise<ActivationResult> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'kuma-tls-activation-'));
  const workspace = path.join(scratch, 'workspace');
  const emptyMain = path.join(scratch, 'empty-extension.js');
  mkdirSync(workspace);
  writeFileSync(emptyMain, 'exports.activate = function activate() { return {}; };\nexports.deactivate = function deactivate() {};\n');
  process.env.KUMA_TLS_BENCH_EMPTY_EXTENSION = emptyMain;
  const editor = await startEditor({ folder: workspace });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let report: ProbeReport | undefined;
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      if (line.startsWith('ACTIVATION ')) report = JSON.parse(line.slice('ACTIVATION '.length)) as ProbeReport;
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${editor.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(path.join(REPO_ROOT, 'out', 'bench', 'activation-probe.js'))],
    ]);
    await page.goto(`${editor.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), TIMEOUT_MS).unref());
    const code = await Promise.race([exited, timeout]);
    if (code !== 0 || !report) throw new Error(`activation probe failed (exit ${code}):\n${editor.log().slice(-3000)}`);
    const measured = report;
    return {
      vscodeVersion: measured.vscodeVersion || embeddedVsCodeVersion(),
      rows: [
        {
          name: `activation: activate() as timed by the extension${measured.wasActive ? ' (already active before the probe)' : ''}`,
          value: round(measured.activateMs ?? NaN),
          unit: 'ms',
          baseline: 'empty extension: require + activate() in the same extension host',
          baselineValue: round(measured.emptyMs),
        },
        {
          name: 'activation: extension.activate() from cold, wall (load dist/extension.js + activate)',
          value: round(measured.wallMs),
          unit: 'ms',
          baseline: 'empty extension: require + activate() in the same extension host',
          baselineValue: round(measured.emptyMs),
        },
      ],
    };
  } finally {
    await browser.close().catch(() => undefined);
    await editor.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

if (require.main === module) {
  runActivationBench().then(
    (result) => {
      console.log(`VS Code ${result.vscodeVersion}`);
      for (const row of result.rows) console.log(`${row.name}: ${row.value} ${row.unit} | ${row.baseline}: ${row.baselineValue} ${row.unit}`);
      process.exit(0);
    },
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
