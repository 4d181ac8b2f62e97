// Cross-file linting at workspace scale (issues 5 and 12), each figure beside a baseline measured
// in the same run:
// - the cold index + lint of a generated 2,000-file workspace in a fresh process (every Secret and
//   PEM file with its own certificate, so no certificate cache helps), beside a fresh process
//   that only reads and YAML-parses the same files; and the warm median in that process;
// - the re-check after editing a Secret that 50 of the workspace's 750 values files name, beside
//   linting those 50 dependents from scratch (their cached findings dropped, the index kept).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { LintWorkspace } from '../src/lint/workspace';
import { buildCertificate, nameDer } from '../src/pki/certificate';
import { subjectAltNames } from '../src/pki/hostnames';
import { generateKeys, KeyPair, privateKeyPem } from '../src/pki/keys';
import type { BenchRow } from './pki-generate';

const NOW = new Date();
const DAY = 24 * 3600 * 1000;
const SHARED = 'shared-tls';
const SHARED_VALUES = 50;
const OWN_VALUES = 700;
const PKI_FOLDERS = 100;
/** Re-check rounds discarded before timing, and timed rounds per run (interleaved with the from-scratch lint). */
const RECHECK_WARMUP = 10;
const RECHECK_ROUNDS_PER_RUN = 12;

interface Leaf {
  certPem: string;
  keyPem: string;
}

interface Material {
  caPem: string;
  otherCaPem: string;
  /** One leaf per Secret and PEM folder: distinct certificates, as in a real workspace. */
  leaves: Leaf[];
}

async function material(count: number): Promise<Material> {
  const caKeys = await generateKeys('ecdsa');
  const otherKeys = await generateKeys('ecdsa');
  const validity = { notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 365 * DAY) };
  const ca = (keys: KeyPair, name: string) => buildCertificate({ subjectDer: nameDer(name), subjectKeys: keys, ...validity, isCA: true, keyUsage: ['keyCertSign', 'cRLSign'], extKeyUsage: [], subjectAltNames: [] }).pem;
  const leaves: Leaf[] = [];
  for (let i = 0; i < count; i++) {
    const keys = await generateKeys('ecdsa');
    const certPem = buildCertificate({
      subjectDer: nameDer(undefined),
      subjectKeys: keys,
      issuer: { nameDer: nameDer('bench-ca'), keys: caKeys },
      ...validity,
      isCA: false,
      keyUsage: ['digitalSignature'],
      extKeyUsage: ['serverAuth'],
      subjectAltNames: subjectAltNames(['kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc', `cp-${i}.example`]),
    }).pem;
    leaves.push({ certPem, keyPem: privateKeyPem(keys) });
  }
  return { caPem: ca(caKeys, 'bench-ca'), otherCaPem: ca(otherKeys, 'other-ca'), leaves };
}

const b64 = (t: string) => Buffer.from(t).toString('base64');

function secret(name: string, leaf: Leaf, caPem: string): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: kuma-system\ntype: Opaque\ndata:\n  tls.crt: ${b64(leaf.certPem)}\n  tls.key: ${b64(leaf.keyPem)}\n  ca.crt: ${b64(caPem)}\n`;
}

function values(name: string, m: Material): string {
  return `controlPlane:\n  tls:\n    general:\n      secretName: ${name}\n      caBundle: ${b64(m.caPem)}\n`;
}

/**
 * About 2,000 files: one Secret that 50 values files name, 700 values files each with its own
 * Secret (750 values files), 100 PEM folders with an install script, unrelated YAML to the total.
 */
function generateWorkspace(dir: string, m: Material, total: number): { sharedSecret: string; sharedText: (caPem: string) => string } {
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  let leaf = 0;
  const sharedLeaf = m.leaves[leaf++];
  const sharedText = (caPem: string) => secret(SHARED, sharedLeaf, caPem);
  let n = 0;
  put('shared/secret.yaml', sharedText(m.caPem));
  n++;
  for (let i = 0; i < SHARED_VALUES; i++, n++) put(`shared/values-${i}.yaml`, values(SHARED, m));
  for (let i = 0; i < OWN_VALUES; i++, n += 2) {
    put(`deploy-${i}/secret.yaml`, secret(`tls-${i}`, m.leaves[leaf++], m.caPem));
    put(`deploy-${i}/values.yaml`, values(`tls-${i}`, m));
  }
  for (let i = 0; i < PKI_FOLDERS; i++, n += 4) {
    const own = m.leaves[leaf++];
    put(`pki-${i}/ca.crt`, m.caPem);
    put(`pki-${i}/tls.crt`, own.certPem);
    put(`pki-${i}/tls.key`, own.keyPem);
    put(`pki-${i}/install.sh`, `kubectl create secret generic script-${i} -n kuma-system --from-file=tls.crt=tls.crt --from-file=tls.key=tls.key --from-file=ca.crt=ca.crt\nkumactl install control-plane --set controlPlane.tls.general.secretName=script-${i} --set controlPlane.tls.general.caBundle=$(base64 -w0 < ca.crt)\n`);
  }
  for (let i = 0; n < total; i++, n++) put(`apps/app-${i}.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: 2\n`);
  return { sharedSecret: path.join(dir, 'shared/secret.yaml'), sharedText };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(runs: number, body: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    body();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const round = (v: number) => Math.round(v * 10) / 10;

function lintTree(paths: string[]): void {
  const ws = new LintWorkspace({});
  for (const p of paths) ws.setDocument(p, readFileSync(p));
  ws.lintAll();
}

function parseTree(paths: string[]): void {
  for (const p of paths) {
    const text = readFileSync(p, 'utf8');
    if (p.endsWith('.yaml')) parseAllDocuments(text);
  }
}

/** In a fresh process: the first index + lint (or parse) of the tree, then the warm median of `warm` more. */
function child(dir: string, mode: 'lint' | 'parse', warm: number): void {
  const paths = filesUnder(dir);
  const run = mode === 'lint' ? () => lintTree(paths) : () => parseTree(paths);
  const started = performance.now();
  run();
  const firstMs = performance.now() - started;
  const warmMs = warm > 0 ? time(warm, run) : NaN;
  console.log(JSON.stringify({ firstMs, warmMs }));
}

function inFreshProcess(dir: string, mode: 'lint' | 'parse', warm: number): { firstMs: number; warmMs: number } {
  const result = spawnSync(process.execPath, [__filename, `--child-${mode}`, dir, String(warm)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`child ${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { firstMs: number; warmMs: number };
}

export interface WorkspaceBenchOptions {
  files?: number;
  runs?: number;
}

export async function runWorkspaceIndexBench(options: WorkspaceBenchOptions = {}): Promise<BenchRow[]> {
  const files = options.files ?? 2000;
  const runs = options.runs ?? 5;
  const m = await material(1 + OWN_VALUES + PKI_FOLDERS);
  const dir = mkdtempSync(path.join(tmpdir(), 'kuma-tls-ws-bench-'));
  try {
    const { sharedSecret, sharedText } = generateWorkspace(dir, m, files);
    const paths = filesUnder(dir);
    inFreshProcess(dir, 'parse', 0); // warms the file cache for both
    const coldLint: number[] = [];
    const coldParse: number[] = [];
    let warmLint = NaN;
    for (let i = 0; i < Math.max(1, Math.floor(runs / 2)); i++) {
      const lint = inFreshProcess(dir, 'lint', i === 0 ? runs : 0);
      if (i === 0) warmLint = lint.warmMs;
      coldLint.push(lint.firstMs);
      coldParse.push(inFreshProcess(dir, 'parse', 0).firstMs);
    }

    const ws = new LintWorkspace({});
    for (const p of paths) ws.setDocument(p, readFileSync(p));
    ws.lintAll();
    const texts = [sharedText(m.otherCaPem), sharedText(m.caPem)];
    let flip = 0;
    let dependents: string[] = [];
    // The re-check as the editor runs it: the Secret changes, its dependents are looked up and
    // re-linted with everything else kept.
    const recheckOnce = (): number => {
      const started = performance.now();
      ws.setDocument(sharedSecret, texts[flip++ % 2]);
      dependents = ws.dependentsOf(sharedSecret);
      ws.lint(sharedSecret);
      for (const p of dependents) ws.lint(p);
      return performance.now() - started;
    };
    // The same dependents in the same two states of the Secret, their cached findings dropped (new
    // options drop every cache; the index stays): the rules' own cost, without the re-check's.
    const scratchOnce = (): number => {
      ws.setDocument(sharedSecret, texts[flip++ % 2]);
      ws.lint(sharedSecret);
      ws.setOptions({});
      const started = performance.now();
      for (const p of dependents) ws.lint(p);
      return performance.now() - started;
    };
    // An editor re-checks in a process that has run the rules before: a few rounds of each are
    // discarded, then the two are interleaved so the machine's load falls on both alike.
    const warmup: number[] = [];
    for (let i = 0; i < RECHECK_WARMUP; i++) {
      warmup.push(recheckOnce());
      scratchOnce();
    }
    const rechecks: number[] = [];
    const scratch: number[] = [];
    for (let i = 0; i < runs * RECHECK_ROUNDS_PER_RUN; i++) {
      rechecks.push(recheckOnce());
      scratch.push(scratchOnce());
    }
    const recheck = median(rechecks);
    const fromScratch = median(scratch);
    const valuesFiles = SHARED_VALUES + OWN_VALUES;
    return [
      { name: `cold index + lint of ${paths.length} files, distinct certificates (fresh process, first run)`, value: round(median(coldLint)), unit: 'ms', baseline: 'read + yaml parse of the same files (fresh process, first run)', baselineValue: round(median(coldParse)) },
      { name: `index + lint of the same ${paths.length} files, warm (same process, median)`, value: round(warmLint), unit: 'ms', baseline: 'the first run in that process', baselineValue: round(median(coldLint)) },
      { name: `re-check after editing a Secret ${SHARED_VALUES} of ${valuesFiles} values files name (${dependents.length} dependents re-linted)`, value: round(recheck), unit: 'ms', baseline: `linting those ${dependents.length} dependents from scratch (index kept)`, baselineValue: round(fromScratch), method: `Median of ${rechecks.length} edits after ${RECHECK_WARMUP} discarded, each timed from setDocument to the last dependent linted, interleaved with its baseline: the same dependents linted with their cached findings dropped (new options), in the same two states of the Secret. The discarded ones took ${warmup.map((ms) => round(ms)).join(', ')} ms (the first is the first re-check after the workspace was linted).` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function printTable(): Promise<void> {
  const rows = await runWorkspaceIndexBench();
  console.log(`node ${process.version}; fresh-process runs and in-process medians`);
  console.log('| measure | value | baseline | baseline value | ratio |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.name} | ${row.value} ${row.unit} | ${row.baseline} | ${row.baselineValue} ${row.unit} | ${(row.value / row.baselineValue).toFixed(2)}x |`);
}

if (require.main === module) {
  const [mode, dir, warm] = process.argv.slice(2);
  if (mode === '--child-lint') child(dir, 'lint', Number(warm));
  else if (mode === '--child-parse') child(dir, 'parse', Number(warm));
  else void printTable();
}
