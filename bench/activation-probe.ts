// Runs inside the extension host (loaded as extensionTestsPath by bench/activation.ts): times
// this extension's activation from cold, and an empty extension's (require + activate) in the
// same host as the baseline, then prints one ACTIVATION line for the runner.
import * as vscode from 'vscode';
import { performance } from 'node:perf_hooks';

const EXTENSION_ID = 'kuma-tls.kuma-tls';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ activationTimeMs?: number }>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const wasActive = extension.isActive;
  const started = performance.now();
  const api = await extension.activate();
  const wallMs = performance.now() - started;

  const emptyMain = process.env.KUMA_TLS_BENCH_EMPTY_EXTENSION;
  if (!emptyMain) throw new Error('KUMA_TLS_BENCH_EMPTY_EXTENSION is not set');
  const emptyStarted = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(emptyMain) as { activate(): unknown }).activate();
  const emptyMs = performance.now() - emptyStarted;

  console.log(`ACTIVATION ${JSON.stringify({ vscodeVersion: vscode.version, wasActive, wallMs, activateMs: api?.activationTimeMs ?? null, emptyMs })}`);
}
