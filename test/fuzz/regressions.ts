// Inputs that once crashed or hung the engine, kept as files so every test run replays them.
// A file is named `<seed>-<iteration>--<original name>`: the original name keeps the extension,
// which decides how the engine reads it.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, Seed } from './corpus';
import { FuzzCrash } from './harness';

export const REGRESSIONS_DIR = path.join(REPO_ROOT, 'test', 'fuzz', 'regressions');

export function saveRegression(seed: number, crash: FuzzCrash, dir = REGRESSIONS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${seed}-${crash.iteration}--${path.posix.basename(crash.path)}`);
  writeFileSync(file, crash.bytes);
  return file;
}

export function regressionSeeds(dir = REGRESSIONS_DIR): Seed[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.includes('--'));
  } catch {
    return [];
  }
  return names.sort().map((name) => ({ path: `/fuzz/regressions/${name.slice(name.indexOf('--') + 2)}`, bytes: readFileSync(path.join(dir, name)) }));
}
