// Sizes of what users download and what the editor loads: the two webpack bundles and the
// .vsix, beside the libraries they bundle as npm installs them (what shipping node_modules
// would cost). Expects a production build in dist/ (`npm run build`); packages the .vsix itself.
import { execFileSync, spawnSync } from 'node:child_process';
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

/** The libraries the bundles carry (devDependencies since the packages ship bundled, so listed here). */
const BUNDLED_LIBRARIES = ['yaml', 'node-forge', 'vscode-languageserver', 'vscode-languageserver-protocol', 'vscode-jsonrpc', 'vscode-languageserver-types', 'vscode-languageserver-textdocument', 'vscode-languageclient'];

/** The bundled libraries' JavaScript as installed (what the bundles replace). */
function dependencyBytes(): number {
  return BUNDLED_LIBRARIES.reduce((sum, name) => sum + treeBytes(path.join(REPO_ROOT, 'node_modules', name), (f) => f.endsWith('.js')), 0);
}

/** The dist/ files a CLI run actually loads (its chunks are required through Node's loader). */
function filesLoadedBy(args: string[]): string[] {
  const hook = "const M = require('module'); const load = M._load; const seen = new Set(); M._load = function (request, parent, isMain) { const file = M._resolveFilename(request, parent, isMain); seen.add(file); return load.apply(this, arguments); }; process.on('exit', () => process.stderr.write(JSON.stringify([...seen])));";
  const result = spawnSync(process.execPath, ['-e', `${hook} process.argv.splice(1, 0, 'cli'); require(${JSON.stringify(path.join(REPO_ROOT, 'dist', 'cli.js'))})`, '--', ...args], { encoding: 'utf8' });
  const loaded = JSON.parse(result.stderr.slice(result.stderr.lastIndexOf('['))) as string[];
  return loaded.filter((file) => path.dirname(file) === path.join(REPO_ROOT, 'dist')).map((file) => path.relative(REPO_ROOT, file));
}

export function runBundleSizeBench(vsixPath = path.join(REPO_ROOT, 'out', 'bench', 'kuma-tls.vsix')): BenchRow[] {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package.mjs')], { cwd: REPO_ROOT, env: { ...process.env, KUMA_TLS_VSIX: vsixPath }, stdio: ['ignore', 'ignore', 'inherit'] });
  const deps = dependencyBytes() / KIB;
  const size = (file: string) => statSync(path.join(REPO_ROOT, file)).size / KIB;
  // The CLI is dist/cli.js plus the chunks it loads per subcommand (webpack.config.js).
  const cliFiles = readdirSync(path.join(REPO_ROOT, 'dist')).filter((name) => /^cli(-.+)?\.js$/.test(name));
  const generateFiles = filesLoadedBy(['generate', 'tls-certificate', '--type=server', '--hostname=bench.example', '--key-type=ecdsa', '--cert-file=-', '--key-file=-']);
  const baseline = 'the bundled libraries (yaml, node-forge, the LSP libraries) as installed, .js only';
  const round = (v: number) => Math.round(v * 10) / 10;
  return [
    { name: 'bundle dist/extension.js (production)', value: round(size('dist/extension.js')), unit: 'KiB', baseline, baselineValue: round(deps) },
    { name: `CLI bundle, all files (dist/cli.js and ${cliFiles.length - 1} chunks, production)`, value: round(cliFiles.reduce((sum, name) => sum + size(`dist/${name}`), 0)), unit: 'KiB', baseline, baselineValue: round(deps) },
    { name: 'CLI files that `generate tls-certificate` loads (production)', value: round(generateFiles.reduce((sum, file) => sum + size(file), 0)), unit: 'KiB', baseline, baselineValue: round(deps) },
    { name: 'packaged .vsix', value: round(statSync(vsixPath).size / KIB), unit: 'KiB', baseline, baselineValue: round(deps) },
  ];
}

if (require.main === module) {
  for (const row of runBundleSizeBench()) console.log(`${row.name}: ${row.value} ${row.unit} | ${row.baseline}: ${row.baselineValue} ${row.unit}`);
}
