// The linter at scale, each figure beside a baseline measured in the same run: a generated
// 10,000-line multi-document manifest linted vs only parsed with `yaml`, and `kuma-tls lint`
// over a generated tree of 1,000 Kuma files (child process: wall time, peak RSS) vs reading and
// parsing the same files. Not a test: it reports, it asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, promises as fs, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { runLint } from '../src/cli/lint';
import { discoverFiles } from '../src/lint/discover';
import { LintWorkspace } from '../src/lint/workspace';
import { buildCertificate, nameDer } from '../src/pki/certificate';
import { subjectAltNames } from '../src/pki/hostnames';
import { generateKeys, KeyPair, privateKeyPem } from '../src/pki/keys';
import type { BenchRow } from './pki-generate';

const DAY = 24 * 60 * 60 * 1000;

export interface Material {
  caPem: string;
  leaves: Array<{ certPem: string; keyPem: string }>;
}

export async function material(count: number): Promise<Material> {
  const caKeys = await generateKeys('ecdsa');
  const now = Date.now();
  const cert = (keys: KeyPair, issuer: KeyPair | undefined, isCA: boolean, hosts: string[]): string =>
    buildCertificate({
      subjectDer: nameDer(isCA ? 'bench-ca' : undefined),
      subjectKeys: keys,
      issuer: issuer ? { nameDer: nameDer('bench-ca'), keys: issuer } : undefined,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 365 * DAY),
      isCA,
      keyUsage: isCA ? ['keyCertSign'] : ['digitalSignature'],
      extKeyUsage: isCA ? [] : ['serverAuth'],
      subjectAltNames: hosts.length ? subjectAltNames(hosts) : [],
    }).pem;
  const leaves = [];
  for (let i = 0; i < count; i++) {
    const keys = await generateKeys('ecdsa');
    leaves.push({ certPem: cert(keys, caKeys, false, ['kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc', `svc-${i}.example`]), keyPem: privateKeyPem(keys) });
  }
  return { caPem: cert(caKeys, undefined, true, []), leaves };
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

export function secretDoc(m: Material, i: number): string {
  const leaf = m.leaves[i % m.leaves.length];
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
  const docs: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const doc = [secretDoc, (_: Material, n: number) => deploymentDoc(n), valuesDoc, (_: Material, n: number) => configMapDoc(n)][i % 4](m, i);
    docs.push(doc);
    count += doc.split('\n').length;
  }
  return docs.join('---\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeIt(rounds: number, fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

function writeTree(root: string, m: Material, files: number): void {
  let written = 0;
  for (let folder = 0; written < files; folder++) {
    const dir = path.join(root, `cluster-${folder}`);
    mkdirSync(dir, { recursive: true });
    const leaf = m.leaves[folder % m.leaves.length];
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

function child(mode: '--child-lint' | '--child-parse', dir: string): ChildResult {
  return runChild(__filename, mode, dir);
}

/** Runs a bench script as a child in `mode` over `dir`; the child reports its own time and peak RSS. */
export function runChild(script: string, mode: string, dir: string): ChildResult {
  const started = performance.now();
  const result = spawnSync(process.execPath, [script, mode, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`child ${mode} failed: ${result.stderr}`);
  const reported = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { maxRssKb: number };
  return { wallMs, maxRssMb: reported.maxRssKb / 1024 };
}

/** `kuma-tls lint --format json` in-process; prints the peak RSS for `runChild`. */
export async function childLint(dir: string): Promise<void> {
  let findings = 0;
  await runLint(['--format', 'json', dir], { stdout: (t) => void (findings += (JSON.parse(t) as { findings: unknown[] }).findings.length), stderr: () => undefined, cwd: dir });
  console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, findings }));
}

async function childParse(dir: string): Promise<void> {
  let files = 0;
  for await (const file of discoverFiles([dir], () => undefined)) {
    const text = await fs.readFile(file.path, 'utf8');
    if (file.path.endsWith('.yaml')) parseAllDocuments(text);
    files++;
  }
  console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, files }));
}

export interface LintBenchOptions {
  manifestLines?: number;
  treeFiles?: number;
  rounds?: number;
}

export async function runLintLargeBench(options: LintBenchOptions = {}): Promise<BenchRow[]> {
  const m = await material(20);
  const manifest = largeManifest(m, options.manifestLines ?? 10_000);
  const rounds = options.rounds ?? 7;
  const parseMs = timeIt(rounds, () => parseAllDocuments(manifest));
  const lintMs = timeIt(rounds, () => {
    const workspace = new LintWorkspace();
    workspace.setDocument('/bench/manifest.yaml', manifest);
    workspace.lint('/bench/manifest.yaml');
  });
  const root = mkdtempSync(path.join(tmpdir(), 'kuma-tls-bench-'));
  try {
    writeTree(root, m, options.treeFiles ?? 1000);
    child('--child-parse', root); // warms the file cache for both
    const parse = child('--child-parse', root);
    const lint = child('--child-lint', root);
    const lines = manifest.split('\n').length;
    return [
      { name: `lint ${lines}-line multi-document manifest (in-process)`, value: round(lintMs), unit: 'ms', baseline: 'yaml parseAllDocuments of the same text', baselineValue: round(parseMs) },
      { name: `kuma-tls lint over ${options.treeFiles ?? 1000} files (child process, wall)`, value: round(lint.wallMs), unit: 'ms', baseline: 'walk + read + yaml parse of the same files (child process)', baselineValue: round(parse.wallMs) },
      { name: `kuma-tls lint over ${options.treeFiles ?? 1000} files (peak RSS)`, value: round(lint.maxRssMb), unit: 'MB', baseline: 'walk + read + yaml parse (peak RSS)', baselineValue: round(parse.maxRssMb) },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

async function printTable(): Promise<void> {
  const rows = await runLintLargeBench();
  console.log(`node ${process.version}; medians of 7 in-process runs; child processes timed once after a warm-up`);
  for (const row of rows) {
    console.log(`${row.name}: ${row.value} ${row.unit}  |  ${row.baseline}: ${row.baselineValue} ${row.unit}  |  ratio ${(row.value / row.baselineValue).toFixed(2)}x`);
  }
}

if (require.main === module) {
  const [mode, dir] = process.argv.slice(2);
  if (mode === '--child-lint') void childLint(dir);
  else if (mode === '--child-parse') void childParse(dir);
  else void printTable();
}
