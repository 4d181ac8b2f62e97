// `npm run bench` (after compile and the production build): every benchmark of the project in
// one run, each figure beside a baseline measured in the same run, written to BENCHMARKS.md.
// Nothing here asserts; a benchmark that cannot run is listed as not measured, with why.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bench = (name) => path.join(root, 'out', 'bench', `${name}.js`);

/** Figures with an aim (issues 7 and 11); the rest are compared with their baseline only. */
const AIMS = [
  { match: /chart monorepo.*\(peak RSS\)/, limit: 250, text: '< 250 MB' },
  { match: /chart monorepo.*child process, wall\)/, ratio: 1.2, text: '<= 1.2x the baseline' },
  { match: /^kuma-tls lint over [\d,]+ files .*wall\)/, ratio: 1.2, text: '<= 1.2x the baseline' },
  { match: /^lint \d+-line multi-document manifest \(in-process, warm median\)/, ratio: 1.2, text: '<= 1.2x the baseline' },
  { match: /^lint \d+ MB multi-document manifest/, ratio: 1.5, text: '<= 1.5x the baseline' },
  { match: /^re-check after editing a Secret/, limit: 20, text: '< 20 ms' },
  { match: /^activation: activate\(\)/, limit: 20, text: '< 20 ms' },
  { match: /^packaged \.vsix/, limit: 1024, text: '< 1 MiB (1024 KiB)' },
];

const rows = [];
const notes = [];
let vscodeVersion = 'not measured';

async function section(label, run) {
  const started = Date.now();
  process.stdout.write(`bench: ${label}… `);
  try {
    const result = await run();
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.log(`failed: ${why}`);
    notes.push(`${label}: not measured (${why})`);
    return undefined;
  }
}

function add(result) {
  for (const row of result ?? []) rows.push(row);
}

add(await section('lint of large manifests and of 1,000 / 5,000 / 20,000-file trees', () => require(bench('lint-large')).runLintLargeBench()));
add(await section('lint of a 3,200-file chart monorepo with 20 Kuma files', () => require(bench('monorepo')).runMonorepoBench()));
add(await section('hostile inputs under the size cap at 1/4, 1/2 and full size', () => require(bench('hostile-inputs')).runHostileInputsBench()));
if (existsSync(bench('workspace-index'))) {
  const module = require(bench('workspace-index'));
  const runner = Object.entries(module).find(([name, value]) => typeof value === 'function' && /^run.*Bench$/.test(name));
  if (runner) add(await section('workspace index, cold and incremental', () => runner[1]()));
  else notes.push('workspace index: out/bench/workspace-index.js exports no run…Bench function; not measured');
} else {
  console.log('bench: workspace index: bench/workspace-index.ts is not in this checkout yet; skipped');
  notes.push('workspace index: bench/workspace-index.ts is not in this checkout yet; not measured');
}
add(await section('certificate generation vs openssl', () => require(bench('pki-generate')).runPkiGenerateBench()));
add(await section('bundle and .vsix size', () => require(bench('bundle-size')).runBundleSizeBench()));
const activation = await section('activation in VS Code (code-server)', () => require(bench('activation')).runActivationBench());
if (activation) {
  add(activation.rows);
  vscodeVersion = activation.vscodeVersion;
}

function number(value) {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function aimOf(row) {
  const aim = AIMS.find((a) => a.match.test(row.name));
  if (!aim) return '';
  const met = aim.ratio !== undefined ? row.value <= aim.ratio * row.baselineValue : row.value < aim.limit;
  return `${aim.text}: ${met ? 'met' : 'missed'}`;
}

function opensslVersion() {
  try {
    return execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'openssl not found';
  }
}

const cpus = os.cpus();
const machine = [
  `- CPU: ${cpus[0]?.model ?? 'unknown'} (${os.availableParallelism()} logical processors available, nproc)`,
  `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  `- OS: ${os.type()} ${os.release()} ${os.arch()}`,
  `- Node.js: ${process.version}`,
  `- VS Code: ${vscodeVersion} (code-server, extension host)`,
  `- ${opensslVersion()}`,
  `- Load average at the end of the run: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`,
];

const table = [
  '| figure | value | baseline | ratio | aim |',
  '|---|---|---|---|---|',
  ...rows.map((row) => `| ${row.name} | ${number(row.value)} ${row.unit} | ${number(row.baselineValue)} ${row.unit} (${row.baseline}) | ${row.baselineValue > 0 ? `${(row.value / row.baselineValue).toFixed(2)}x` : 'n/a'} | ${aimOf(row)} |`),
];

const markdown = `# Benchmarks

Generated by \`npm run bench\` (compile, production build, then \`node scripts/bench-all.mjs\`) on
${new Date().toISOString()}. Every figure and its baseline come from this one run on this machine;
medians where a benchmark repeats. Figures are reports, never test assertions.

${table.join('\n')}
${notes.length ? `\nNot measured in this run:\n\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}
## Machine

${machine.join('\n')}

## Reproduce

\`\`\`sh
npm ci
npm run install:editor   # VS Code (code-server) for the activation figure
npm run bench            # rewrites BENCHMARKS.md
\`\`\`

Single benchmarks after \`npm run compile\`: \`node out/bench/lint-large.js\`, \`node out/bench/monorepo.js\`, \`node out/bench/hostile-inputs.js\`, \`node out/bench/pki-generate.js\`,
\`node out/bench/bundle-size.js\`, \`node out/bench/activation.js\`.
`;

writeFileSync(path.join(root, 'BENCHMARKS.md'), markdown);
console.log(`\n${table.join('\n')}\n\nwrote BENCHMARKS.md (${rows.length} figures${notes.length ? `, ${notes.length} not measured` : ''})`);
process.exit(0);
