// `npm run bench` (after compile and the production build): every benchmark of the project in
// one run, each figure beside a baseline measured in the same run, written to BENCHMARKS.md.
// Nothing here asserts; a benchmark that cannot run is listed as not measured, with why.
//
// A benchmark module exports a run…Bench function returning rows:
//   { name, value, unit, baseline, baselineValue, method?, section?, aim? }   (bench/pki-generate.ts BenchRow)
// `method` (how the figure and its baseline were measured) is printed under the section's table;
// `section` overrides the benchmark's section below; `aim` ({ text, limit? , ratio? }) overrides AIMS.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bench = (name) => path.join(root, 'out', 'bench', `${name}.js`);
const output = path.join(root, 'BENCHMARKS.md');
const startedAt = new Date();
const loadAtStart = os.loadavg();

/**
 * Node's own start (`node -e 0`), median of 11: how fast this machine is right now. Absolute aims
 * (a number of milliseconds) move with it between runs; ratios to a same-run baseline do not.
 */
function nodeStartMs() {
  const times = [];
  for (let i = 0; i < 11; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[5];
}
const nodeStartAtStart = nodeStartMs();

/** Figures with an aim from an issue, for rows that do not carry their own `aim`. */
const AIMS = [
  { match: /chart monorepo.*\(peak RSS\)/, limit: 250, text: '< 250 MB (issue 11)' },
  { match: /chart monorepo.*child process, wall, median of 5\)/, ratio: 1.2, text: '<= 1.2x the baseline (issue 11)' },
  { match: /^kuma-tls lint over [\d,]+ files .*wall[,)]/, ratio: 1.2, text: '<= 1.2x the baseline (issue 12)' },
  { match: /^lint [\d,]+-line multi-document manifest \(in-process, warm median\)/, ratio: 1.2, text: '<= 1.2x the baseline (issue 12)' },
  { match: /^lint \d+ MB multi-document manifest/, ratio: 1.5, text: '<= 1.5x the baseline (issue 12)' },
  { match: /^re-check after editing a Secret/, limit: 20, text: '< 20 ms (issue 12)' },
  { match: /^activation: activate\(\)/, limit: 20, text: '< 20 ms' },
  { match: /^packaged \.vsix/, limit: 1024, text: '< 1 MiB (1024 KiB)' },
  { match: /^npm start, second run/, limit: 15, text: '< 15 s (issue 14)' },
];

/**
 * BENCHMARKS.md's sections, in order. `how` says what every figure of the section has in common;
 * what differs per figure comes with the row (`method`).
 */
const SECTIONS = [
  {
    title: 'Linting',
    how: 'Sources: `bench/lint-large.ts`, `bench/monorepo.ts`. "child process" figures run `node dist/cli.js lint` (production bundle) on generated files in a temporary folder: wall time of the process, and its peak RSS from the kernel. The baseline is a child process that does only the unavoidable part of the same job (walk, read, `yaml` parse of the same files). "in-process" figures are timed inside one warm Node process beside the bare `yaml` parse of the same text.',
  },
  {
    title: 'Hostile inputs',
    how: 'Source: `bench/hostile-inputs.ts`: the inputs of `test/unit/hostile/inputs.ts` at 1/4, 1/2 and full size through the CLI, beside reading and parsing them; the growth exponent says whether time is linear in the size.',
  },
  {
    title: 'Workspace index (editor)',
    how: 'Source: `bench/workspace-index.ts`: the editor\'s workspace index, built and then re-checked after an edit, timed in-process; each figure names the work it is compared with.',
  },
  {
    title: 'Language server',
    how: 'Source: `bench/language-server.ts`: the production server (`node dist/cli.js lsp --stdio`) spoken to over JSON-RPC by the bench process, which plays the editor\'s extension host.',
  },
  {
    title: 'Certificate generation',
    how: 'Source: `bench/pki-generate.ts`. Processes are timed from spawn to exit, interleaved round by round with their baselines so that machine load hits both alike; "above Node\'s own start" subtracts `node -e 0` of the same round, because a Node program cannot start faster than Node. In-process figures are compared with in-process work only.',
  },
  {
    title: 'Size',
    how: 'Source: `bench/bundle-size.ts`: file sizes of the production build and of the packaged .vsix, beside the runtime dependencies\' JavaScript as npm installs it (what shipping node_modules would cost).',
  },
  {
    title: 'npm start',
    how: 'Source: `startBench` in `scripts/bench-all.mjs`: `node scripts/start.mjs --exit-when-ready` twice in a row on a free port, each timed from its own start to the moment the editor\'s URL answers (the "ready after" it prints). The first run is told `--rebuild` (compile, bundle, package, install the .vsix, start the editor); the second has nothing changed. Each run is the other\'s baseline.',
  },
  {
    title: 'Activation in VS Code',
    how: 'Source: `bench/activation.ts`: code-server\'s extension host with the packaged extension and an empty extension side by side; the probe reports both activations from inside the host.',
  },
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

/** Rows of one benchmark; a row without a section goes to the benchmark's. */
function add(result, sectionTitle) {
  for (const row of result ?? []) rows.push({ section: sectionTitle, ...row });
}

/** The module's run…Bench export, for benchmarks whose runner name is not fixed. */
function runnerOf(name) {
  const module = require(bench(name));
  const runner = Object.entries(module).find(([key, value]) => typeof value === 'function' && /^run.*Bench$/.test(key));
  if (!runner) throw new Error(`out/bench/${name}.js exports no run…Bench function`);
  return runner[1];
}

add(await section('lint of large manifests and of 1,000 / 5,000 / 20,000-file trees', () => require(bench('lint-large')).runLintLargeBench()), 'Linting');
add(await section('lint of a 3,200-file chart monorepo with 20 Kuma files', () => require(bench('monorepo')).runMonorepoBench()), 'Linting');
add(await section('hostile inputs under the size cap at 1/4, 1/2 and full size', () => require(bench('hostile-inputs')).runHostileInputsBench()), 'Hostile inputs');
if (existsSync(bench('workspace-index'))) {
  add(await section('workspace index, cold and incremental', () => runnerOf('workspace-index')()), 'Workspace index (editor)');
} else {
  console.log('bench: workspace index: bench/workspace-index.ts is not in this checkout yet; skipped');
  notes.push('workspace index: bench/workspace-index.ts is not in this checkout yet; not measured');
}
add(await section('language server: event-loop delay and memory with a 2 MB file', () => require(bench('language-server')).runLanguageServerBench()), 'Language server');
add(await section('certificate generation vs openssl', () => require(bench('pki-generate')).runPkiGenerateBench()), 'Certificate generation');
add(await section('bundle and .vsix size', () => require(bench('bundle-size')).runBundleSizeBench()), 'Size');
add(await section('npm start, first and second run', () => startBench()), 'npm start');
const activation = await section('activation in VS Code (code-server)', () => require(bench('activation')).runActivationBench());
if (activation) {
  add(activation.rows, 'Activation in VS Code');
  vscodeVersion = activation.vscodeVersion;
}

/** Seconds `node scripts/start.mjs` took to the editor's URL, as it reports it. */
function startRun(port, extra) {
  const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'start.mjs'), `--port=${port}`, '--exit-when-ready', ...extra], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = /ready after ([\d.]+) s/.exec(out);
  if (!ready) throw new Error(`start.mjs printed no "ready after": ${out.slice(-300)}`);
  return Number(ready[1]);
}

async function startBench() {
  const { freePort } = require(path.join(root, 'out', 'test', 'support', 'codeServer.js'));
  const port = await freePort();
  const first = startRun(port, ['--rebuild']);
  const second = startRun(port, []);
  return [
    { name: 'npm start, first run (compile, bundle, package, install, start the editor)', value: first, unit: 's', baseline: 'second run of the same bench', baselineValue: second },
    { name: 'npm start, second run, nothing changed (to the URL)', value: second, unit: 's', baseline: 'first run of the same bench', baselineValue: first },
  ];
}

function number(value) {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function aimOf(row) {
  const aim = row.aim ?? AIMS.find((a) => a.match.test(row.name));
  if (!aim) return '';
  if (!Number.isFinite(row.value)) return `${aim.text}: not measured`;
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

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const ratio = (row) => (row.baselineValue > 0 && Number.isFinite(row.value) ? `${(row.value / row.baselineValue).toFixed(2)}x` : 'n/a');

function table(sectionRows) {
  return [
    '| figure | value | baseline (same run) | ratio | aim |',
    '|---|---|---|---|---|',
    ...sectionRows.map((row) => `| ${cell(row.name)} | ${number(row.value)} ${row.unit} | ${number(row.baselineValue)} ${row.unit}: ${cell(row.baseline)} | ${ratio(row)} | ${aimOf(row)} |`),
  ].join('\n');
}

function sectionText({ title, how }, sectionRows) {
  const methods = sectionRows.filter((row) => row.method).map((row) => `- ${row.name}: ${row.method}`);
  return [`## ${title}`, '', how, '', table(sectionRows), ...(methods.length ? ['', 'How each figure was measured:', '', ...methods] : [])].join('\n');
}

const known = new Set(SECTIONS.map((s) => s.title));
const extraSections = [...new Set(rows.map((row) => row.section).filter((title) => !known.has(title)))].map((title) => ({ title, how: '' }));
const sections = [...SECTIONS, ...extraSections]
  .map((s) => ({ s, sectionRows: rows.filter((row) => row.section === s.title) }))
  .filter(({ sectionRows }) => sectionRows.length > 0)
  .map(({ s, sectionRows }) => sectionText(s, sectionRows));

const cpus = os.cpus();
const load = (values) => values.map((l) => l.toFixed(2)).join(', ');
const machine = [
  `- CPU: ${cpus[0]?.model ?? 'unknown'} (${os.availableParallelism()} logical processors available, nproc)`,
  `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  `- OS: ${os.type()} ${os.release()} ${os.arch()}`,
  `- Node.js: ${process.version} (OpenSSL ${process.versions.openssl})`,
  `- VS Code: ${vscodeVersion} (code-server, extension host)`,
  `- ${opensslVersion()}`,
  `- Load average (1, 5, 15 min) at the start of the run: ${load(loadAtStart)}; at the end: ${load(os.loadavg())}`,
  `- Node's own start (\`node -e 0\`, median of 11) at the start of the run: ${nodeStartAtStart.toFixed(1)} ms; at the end: ${nodeStartMs().toFixed(1)} ms. Absolute times, and the aims that are a number of milliseconds, scale with it between runs; ratios to a baseline of the same run do not.`,
];

/** Sections measured by hand (before/after of a change) live below this line and survive a regeneration. */
const KEPT_MARKER = '<!-- npm run bench keeps everything below this line: figures measured by hand, each saying how and when. -->';
const previous = existsSync(output) ? readFileSync(output, 'utf8') : '';
const kept = previous.includes(KEPT_MARKER) ? previous.slice(previous.indexOf(KEPT_MARKER) + KEPT_MARKER.length).trim() : '';

const markdown = `# Benchmarks

Generated by \`npm run bench\` (compile, production build, then \`node scripts/bench-all.mjs\`), run
started ${startedAt.toISOString()}. How to read it:

- Every figure stands beside a baseline measured in the same run on the same machine: the nearest
  job that is not ours to make faster (a bare \`yaml\` parse, reading the same files, Node's own
  start, openssl doing the same certificate). The ratio is figure ÷ baseline.
- Each section says how its figures were measured; a figure's own method follows its table.
- Wall-clock times are medians where a benchmark repeats (it says how often). The machine is a
  shared 2-core VM whose load is recorded below: ratios are steadier than absolute times.
- Figures are reports, never test assertions; an aim says which issue set it and whether this run met it.

${sections.join('\n\n')}
${notes.length ? `\nNot measured in this run:\n\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}
## Machine

${machine.join('\n')}

## Reproduce

\`\`\`sh
npm ci
npm run install:editor   # VS Code (code-server) for the activation figure
npm run bench            # rewrites BENCHMARKS.md above the line of hand-measured figures
\`\`\`

Single benchmarks after \`npm run compile\` and \`npm run build\`: \`node out/bench/lint-large.js\`, \`node out/bench/monorepo.js\`,
\`node out/bench/hostile-inputs.js\`, \`node out/bench/workspace-index.js\`, \`node out/bench/pki-generate.js [rounds]\`,
\`node out/bench/bundle-size.js\`, \`node out/bench/activation.js\`.

${KEPT_MARKER}
${kept ? `\n${kept}\n` : ''}`;

writeFileSync(output, markdown);
console.log(`\n${sections.join('\n\n')}\n\nwrote BENCHMARKS.md (${rows.length} figures${notes.length ? `, ${notes.length} not measured` : ''})`);
process.exit(0);
