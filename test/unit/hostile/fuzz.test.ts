// The seeded fuzz run of `npm test` (the unbounded one is test/fuzz/run.ts) and the replay of
// every saved crash. Time over budget is printed, never asserted: the machine may be loaded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedCorpus } from '../../fuzz/corpus';
import { budgetFor, lintOnce, runFuzz } from '../../fuzz/harness';
import { regressionSeeds } from '../../fuzz/regressions';
import { LintWorkspace } from '../../../src/lint/workspace';

const SEED = Number(process.env.KUMA_TLS_FUZZ_SEED ?? 20261127);
const ITERATIONS = Number(process.env.KUMA_TLS_FUZZ_ITERATIONS ?? 200);
const BUDGET_MS_PER_100KB = 250;

test(`fuzz: ${ITERATIONS} mutated Kuma files (seed ${SEED}) lint without an exception or internal-error`, () => {
  const seeds = seedCorpus();
  assert.ok(seeds.some((s) => s.path.includes('/examples/')) && seeds.some((s) => s.path.includes('/snippets/')) && seeds.some((s) => s.path.includes('/fixtures/')), 'seeds come from examples, fixtures and snippets');
  const report = runFuzz({ seed: SEED, iterations: ITERATIONS, seeds, budgetMsPer100kB: BUDGET_MS_PER_100KB });
  const slowest = report.slowest!;
  console.log(`fuzz seed ${SEED}: ${report.inputs} inputs in ${(report.totalMs / 1000).toFixed(1)} s; slowest ${slowest.ms.toFixed(0)} ms for ${slowest.bytes} bytes [${slowest.mutations.join('+')}]; ${report.overBudget.length} over ${BUDGET_MS_PER_100KB} ms per 100 kB`);
  assert.equal(report.inputs, ITERATIONS);
  assert.deepEqual(report.crashes.map((c) => `iteration ${c.iteration} ${c.path} [${c.mutations.join('+')}]: ${c.error}`), []);
});

test('fuzz: the same seed replays the same inputs', () => {
  const seeds = seedCorpus().slice(0, 5);
  const inputs = (seed: number) => {
    const seen: string[] = [];
    runFuzz({ seed, iterations: 20, seeds, onInput: (input) => seen.push(`${input.path} ${input.bytes} ${input.mutations.join('+')}`) });
    return seen;
  };
  assert.deepEqual(inputs(7), inputs(7));
  assert.notDeepEqual(inputs(7), inputs(8));
});

test('fuzz: every saved crash input lints cleanly now', () => {
  const regressions = regressionSeeds();
  const workspace = new LintWorkspace({ now: new Date('2026-11-27T12:00:00Z') });
  for (const seed of regressions) {
    const started = performance.now();
    assert.equal(lintOnce(workspace, seed.path, seed.bytes), null, seed.path);
    const ms = performance.now() - started;
    if (ms > budgetFor(seed.bytes.length, BUDGET_MS_PER_100KB)) console.log(`regression ${seed.path}: ${ms.toFixed(0)} ms`);
  }
  console.log(`${regressions.length} saved crash inputs replayed`);
});
