// The baseline of the CLI benchmarks, run as its own child process: the part of linting a tree that
// no linter can skip (walk it, read every file, parse the YAML that holds Kuma configuration) and
// nothing of ours. It imports only node:fs, node:path, yaml and ./peak-rss: the unbundled linter modules that
// the bench scripts are built from take some 70 ms to load, which the CLI's production bundle does
// not pay, so a baseline that loaded them would flatter every ratio (most at small trees).
//
//   node out/bench/walk-read-parse.js DIR --names values.yaml,secret.yaml [--keep]  parse files with these names
//   node out/bench/walk-read-parse.js DIR --list FILE [--keep]              parse the paths FILE lists, keeping the trees
//
// Prints one JSON line: { maxRssKb, parsed }.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { peakRssKb } from './peak-rss';

/** Every regular file under `root`, folder by folder in name order, `.git` and `node_modules` left out (as the linter's walk does). */
function* walk(root: string): Generator<string> {
  const entries = readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const folders: string[] = [];
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.git' && entry.name !== 'node_modules') folders.push(full);
    } else if (entry.isFile()) yield full;
  }
  for (const folder of folders) yield* walk(folder);
}

function main(args: string[]): void {
  const [root, how, what] = args;
  const names = how === '--names' ? new Set(what.split(',')) : null;
  const listed = how === '--list' ? new Set(readFileSync(what, 'utf8').split('\n')) : null;
  const keep = args.includes('--keep');
  const kept: unknown[] = [];
  let parsed = 0;
  for (const file of walk(root)) {
    const text = readFileSync(file, 'utf8');
    if (names?.has(path.basename(file)) || listed?.has(file)) {
      const documents = parseAllDocuments(text);
      if (keep) kept.push(documents);
      parsed++;
    }
  }
  console.log(JSON.stringify({ maxRssKb: peakRssKb(), parsed, kept: kept.length }));
}

main(process.argv.slice(2));
