// Runs the lint engine on mutated seeds the way the editor and the CLI do: bytes and decoded
// text through LintWorkspace.setDocument, lint of the file, and now and then lintAll so the
// cross-file rules see damaged neighbours. Any exception or internal-error is a crash.
import { performance } from 'node:perf_hooks';
import { LintWorkspace } from '../../src/lint/workspace';
import { mutate } from './mutate';
import { seededRandom } from './prng';
import { Seed } from './corpus';

export interface FuzzOptions {
  seed: number;
  /** 0: run until stopped. */
  iterations: number;
  seeds: readonly Seed[];
  /** Budget for a 100 kB input; smaller and larger inputs get a proportional one (at least this). */
  budgetMsPer100kB?: number;
  /** Pins the clock so certificate validity does not drift between replays. */
  now?: Date;
  onCrash?: (crash: FuzzCrash) => void;
  onProgress?: (report: FuzzReport) => void;
  onInput?: (timing: FuzzInputTiming) => void;
  /** An input over ten times its budget, with its bytes (to keep it for a look). */
  onSlow?: (input: FuzzCrash) => void;
  shouldStop?: () => boolean;
}

export interface FuzzCrash {
  iteration: number;
  path: string;
  mutations: string[];
  bytes: Buffer;
  error: string;
}

export interface FuzzInputTiming {
  iteration: number;
  path: string;
  bytes: number;
  ms: number;
  mutations: string[];
}

export interface FuzzReport {
  inputs: number;
  crashes: FuzzCrash[];
  slowest: FuzzInputTiming | null;
  overBudget: FuzzInputTiming[];
  totalMs: number;
}

export function budgetFor(bytes: number, msPer100kB: number): number {
  return Math.max(msPer100kB, (bytes / 100_000) * msPer100kB);
}

function crashMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Lints one input as bytes and as (lossily decoded) text; returns the crash description or null. */
export function lintOnce(workspace: LintWorkspace, path: string, bytes: Buffer): string | null {
  try {
    for (const content of [bytes, bytes.toString('utf8')]) {
      workspace.setDocument(path, content);
      const internal = workspace.lint(path).filter((f) => f.rule === 'internal-error');
      if (internal.length > 0) return internal.map((f) => f.message).join('; ');
    }
    return null;
  } catch (error) {
    return crashMessage(error);
  }
}

export function runFuzz(options: FuzzOptions): FuzzReport {
  const random = seededRandom(options.seed);
  const budget = options.budgetMsPer100kB ?? 250;
  const workspace = new LintWorkspace({ now: options.now ?? new Date('2026-11-27T12:00:00Z') });
  for (const seed of options.seeds) workspace.setDocument(seed.path, seed.bytes);
  const report: FuzzReport = { inputs: 0, crashes: [], slowest: null, overBudget: [], totalMs: 0 };
  const started = performance.now();
  for (let iteration = 0; options.iterations === 0 || iteration < options.iterations; iteration++) {
    if (options.shouldStop?.()) break;
    const seed = random.pick(options.seeds);
    const { bytes, applied } = mutate(seed.bytes, random);
    const inputStart = performance.now();
    let error = lintOnce(workspace, seed.path, bytes);
    if (!error && iteration % 10 === 9) error = lintAllCrash(workspace);
    const ms = performance.now() - inputStart;
    report.inputs++;
    const timing = { iteration, path: seed.path, bytes: bytes.length, ms, mutations: applied };
    options.onInput?.(timing);
    if (!report.slowest || ms > report.slowest.ms) report.slowest = timing;
    if (ms > budgetFor(bytes.length, budget)) report.overBudget.push(timing);
    if (ms > 10 * budgetFor(bytes.length, budget)) options.onSlow?.({ iteration, path: seed.path, mutations: applied, bytes, error: `${ms.toFixed(0)} ms` });
    if (error) {
      const crash = { iteration, path: seed.path, mutations: applied, bytes, error };
      report.crashes.push(crash);
      options.onCrash?.(crash);
    }
    // The next input starts from the intact seed, so damage does not pile up across iterations.
    workspace.setDocument(seed.path, seed.bytes);
    if (options.onProgress && iteration % 1000 === 999) options.onProgress({ ...report, totalMs: performance.now() - started });
  }
  report.totalMs = performance.now() - started;
  return report;
}

function lintAllCrash(workspace: LintWorkspace): string | null {
  try {
    for (const findings of workspace.lintAll().values()) {
      const internal = findings.filter((f) => f.rule === 'internal-error');
      if (internal.length > 0) return `lintAll: ${internal[0].message}`;
    }
    return null;
  } catch (error) {
    return `lintAll: ${crashMessage(error)}`;
  }
}
