// Certificate generation end to end as a process: `kuma-tls generate tls-certificate` against
// `openssl req -x509 -newkey …` doing the same job, interleaved in one run so machine load hits
// both alike. Not a test: it reports, it asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateTlsCertificate } from '../src/pki/generate';
import { KeyType } from '../src/pki/keys';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
}

export interface PkiBenchOptions {
  iterations?: number;
  /** The CLI bundle; defaults to dist/cli.js of this checkout. */
  cli?: string;
}

interface Case {
  name: string;
  ours: string[];
  baseline: string;
  openssl: string[];
}

const CASES: Case[] = [
  {
    name: 'generate tls-certificate RSA-2048 (process)',
    ours: ['--key-type=rsa'],
    baseline: 'openssl req -x509 -newkey rsa:2048',
    openssl: ['-newkey', 'rsa:2048'],
  },
  {
    name: 'generate tls-certificate ECDSA P-256 (process)',
    ours: ['--key-type=ecdsa'],
    baseline: 'openssl req -x509 -newkey ec P-256',
    openssl: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  },
];

function timed(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  }
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

interface Measured {
  testCase: Case;
  ours: number[];
  openssl: number[];
}

function measure(options: PkiBenchOptions): Measured[] {
  const iterations = options.iterations ?? 20;
  const cli = options.cli ?? path.resolve(__dirname, '../../dist/cli.js');
  if (!existsSync(cli)) {
    throw new Error(`${cli} is missing; build it with: npx webpack --mode development`);
  }
  return CASES.map((testCase) => {
    const oursArgs = [cli, 'generate', 'tls-certificate', '--type=server', '--hostname=kuma-control-plane.kuma-system', ...testCase.ours, '--cert-file', '-', '--key-file', '-'];
    const opensslArgs = ['req', '-x509', ...testCase.openssl, '-nodes', '-subj', '/', '-days', '3650', '-addext', 'subjectAltName=DNS:kuma-control-plane.kuma-system', '-keyout', '-', '-out', '-'];
    // One untimed round each warms the file cache.
    timed(process.execPath, oursArgs);
    timed('openssl', opensslArgs);
    const measured: Measured = { testCase, ours: [], openssl: [] };
    for (let round = 0; round < iterations; round += 1) {
      measured.ours.push(timed(process.execPath, oursArgs));
      measured.openssl.push(timed('openssl', opensslArgs));
    }
    return measured;
  });
}

function nodeStartup(iterations: number): number {
  return median(Array.from({ length: iterations }, () => timed(process.execPath, ['-e', '0'])));
}

/**
 * Rows for `npm run bench`: our median per certificate against openssl's, as processes, plus
 * the library alone in-process (what the editor pays), against the same openssl figure.
 */
export async function runPkiGenerateBench(options: PkiBenchOptions = {}): Promise<BenchRow[]> {
  const processes = measure(options);
  const rows: BenchRow[] = processes.map(({ testCase, ours, openssl }) => ({
    name: testCase.name,
    value: round(median(ours)),
    unit: 'ms',
    baseline: testCase.baseline,
    baselineValue: round(median(openssl)),
  }));
  for (const [index, keyType] of (['rsa', 'ecdsa'] as KeyType[]).entries()) {
    const inProcess = await measureInProcess(keyType, options.iterations ?? 20);
    rows.push({
      name: `generateTlsCertificate ${keyType === 'rsa' ? 'RSA-2048' : 'ECDSA P-256'} (in-process)`,
      value: round(median(inProcess)),
      unit: 'ms',
      baseline: processes[index].testCase.baseline,
      baselineValue: round(median(processes[index].openssl)),
    });
  }
  return rows;
}

async function measureInProcess(keyType: KeyType, iterations: number): Promise<number[]> {
  const request = { type: 'server' as const, hostnames: ['kuma-control-plane.kuma-system'], keyType };
  await generateTlsCertificate(request);
  const times: number[] = [];
  for (let round = 0; round < iterations; round += 1) {
    const started = performance.now();
    await generateTlsCertificate(request);
    times.push(performance.now() - started);
  }
  return times;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

async function printTable(options: PkiBenchOptions): Promise<void> {
  const iterations = options.iterations ?? 20;
  const results = measure(options);
  const startup = nodeStartup(iterations);
  const header = ['case', 'kuma-tls mean', 'kuma-tls median', 'openssl mean', 'openssl median', 'ratio (median)'];
  const row = (name: string, ours: number[], openssl: number[]): string[] => [
    name,
    `${mean(ours).toFixed(1)} ms`,
    `${median(ours).toFixed(1)} ms`,
    `${mean(openssl).toFixed(1)} ms`,
    `${median(openssl).toFixed(1)} ms`,
    `${(median(ours) / median(openssl)).toFixed(2)}x`,
  ];
  const rows = results.map(({ testCase, ours, openssl }) => row(testCase.name, ours, openssl));
  for (const [index, keyType] of (['rsa', 'ecdsa'] as KeyType[]).entries()) {
    const label = `generateTlsCertificate ${keyType === 'rsa' ? 'RSA-2048' : 'ECDSA P-256'} (in-process)`;
    rows.push(row(label, await measureInProcess(keyType, iterations), results[index].openssl));
  }
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column].length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  console.log(`${iterations} runs each, interleaved; node ${process.version}`);
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  rows.forEach((cells) => console.log(line(cells)));
  console.log(`(for scale: a bare \`node -e 0\` takes ${startup.toFixed(1)} ms median on this machine)`);
}

if (require.main === module) {
  const iterations = Number.parseInt(process.argv[2] ?? '20', 10);
  void printTable({ iterations });
}
