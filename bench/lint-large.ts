// The linter at scale, each figure beside a baseline measured in the same run: a generated
// 10,000-line multi-document manifest linted vs only parsed with `yaml` (warm medians, and the
// first run in a fresh process), a 10 MB manifest with the size cap raised, and the bundled
// `kuma-tls lint` over generated trees of 1,000 / 5,000 / 20,000 files (child processes: wall
// time, peak RSS) vs walking, reading and parsing the Kuma YAML of the same trees. Not a test: it
// reports, it asserts nothing.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, verify, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { LintWorkspace } from '../src/lint/workspace';
import { buildCertificate, nameDer } from '../src/pki/certificate';
import { readCertificateDer } from '../src/pki/certificate-der';
import { subjectAltNames } from '../src/pki/hostnames';
import { EC_CURVE, KeyPair, privateKeyPem } from '../src/pki/keys';
import type { BenchRow } from './pki-generate';
import { peakRssKb } from './peak-rss';

const DAY = 24 * 60 * 60 * 1000;

export interface Leaf {
  certPem: string;
  keyPem: string;
}

/**
 * One CA and as many leaves as a generated file asks for: `leaf(i)` is made on first use, each with
 * a key of its own, so no two Secrets or folders share a certificate (a real rendered install does
 * not, and the linter caches certificates by content: repeated leaves would time the cache).
 */
export interface Material {
  caPem: string;
  leaf(index: number): Leaf;
  /** How many distinct leaves were made so far. */
  readonly leafCount: number;
  /** The leaves made so far. */
  madeLeaves(): Leaf[];
}

function ecKeys(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: EC_CURVE });
  return { type: 'ecdsa', publicKey, privateKey };
}

export function material(caName = 'bench-ca'): Material {
  const caKeys = ecKeys();
  const now = Date.now();
  const cert = (keys: KeyPair, issuer: KeyPair | undefined, isCA: boolean, hosts: string[]): string =>
    buildCertificate({
      subjectDer: nameDer(isCA ? caName : undefined),
      subjectKeys: keys,
      issuer: issuer ? { nameDer: nameDer(caName), keys: issuer } : undefined,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 365 * DAY),
      isCA,
      keyUsage: isCA ? ['keyCertSign'] : ['digitalSignature'],
      extKeyUsage: isCA ? [] : ['serverAuth'],
      subjectAltNames: hosts.length ? subjectAltNames(hosts) : [],
    }).pem;
  const leaves = new Map<number, Leaf>();
  return {
    caPem: cert(caKeys, undefined, true, []),
    leaf(index: number): Leaf {
      let leaf = leaves.get(index);
      if (!leaf) {
        const keys = ecKeys();
        leaf = { certPem: cert(keys, caKeys, false, ['kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc', `svc-${index}.example`]), keyPem: privateKeyPem(keys) };
        leaves.set(index, leaf);
      }
      return leaf;
    },
    get leafCount(): number {
      return leaves.size;
    },
    madeLeaves: () => [...leaves.values()],
  };
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

export function secretDoc(m: Material, i: number): string {
  const leaf = m.leaf(i);
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: general-tls-certs-${i}\n  namespace: kuma-system\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(leaf.certPem)}\n  tls.key: ${b64(leaf.keyPem)}\n  ca.crt: ${b64(m.caPem)}\n`;
}

export function deploymentDoc(i: number): string {
  const env = ['KUMA_GENERAL_TLS_CERT_FILE=/certs/tls.crt', 'KUMA_GENERAL_TLS_KEY_FILE=/certs/tls.key', 'KUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1', 'KUMA_MODE=zone', 'KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS=grpcs://global.example:5685', 'KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED=true'];
  const envYaml = env.map((e) => `        - name: ${e.split('=')[0]}\n          value: "${e.split('=')[1]}"`).join('\n');
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kuma-cp-${i}\n  namespace: kuma-system\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: kuma-cp-${i}\n  template:\n    metadata:\n      labels:\n        app: kuma-cp-${i}\n    spec:\n      containers:\n      - name: kuma-cp\n        image: kumahq/kuma-cp:2.14.3\n        env:\n${envYaml}\n`;
}

function valuesDoc(m: Material, i: number): string {
  return `controlPlane:\n  mode: zone\n  tls:\n    general:\n      secretName: general-tls-certs-${i}\n      caBundle: ${b64(m.caPem)}\n    apiServer:\n      secretName: ""\n  envVars:\n    KUMA_API_SERVER_HTTP_INTERFACE: 127.0.0.1\n`;
}

export function configMapDoc(i: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-${i}\ndata:\n  greeting: hello\n  count: "${i}"\n`;
}

/** A multi-document manifest of about `lines` lines mixing Secrets, Deployments, values and unrelated documents. */
export function largeManifest(m: Material, lines: number): string {
  return manifestUntil(m, MIX, (count) => count >= lines, (doc) => doc.split('\n').length);
}

/** A kuma-cp configuration document that leaves the HTTP API on its default interface (an info finding with a fix per document). */
function kumaCpConfigDoc(_: Material, i: number): string {
  return `general:\n  tlsCertFile: /certs/${i}/tls.crt\n  tlsKeyFile: /certs/${i}/tls.key\napiServer:\n  auth:\n    type: tokens\n`;
}

const MIX: ReadonlyArray<(m: Material, i: number) => string> = [secretDoc, (_, n) => deploymentDoc(n), valuesDoc, (_, n) => configMapDoc(n)];

/**
 * A rendered install of about `bytes` bytes: mostly TLS Secrets, with control-plane Deployments
 * and kuma-cp configuration documents. The mix of largeManifest is too dense for 10 MB: at 25
 * bytes per YAML node it is over the parser's node budget (model/node-count.ts) and is skipped
 * unparsed; this one, at about 60, is linted whole.
 */
export function manifestOfBytes(m: Material, bytes: number): string {
  const mix: ReadonlyArray<(m: Material, i: number) => string> = [...Array<typeof secretDoc>(8).fill(secretDoc), (_, n) => deploymentDoc(n), kumaCpConfigDoc];
  return manifestUntil(m, mix, (size) => size >= bytes, (doc) => doc.length + 4);
}

function manifestUntil(m: Material, mix: ReadonlyArray<(m: Material, i: number) => string>, done: (measure: number) => boolean, measureOf: (doc: string) => number): string {
  const docs: string[] = [];
  let measure = 0;
  for (let i = 0; !done(measure); i++) {
    const doc = mix[i % mix.length](m, i);
    docs.push(doc);
    measure += measureOf(doc);
  }
  return docs.join('---\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Medians of `rounds` timed calls of each function after one warm-up call each, the calls
 * alternating so that a change of machine load hits both alike (one block of parses, then one of
 * lints, once gave the 10,000-line manifest 1.30x where runs minutes apart gave 1.66x and 1.69x).
 */
function timeInterleaved(rounds: number, fns: ReadonlyArray<() => void>): number[] {
  for (const fn of fns) fn();
  const times = fns.map((): number[] => []);
  for (let i = 0; i < rounds; i++) {
    fns.forEach((fn, k) => {
      const start = performance.now();
      fn();
      times[k].push(performance.now() - start);
    });
  }
  return times.map(median);
}

/**
 * Interleaved runs of the CLI and its baseline per tree size: an odd count, more for a small tree
 * (a 1,000-file run is half a second, and with three rounds its ratio swung 2.3x-2.8x between runs).
 */
function treeRounds(files: number): number {
  const rounds = Math.min(7, Math.max(3, Math.ceil(7000 / files)));
  return rounds % 2 === 1 ? rounds : rounds + 1;
}

/** The files of one cluster folder that are Kuma YAML (what a linter must parse); the rest are env, PEM, Markdown, shell, and an unrelated ConfigMap. */
export const TREE_KUMA_YAML = new Set(['values.yaml', 'secret.yaml', 'deployment.yaml']);

/** Files of one cluster folder (writeTree). */
const TREE_PATTERN_FILES = 10;

/** A tree of `files` files in folders of the same 10-file pattern. */
export function writeTree(root: string, m: Material, files: number): void {
  let written = 0;
  for (let folder = 0; written < files; folder++) {
    const dir = path.join(root, `cluster-${folder}`);
    mkdirSync(dir, { recursive: true });
    const leaf = m.leaf(folder);
    const set: Array<[string, string]> = [
      ['values.yaml', valuesDoc(m, folder)],
      ['secret.yaml', secretDoc(m, folder)],
      ['deployment.yaml', deploymentDoc(folder)],
      ['kuma-cp.env', 'KUMA_GENERAL_TLS_CERT_FILE=/certs/tls.crt\nKUMA_GENERAL_TLS_KEY_FILE=/certs/tls.key\nKUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1\nKUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED=true\n'],
      ['tls.crt', leaf.certPem],
      ['ca.crt', m.caPem],
      ['unrelated.yaml', configMapDoc(folder)],
      ['README.md', '# cluster\n\n```sh\nhelm install kuma kuma/kuma -f values.yaml\n```\n'],
      ['install.sh', 'kubectl create secret generic general-tls-certs --from-file=tls.crt=tls.crt\n'],
      ['.env', 'APP_PORT=8080\n'],
    ];
    if (set.length !== TREE_PATTERN_FILES) throw new Error('TREE_PATTERN_FILES must count the pattern');
    for (const [name, content] of set) {
      if (written >= files) break;
      writeFileSync(path.join(dir, name), content);
      written++;
    }
  }
}

export interface ChildResult {
  wallMs: number;
  maxRssMb: number;
}

/**
 * The baseline child (walk-read-parse.ts) over `dir`, parsing what `args` say: its wall time, and
 * the peak RSS it reports itself.
 */
export function runBaseline(dir: string, args: readonly string[]): ChildResult {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(__dirname, 'walk-read-parse.js'), dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`baseline child failed: ${result.stderr}`);
  const reported = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { maxRssKb: number };
  return { wallMs, maxRssMb: reported.maxRssKb / 1024 };
}

/** The bundle users run (`npm run build`); the bench measures it, not the unbundled out/ modules. */
export function cliBundle(): string {
  const cli = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  return cli;
}

/**
 * `node dist/cli.js lint --format json DIR` as a child, its peak RSS printed by a preload on exit;
 * `findings` counts what it reported (a check that the run linted what it should).
 */
export function runCliLint(dir: string, extraArgs: readonly string[] = []): ChildResult & { findings: number } {
  const preload = path.join(__dirname, 'max-rss-preload.js');
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-r', preload, cliBundle(), 'lint', '--format', 'json', ...extraArgs, dir], { cwd: dir, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`kuma-tls lint failed (${result.status}): ${result.stderr}`);
  const reported = JSON.parse(result.stderr.trim().split('\n').pop() ?? '{}') as { maxRssKb: number };
  return { wallMs, maxRssMb: reported.maxRssKb / 1024, findings: (JSON.parse(result.stdout) as { findings: unknown[] }).findings.length };
}

/** The first lint (or parse) of a manifest in a fresh process: what a CI run or an editor's first open pays. */
function childFirst(mode: 'lint' | 'parse', file: string): void {
  const text = readFileSync(file, 'utf8');
  const start = performance.now();
  if (mode === 'parse') parseAllDocuments(text);
  else {
    const workspace = new LintWorkspace();
    workspace.setDocument(file, text);
    workspace.lint(file);
  }
  console.log(JSON.stringify({ ms: performance.now() - start, maxRssKb: peakRssKb() }));
}

function firstInFreshProcess(mode: 'lint' | 'parse', file: string): number {
  const result = spawnSync(process.execPath, [__filename, `--child-first-${mode}`, file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`child first-${mode} failed: ${result.stderr}`);
  return (JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { ms: number }).ms;
}

export interface LintBenchOptions {
  manifestLines?: number;
  /** Size of the big manifest, linted with the size cap raised above it. */
  bigManifestBytes?: number;
  /** Tree sizes the CLI is run over; the growth exponent is fitted from the smallest and largest. */
  treeSizes?: readonly number[];
  rounds?: number;
}

export async function runLintLargeBench(options: LintBenchOptions = {}): Promise<BenchRow[]> {
  const m = material();
  const manifest = largeManifest(m, options.manifestLines ?? 10_000);
  const rounds = options.rounds ?? 7;
  const lines = manifest.split('\n').length;
  const rows: BenchRow[] = [];
  const [parseMs, lintMs] = timeInterleaved(rounds, [
    () => parseAllDocuments(manifest),
    () => {
      const workspace = new LintWorkspace();
      workspace.setDocument('/bench/manifest.yaml', manifest);
      workspace.lint('/bench/manifest.yaml');
    },
  ]);
  rows.push({
    name: `lint ${lines}-line multi-document manifest (in-process, warm median)`,
    value: round(lintMs),
    unit: 'ms',
    baseline: 'yaml parseAllDocuments of the same text, warm median',
    baselineValue: round(parseMs),
    method: `${rounds} runs after one warm-up, alternating with the parse, each a new LintWorkspace over the same text (${m.leafCount} Secrets, each with a certificate and key of its own): after the first run the certificates are in the linter's content cache, as when the editor re-lints a file after an edit. The fresh-process row below is the cold figure.`,
  });
  const scratch = mkdtempSync(path.join(tmpdir(), 'kuma-tls-bench-'));
  try {
    const manifestFile = path.join(scratch, 'manifest.yaml');
    writeFileSync(manifestFile, manifest);
    rows.push({ name: `lint ${lines}-line multi-document manifest (first lint in a fresh process)`, value: round(firstInFreshProcess('lint', manifestFile)), unit: 'ms', baseline: 'first yaml parseAllDocuments in a fresh process', baselineValue: round(firstInFreshProcess('parse', manifestFile)) });

    rows.push(...bigManifestRows(options.bigManifestBytes ?? 10 * 1024 * 1024));

    const sizes = options.treeSizes ?? [1000, 5000, 20_000];
    // One certificate per cluster folder (a folder's tls.crt and Secret hold the same one), the
    // same across sizes: every size is linted by a process of its own.
    const treeMaterial = material('tree-ca');
    const times: number[] = [];
    const rss: number[] = [];
    const baselineRss: number[] = [];
    const keptTreesRss: number[] = [];
    for (const files of sizes) {
      const root = path.join(scratch, `tree-${files}`);
      writeTree(root, treeMaterial, files);
      const kumaNames = ['--names', [...TREE_KUMA_YAML].join(',')];
      runBaseline(root, kumaNames); // warms the file cache for both
      // Interleaved rounds, medians: on this shared machine one run of each swings a ratio by a third.
      const parses: ChildResult[] = [];
      const lints: ChildResult[] = [];
      const rounds = treeRounds(files);
      for (let round = 0; round < rounds; round++) {
        parses.push(runBaseline(root, kumaNames));
        lints.push(runCliLint(root));
      }
      const parse = { wallMs: median(parses.map((r) => r.wallMs)), maxRssMb: median(parses.map((r) => r.maxRssMb)) };
      const lint = { wallMs: median(lints.map((r) => r.wallMs)), maxRssMb: median(lints.map((r) => r.maxRssMb)) };
      times.push(lint.wallMs);
      rss.push(lint.maxRssMb);
      baselineRss.push(parse.maxRssMb);
      // What holding every parse tree to the end costs by itself (the CLI releases them per batch).
      keptTreesRss.push(runBaseline(root, [...kumaNames, '--keep']).maxRssMb);
      const label = `kuma-tls lint over ${files.toLocaleString('en-US')} files (node dist/cli.js, child process`;
      rows.push({ name: `${label}, wall, median of ${rounds})`, value: round(lint.wallMs), unit: 'ms', baseline: 'walk + read every file + yaml parse of the Kuma YAML files (child process)', baselineValue: round(parse.wallMs) });
      rows.push({ name: `${label}, peak RSS)`, value: round(lint.maxRssMb), unit: 'MB', baseline: 'walk + read + parse (peak RSS)', baselineValue: round(parse.maxRssMb) });
      const folders = Math.ceil(files / TREE_PATTERN_FILES);
      rows.push({
        name: `native certificate work alone for the ${files.toLocaleString('en-US')}-file tree (signature check per folder)`,
        value: round(nativeCertificateWork(treeMaterial.caPem, treeMaterial.madeLeaves().slice(0, folders))),
        unit: 'ms',
        baseline: 'walk + read every file + yaml parse of the Kuma YAML files (child process)',
        baselineValue: round(parse.wallMs),
        method: `The OpenSSL calls the linter cannot skip for the tree's ${folders.toLocaleString('en-US')} cluster folders (each with a certificate and key of its own), timed in the bench process: each leaf's signature checked over its signed bytes with the CA's key (\`crypto.verify\`); the linter reads certificates and keys from their DER with its own code (src/pki/certificate-der.ts, public-key-der.ts), so that reading counts as ours. The 1.2x aim leaves 0.2 x the baseline for all the linter does beyond the walk, read and parse: where this row's ratio is above 0.20 the aim is below what a linter that checks every signature with OpenSSL can reach.`,
      });
      rmSync(root, { recursive: true, force: true });
    }
    if (sizes.length > 1) {
      const first = sizes[0];
      const last = sizes[sizes.length - 1];
      const span = `${first.toLocaleString('en-US')} to ${last.toLocaleString('en-US')} files`;
      const growth = (values: number[]): number => Math.round((Math.log(values[values.length - 1] / values[0]) / Math.log(last / first)) * 100) / 100;
      rows.push({ name: `kuma-tls lint time growth exponent, ${span} (1 = linear)`, value: growth(times), unit: '', baseline: 'linear growth', baselineValue: 1 });
      rows.push({ name: `kuma-tls lint peak RSS growth exponent, ${span} (1 = linear)`, value: growth(rss), unit: '', baseline: 'the baseline\'s exponent', baselineValue: growth(baselineRss) });
      // The exponent is below 1 for any process with a fixed base (Node and the bundle); what each file adds says whether trees are kept.
      const perThousand = (values: number[]): number => round(((values[values.length - 1] - values[0]) / (last - first)) * 1000);
      rows.push({ name: `kuma-tls lint peak RSS added per 1,000 files, ${span}`, value: perThousand(rss), unit: 'MB', baseline: 'what the baseline adds (it keeps no parse tree)', baselineValue: perThousand(baselineRss) });
      rows.push({ name: `kuma-tls lint peak RSS added per 1,000 files, ${span}, against keeping the trees`, value: perThousand(rss), unit: 'MB', baseline: 'what the baseline adds when it keeps every yaml tree to the end (one run a size)', baselineValue: perThousand(keptTreesRss) });
    }
    return rows;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Rounds of the big manifest: each has certificates of its own, so no lint finds one cached. */
const BIG_MANIFEST_ROUNDS = 3;

/**
 * The big manifest, with the size cap raised, in a process that has already linted and parsed a
 * 1 MB manifest of the same shape (so the code is compiled, as in the 10k-line figure) whose
 * certificates are not the big one's. Each round makes a manifest with certificates of its own
 * (none is in the linter's cache) and times its parse and its lint one after the other; the
 * figures are the medians over the rounds (one round each swung by some 10% between runs).
 */
function bigManifestRows(bytes: number): BenchRow[] {
  const warmUp = manifestOfBytes(material('warm-up-ca'), Math.min(bytes, 1024 * 1024));
  parseAllDocuments(warmUp);
  const warmUpWorkspace = new LintWorkspace({ maxFileBytes: warmUp.length + 1 });
  warmUpWorkspace.setDocument('/bench/warm-up.yaml', warmUp);
  warmUpWorkspace.lint('/bench/warm-up.yaml');
  const parses: number[] = [];
  const lints: number[] = [];
  let bigMaterial = material('big-ca-0');
  let big = '';
  for (let round = 0; round < BIG_MANIFEST_ROUNDS; round++) {
    if (round > 0) bigMaterial = material(`big-ca-${round}`);
    big = manifestOfBytes(bigMaterial, bytes);
    let started = performance.now();
    parseAllDocuments(big);
    parses.push(performance.now() - started);
    const workspace = new LintWorkspace({ maxFileBytes: big.length + 1 });
    workspace.setDocument('/bench/big.yaml', big);
    started = performance.now();
    const findings = workspace.lint('/bench/big.yaml');
    lints.push(performance.now() - started);
    if (findings.some((f) => f.rule === 'file-skipped')) throw new Error('the big manifest was skipped unlinted (over a parser bound), so its time says nothing');
  }
  const parseMs = median(parses);
  const lintMs = median(lints);
  const nativeMs = nativeCertificateWork(bigMaterial.caPem, bigMaterial.madeLeaves());
  const megabytes = (big.length / 1024 / 1024).toFixed(0);
  const certificates = `${bigMaterial.leafCount.toLocaleString('en-US')} Secrets, each with a certificate and key of its own beside one CA`;
  return [
    {
      name: `lint ${megabytes} MB multi-document manifest, size cap raised (in-process)`,
      value: round(lintMs),
      unit: 'ms',
      baseline: 'yaml parseAllDocuments of the same text',
      baselineValue: round(parseMs),
      method: `Medians of ${BIG_MANIFEST_ROUNDS} rounds, each one parse and one lint of a rendered install (${certificates}) with certificates of its own, after a warm-up on a 1 MB manifest of the same shape: the code is compiled, no certificate is cached. Rounds: lint ${lints.map((ms) => ms.toFixed(0)).join(', ')} ms; parse ${parses.map((ms) => ms.toFixed(0)).join(', ')} ms.`,
    },
    {
      name: `native certificate work alone for the ${megabytes} MB manifest (signature check per Secret)`,
      value: round(nativeMs),
      unit: 'ms',
      baseline: 'yaml parseAllDocuments of the same text',
      baselineValue: round(parseMs),
      method: `The OpenSSL calls the linter cannot skip for the same ${certificates}, each leaf's signature checked over its signed bytes with the CA's key (\`crypto.verify\`); the linter reads certificates and keys from their DER with its own code (src/pki/certificate-der.ts, public-key-der.ts), so that reading counts as ours. What is left of the lint row above after this is ours. When this row alone is above (aim − 1) × the parse, the lint row's aim is below what a linter that checks every signature with OpenSSL can reach.`,
    },
  ];
}

/**
 * The native (OpenSSL) work of linting a manifest's certificates, on the same leaves as the files
 * hold, timed alone: each leaf's signature checked over its TBS with the CA's key. Not the
 * parsing of certificates and keys: the linter reads both from their DER (src/pki/certificate-der.ts,
 * src/pki/public-key-der.ts), so that is its own work, no longer a floor.
 */
export function nativeCertificateWork(caPem: string, made: readonly Leaf[]): number {
  const caKey = new X509Certificate(caPem).publicKey;
  const signed = made.map((leaf) => {
    const read = readCertificateDer(new X509Certificate(leaf.certPem).raw);
    if (!read) throw new Error('a bench leaf is outside what certificate-der.ts reads, so the linter would load it with OpenSSL');
    return read;
  });
  const started = performance.now();
  for (const leaf of signed) verify('sha256', leaf.tbs, caKey, leaf.signature);
  return performance.now() - started;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

async function printTable(): Promise<void> {
  const sizes = process.env.KUMA_TLS_BENCH_TREES?.split(',').map(Number);
  const rows = await runLintLargeBench(sizes ? { treeSizes: sizes } : {});
  console.log(`node ${process.version}; in-process figures are medians of 7 warm runs unless marked; child processes timed once after a warm-up`);
  for (const row of rows) {
    console.log(`${row.name}: ${row.value} ${row.unit}  |  ${row.baseline}: ${row.baselineValue} ${row.unit}  |  ratio ${(row.value / row.baselineValue).toFixed(2)}x`);
  }
}

if (require.main === module) {
  const [mode, target] = process.argv.slice(2);
  if (mode === '--child-first-lint') childFirst('lint', target);
  else if (mode === '--child-first-parse') childFirst('parse', target);
  else void printTable();
}
