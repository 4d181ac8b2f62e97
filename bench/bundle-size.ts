// Sizes of what users download and what the editor loads: the two webpack bundles and the
// .vsix, beside the runtime dependencies as npm installs them (what shipping node_modules
// would cost). Expects a production build in dist/ (`npm run build`); packages the .vsix itself.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../test/support/codeServer';
import type { BenchRow } from './pki-generate';

const KIB = 1024;

function treeBytes(dir: string, keep: (name: string) => boolean): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(full, keep);
    else if (entry.isFile() && keep(entry.name)) total += statSync(full).size;
  }
  return total;
}

/** The runtime dependencies' JavaScript as installed (what the bundles replace). */
function dependencyBytes(): number {
  const manifest = require(path.join(REPO_ROOT, 'package.json')) as { dependencies: Record<string, string> };
  return Object.keys(manifest.dependencies).reduce((sum, name) => sum + treeBytes(path.join(REPO_ROOT, 'node_modules', name), (f) => f.endsWith('.js')), 0);
}

export function runBundleSizeBench(vsixPath = path.join(REPO_ROOT, 'out', 'bench', 'kuma-tls.vsix')): BenchRow[] {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package.mjs')], { cwd: REPO_ROOT, env: { ...process.env, KUMA_TLS_VSIX: vsixPath }, stdio: ['ignore', 'ignore', 'inherit'] });
  const deps = dependencyBytes() / KIB;
  const size = (file: string) => statSync(path.join(REPO_ROOT, file)).size / KIB;
  const baseline = 'runtime dependencies (node-forge, yaml) as installed, .js only';
  const round = (v: number) => Math.round(v * 10) / 10;
  return [
    { name: 'bundle dist/extension.js (production)', value: round(size('dist/extension.js')), unit: 'KiB', baseline, baselineValue: round(deps) },
    { name: 'bundle dist/cli.js (production)', value: round(size('dist/cli.js')), unit: 'KiB', baseline, baselineValue: round(deps) },
    { name: 'packaged .vsix', value: round(statSync(vsixPath).size / KIB), unit: 'KiB', baseline, baselineValue: round(deps) },
  ];
}

if (require.main === module) {
  for (const row of runBundleSizeBench()) console.log(`${row.name}: ${row.value} ${row.unit} | ${row.baseline}: ${row.baselineValue} ${row.unit}`);
}
