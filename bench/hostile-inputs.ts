// Issue 10's small hostile inputs at 1/4, 1/2 and full size: `kuma-tls lint FILE` in a child
// process (wall time, peak RSS) beside a baseline of the same text in the same run (read and
// `yaml` parseAllDocuments for YAML, a plain read otherwise), and the growth exponent from 1/4 to
// full size (1 = linear, 2 = quadratic). Not a test: it reports, it asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { runLint } from '../src/cli/lint';
import { HOSTILE_INPUTS } from '../test/unit/hostile/inputs';
import type { BenchRow } from './pki-generate';
import { peakRssKb } from './peak-rss';

const SCALES = [0.25, 0.5, 1];

interface Measured {
  wallMs: number;
  maxRssMb: number;
}

/** Runs this script as a child in `mode` on `file`; the child reports its own peak RSS. */
function child(mode: '--child-lint' | '--child-baseline', file: string): Measured {
  const started = performance.now();
  const result = spawnSync(process.execPath, [__filename, mode, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`child ${mode} ${path.basename(file)} failed: ${result.stderr.slice(0, 300)}`);
  const reported = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { maxRssKb: number };
  return { wallMs, maxRssMb: reported.maxRssKb / 1024 };
}

async function childLint(file: string): Promise<void> {
  let output = 0;
  await runLint([file], { stdout: (t) => void (output += t.length), stderr: () => undefined, cwd: path.dirname(file) });
  console.log(JSON.stringify({ maxRssKb: peakRssKb(), output }));
}

function childBaseline(file: string): void {
  const text = readFileSync(file, 'utf8');
  const documents = file.endsWith('.yaml') ? parseAllDocuments(text).length : 0;
  console.log(JSON.stringify({ maxRssKb: peakRssKb(), documents }));
}

function exponent(small: number, large: number, ratio: number): number {
  return Math.log(large / small) / Math.log(ratio);
}

export function runHostileInputsBench(): BenchRow[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'kuma-tls-hostile-bench-'));
  const rows: BenchRow[] = [];
  try {
    for (const input of HOSTILE_INPUTS) {
      const lint: Measured[] = [];
      const baseline: Measured[] = [];
      for (const scale of SCALES) {
        const file = path.join(dir, `${scale}-${input.file}`);
        const text = input.text(scale);
        writeFileSync(file, text);
        baseline.push(child('--child-baseline', file));
        lint.push(child('--child-lint', file));
        console.log(`${input.name} at ${scale}: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MB, lint ${lint.at(-1)!.wallMs.toFixed(0)} ms ${lint.at(-1)!.maxRssMb.toFixed(0)} MB | baseline ${baseline.at(-1)!.wallMs.toFixed(0)} ms ${baseline.at(-1)!.maxRssMb.toFixed(0)} MB`);
      }
      const growth = exponent(lint[0].wallMs, lint[2].wallMs, SCALES[2] / SCALES[0]);
      const baselineGrowth = exponent(baseline[0].wallMs, baseline[2].wallMs, SCALES[2] / SCALES[0]);
      const what = `baseline: ${input.file.endsWith('.yaml') ? 'read + yaml parseAllDocuments' : 'read'} (child process)`;
      rows.push({ name: `hostile ${input.name}: kuma-tls lint (child process, wall; growth exponent ${growth.toFixed(2)}, baseline ${baselineGrowth.toFixed(2)})`, value: round(lint[2].wallMs), unit: 'ms', baseline: what, baselineValue: round(baseline[2].wallMs) });
      rows.push({ name: `hostile ${input.name}: kuma-tls lint (peak RSS)`, value: round(lint[2].maxRssMb), unit: 'MB', baseline: what, baselineValue: round(baseline[2].maxRssMb) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (require.main === module) {
  const [mode, file] = process.argv.slice(2);
  if (mode === '--child-lint') void childLint(file);
  else if (mode === '--child-baseline') childBaseline(file);
  else {
    for (const row of runHostileInputsBench()) {
      console.log(`${row.name}: ${row.value} ${row.unit}  |  ${row.baseline}: ${row.baselineValue} ${row.unit}  |  ratio ${(row.value / row.baselineValue).toFixed(2)}x`);
    }
  }
}
