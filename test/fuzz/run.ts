// The fuzzer by hand: `node out/test/fuzz/run.js [--iterations N] [--seed N] [--budget MS]`.
// --writes fuzzes the transactional writer instead: recipe writes with one injected failure each.
// --key-leak checks that no output of linting mutated key-bearing workspaces holds 16 characters of a key.
// --iterations 0 runs until Ctrl-C; --save-slow DIR keeps inputs over ten times the budget. Crashes are saved under test/fuzz/regressions/ (commit them:
// the unit suite replays that folder) and the run exits 1 when there was one.
import { seedCorpus } from './corpus';
import { FuzzReport, runFuzz } from './harness';
import { saveRegression } from './regressions';
import { runWriteFaultFuzz } from './writeFaults';
import { runKeyLeakFuzz } from './keyLeak';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} needs a non-negative integer`);
    process.exit(2);
  }
  return value;
}

function summary(report: FuzzReport): string {
  const slowest = report.slowest ? `${report.slowest.ms.toFixed(1)} ms (${report.slowest.bytes} bytes, ${report.slowest.path}, ${report.slowest.mutations.join('+')})` : 'n/a';
  return `${report.inputs} inputs in ${(report.totalMs / 1000).toFixed(1)} s, ${report.crashes.length} crashes, ${report.overBudget.length} over budget, slowest ${slowest}`;
}

async function fuzzWrites(seed: number, iterations: number): Promise<void> {
  console.log(`fuzz writes: seed ${seed}, ${iterations} faulted recipe writes`);
  const { cases, problems } = await runWriteFaultFuzz({ seed, iterations, onProblem: (problem) => console.log(`BROKEN ${problem}`) });
  console.log(`${cases} faulted writes, ${problems.length} left the folder wrong`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}

/** The key-leak invariant over mutated key-bearing workspaces (keyLeak.ts); exit 1 on a leak. */
function fuzzKeyLeak(seed: number, iterations: number): void {
  console.log(`fuzz key leak: seed ${seed}, ${iterations} mutated workspaces`);
  const report = runKeyLeakFuzz({ seed, iterations });
  for (const leak of report.leaks.slice(0, 20)) console.log(`LEAK iteration ${leak.iteration} ${leak.key} in ${leak.file} [${leak.damage.join('+')}] through ${leak.where}: ${leak.window.slice(0, 4)}…`);
  console.log(`${report.inputs} workspaces, ${report.findings} findings, ${report.leaks.length} leaks`);
  process.exitCode = report.leaks.length > 0 ? 1 : 0;
}

function main(): void {
  const seed = flag('seed', Date.now() % 1_000_000);
  const iterations = flag('iterations', 2000);
  if (process.argv.includes('--writes')) {
    void fuzzWrites(seed, iterations);
    return;
  }
  if (process.argv.includes('--key-leak')) {
    fuzzKeyLeak(seed, iterations === 0 ? Number.MAX_SAFE_INTEGER : iterations);
    return;
  }
  const budget = flag('budget', 250);
  const slowAt = process.argv.indexOf('--save-slow');
  const slowDir = slowAt >= 0 ? process.argv[slowAt + 1] : undefined;
  let stop = false;
  process.on('SIGINT', () => {
    stop = true;
  });
  const seeds = seedCorpus();
  console.log(`fuzz: seed ${seed}, ${iterations === 0 ? 'unbounded (Ctrl-C stops)' : `${iterations} iterations`}, ${seeds.length} seed files, budget ${budget} ms per 100 kB`);
  const report = runFuzz({
    seed,
    iterations,
    seeds,
    budgetMsPer100kB: budget,
    shouldStop: () => stop,
    onCrash: (crash) => console.log(`CRASH iteration ${crash.iteration} ${crash.path} [${crash.mutations.join('+')}]: ${crash.error}\n  saved ${saveRegression(seed, crash)}`),
    onProgress: (progress) => console.log(summary(progress)),
    onSlow: slowDir ? (crash) => console.log(`SLOW saved ${saveRegression(seed, crash, slowDir)}`) : undefined,
  });
  for (const slow of report.overBudget.slice(0, 20)) console.log(`over budget: iteration ${slow.iteration} ${slow.path} ${slow.bytes} bytes ${slow.ms.toFixed(1)} ms [${slow.mutations.join('+')}]`);
  console.log(summary(report));
  process.exitCode = report.crashes.length > 0 ? 1 : 0;
}

main();
