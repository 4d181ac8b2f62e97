// Certificate generation, each figure beside a baseline that does the same job in the same run:
// - as a process: `kuma-tls generate tls-certificate` minus Node's own start (`node -e 0`, same
//   round) against `openssl req -x509 -newkey …` writing the same certificate and key;
// - RSA-2048 key generation alone, which both pay and which is random (a prime search);
// - in-process (what the editor pays): our whole certificate against Node's crypto doing only the
//   native part of the job (key pair, one signature, the PEM export), so the ratio is our overhead.
// - Node's floor for the same job: a script that only loads node:crypto and makes the key, one
//   signature and the two files, against the same openssl run.
// Not a test: it reports, it asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPair, sign } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { generateTlsCertificate } from '../src/pki/generate';
import { KeyType, privateKeyPem } from '../src/pki/keys';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  /** How the figure and its baseline were measured; BENCHMARKS.md prints it under its section's table. */
  method?: string;
  /** The BENCHMARKS.md section; without it, the section of the benchmark that produced the row. */
  section?: string;
  /** An issue's aim, judged by bench-all: value below `limit`, or at most `ratio` times the baseline. */
  aim?: { text: string; limit?: number; ratio?: number };
}

export interface PkiBenchOptions {
  /** Interleaved rounds of every process; medians over them. 21 by default: RSA key generation is random. */
  rounds?: number;
  /** The CLI bundle; defaults to dist/cli.js of this checkout. */
  cli?: string;
}

const SECTION = 'Certificate generation';
const DEFAULT_ROUNDS = 21;
const HOSTNAMES = ['kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc'];
const KEY_TYPES: KeyType[] = ['ecdsa', 'rsa'];
const LABEL: Record<KeyType, string> = { rsa: 'RSA-2048', ecdsa: 'ECDSA P-256' };
/** openssl's spelling of the same key. */
const OPENSSL_KEY: Record<KeyType, string[]> = { rsa: ['-newkey', 'rsa:2048'], ecdsa: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] };

function timed(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.error?.message ?? result.stderr}`);
  }
  return elapsed;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function quartiles(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number): number => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
  return `${ms(at(0.25))}–${ms(at(0.75))} (quartiles), ${ms(sorted[0])}–${ms(sorted[sorted.length - 1])} (range)`;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const round = (value: number): number => Math.round(value * 10) / 10;

/** kumactl's certificate, spelled for openssl: self-signed, CA:TRUE, the same usages and SANs. */
function opensslArgs(keyType: KeyType, keyFile: string, certFile: string): string[] {
  return [
    'req', '-x509', ...OPENSSL_KEY[keyType], '-nodes', '-subj', '/', '-days', '3650',
    '-addext', `subjectAltName=${HOSTNAMES.map((host) => `DNS:${host}`).join(',')}`,
    '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign',
    '-addext', 'extendedKeyUsage=serverAuth',
    '-keyout', keyFile, '-out', certFile,
  ];
}

function oursArgs(cli: string, keyType: KeyType, keyFile: string, certFile: string): string[] {
  return [cli, 'generate', 'tls-certificate', '--type=server', `--hostname=${HOSTNAMES.join(',')}`, `--key-type=${keyType}`, `--cert-file=${certFile}`, `--key-file=${keyFile}`];
}

export interface ProcessTimes {
  rounds: number;
  node: number[];
  ours: Record<KeyType, number[]>;
  /** A Node program doing only the native part of the job (NODE_FLOOR_SCRIPT). */
  floor: Record<KeyType, number[]>;
  openssl: Record<KeyType, number[]>;
}

/**
 * The least a Node program can do for the same certificate: load node:crypto and node:fs,
 * generate the key pair, export the public key, make one signature, write the key PEM (0600) and
 * a file of the certificate's size. No X.509 assembly, no checks: what is left above Node's start
 * is Node's own floor for this job, which no Node CLI can go under.
 */
const NODE_FLOOR_SCRIPT = [
  "const crypto = require('node:crypto'); const fs = require('node:fs');",
  'const [type, keyFile, certFile] = process.argv.slice(2);',
  "const { privateKey, publicKey } = type === 'rsa' ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }) : crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });",
  "const spki = publicKey.export({ type: 'spki', format: 'der' });",
  "const signature = crypto.sign('sha256', Buffer.concat([spki, Buffer.alloc(300)]), privateKey);",
  "fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });",
  "fs.writeFileSync(certFile, Buffer.concat([spki, signature]).toString('base64'), { flag: 'wx' });",
].join('\n');

/**
 * Every round runs each process once, in the same order, each writing two new files (no
 * --force, no overwrite) into a fresh temporary folder, so machine load hits all alike.
 */
export function measureProcesses(options: PkiBenchOptions = {}): ProcessTimes {
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const cli = options.cli ?? path.resolve(__dirname, '../../dist/cli.js');
  if (!existsSync(cli)) {
    throw new Error(`${cli} is missing; build it with: npm run build`);
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'kuma-tls-bench-generate-'));
  const times: ProcessTimes = { rounds, node: [], ours: { rsa: [], ecdsa: [] }, floor: { rsa: [], ecdsa: [] }, openssl: { rsa: [], ecdsa: [] } };
  // A script file, as the CLI is one: \`node -e\` has node:crypto loaded before the script runs
  // (3 ms here), a file does not.
  const floorScript = path.join(folder, 'floor.js');
  writeFileSync(floorScript, NODE_FLOOR_SCRIPT);
  try {
    // Round 0 warms the page cache and is not counted.
    for (let index = 0; index <= rounds; index += 1) {
      const file = (who: string, keyType: KeyType, what: string): string => path.join(folder, `${who}-${keyType}-${index}.${what}`);
      const node = timed(process.execPath, ['-e', '0']);
      const ours = KEY_TYPES.map((keyType) => timed(process.execPath, oursArgs(cli, keyType, file('ours', keyType, 'key'), file('ours', keyType, 'crt'))));
      const floor = KEY_TYPES.map((keyType) => timed(process.execPath, [floorScript, keyType, file('floor', keyType, 'key'), file('floor', keyType, 'crt')]));
      const openssl = KEY_TYPES.map((keyType) => timed('openssl', opensslArgs(keyType, file('openssl', keyType, 'key'), file('openssl', keyType, 'crt'))));
      if (index === 0) {
        continue;
      }
      times.node.push(node);
      KEY_TYPES.forEach((keyType, at) => {
        times.ours[keyType].push(ours[at]);
        times.floor[keyType].push(floor[at]);
        times.openssl[keyType].push(openssl[at]);
      });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return times;
}

/** Per round, our process minus `node -e 0` of the same round: what the CLI adds to Node's start. */
export function aboveNode(times: ProcessTimes, keyType: KeyType, who: 'ours' | 'floor' = 'ours'): number[] {
  return times[who][keyType].map((value, index) => value - times.node[index]);
}

const generateKeyPairAsync = promisify(generateKeyPair);

/** RSA-2048 key generation alone, in-process, warm: the random part both tools pay. */
async function rsaKeyGeneration(rounds: number): Promise<number[]> {
  await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  const times: number[] = [];
  for (let index = 0; index < rounds; index += 1) {
    const started = performance.now();
    await generateKeyPairAsync('rsa', { modulusLength: 2048 });
    times.push(performance.now() - started);
  }
  return times;
}

/** openssl generating only the RSA-2048 key, as a process (its start is a few ms). */
function opensslRsaKeyGeneration(rounds: number): number[] {
  const folder = mkdtempSync(path.join(tmpdir(), 'kuma-tls-bench-genpkey-'));
  try {
    return Array.from({ length: rounds }, (_, index) =>
      timed('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', path.join(folder, `${index}.key`)]),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface InProcess {
  ours: number[];
  native: number[];
}

/**
 * Warm, in one process, alternating: `generateTlsCertificate` against the native calls any
 * implementation makes (key pair, the SPKI export, one SHA-256 signature over a TBS-sized
 * buffer, the private key's PEM export).
 */
async function measureInProcess(keyType: KeyType, rounds: number): Promise<InProcess> {
  const request = { type: 'server' as const, hostnames: HOSTNAMES, keyType };
  const native = async (): Promise<void> => {
    const keys = keyType === 'rsa'
      ? await generateKeyPairAsync('rsa', { modulusLength: 2048, publicExponent: 0x10001 })
      : await generateKeyPairAsync('ec', { namedCurve: 'prime256v1' });
    keys.publicKey.export({ type: 'spki', format: 'der' });
    sign('sha256', Buffer.alloc(keyType === 'rsa' ? 560 : 330, 1), keys.privateKey);
    privateKeyPem({ type: keyType, ...keys });
  };
  await generateTlsCertificate(request);
  await native();
  const result: InProcess = { ours: [], native: [] };
  for (let index = 0; index < rounds; index += 1) {
    let started = performance.now();
    await generateTlsCertificate(request);
    result.ours.push(performance.now() - started);
    started = performance.now();
    await native();
    result.native.push(performance.now() - started);
  }
  return result;
}

/** Rows for `npm run bench`. */
export async function runPkiGenerateBench(options: PkiBenchOptions = {}): Promise<BenchRow[]> {
  const times = measureProcesses(options);
  const rows: BenchRow[] = [];
  for (const keyType of KEY_TYPES) {
    const added = aboveNode(times, keyType);
    rows.push({
      name: `generate tls-certificate ${LABEL[keyType]} as a process, above Node's own start`,
      value: round(median(added)),
      unit: 'ms',
      baseline: `openssl req -x509 -newkey ${keyType === 'rsa' ? 'rsa:2048' : 'ec P-256'}, same SANs and usages`,
      baselineValue: round(median(times.openssl[keyType])),
      section: SECTION,
      aim: { text: '<= openssl (issue 12)', ratio: 1 },
      method:
        `${times.rounds} interleaved rounds, each running \`node -e 0\`, \`node dist/cli.js generate tls-certificate --type=server ` +
        `--hostname=${HOSTNAMES.join(',')} --key-type=${keyType} --cert-file=… --key-file=…\` (production bundle) and the openssl ` +
        'command, every one writing a new key and certificate file into a temporary folder; wall time of each child process. ' +
        `Value: median over rounds of (generate − \`node -e 0\` of the same round). Medians of the processes themselves: generate ` +
        `${ms(median(times.ours[keyType]))}, \`node -e 0\` ${ms(median(times.node))}, openssl ${ms(median(times.openssl[keyType]))}` +
        (keyType === 'rsa' ? '. Both generate an RSA-2048 key, a random prime search; see the key generation row.' : '.'),
    });
  }
  for (const keyType of KEY_TYPES) {
    rows.push({
      name: `Node's floor for the ${LABEL[keyType]} job as a process (crypto only, no X.509), above Node's own start`,
      value: round(median(aboveNode(times, keyType, 'floor'))),
      unit: 'ms',
      baseline: `openssl req -x509 -newkey ${keyType === 'rsa' ? 'rsa:2048' : 'ec P-256'}, same SANs and usages`,
      baselineValue: round(median(times.openssl[keyType])),
      section: SECTION,
      method:
        'The same rounds run `node floor.js`, a script file that loads node:crypto and node:fs, generates the key pair, exports the ' +
        'public key, signs once and writes the key PEM (0600) and a file of the certificate\'s size: the native part of the job ' +
        `and nothing else. Value: median over rounds of (that process − \`node -e 0\` of the same round); process median ` +
        `${ms(median(times.floor[keyType]))}. When it is above openssl, the aim "generate above Node's start <= openssl" is below ` +
        'what any Node program can reach on this machine; the generate row above is then best read against this one.',
    });
  }
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const keyGeneration = await rsaKeyGeneration(rounds);
  const opensslKeyGeneration = opensslRsaKeyGeneration(rounds);
  rows.push({
    name: 'RSA-2048 key generation alone (Node crypto, in-process)',
    value: round(median(keyGeneration)),
    unit: 'ms',
    baseline: 'openssl genpkey rsa_keygen_bits:2048 (process)',
    baselineValue: round(median(opensslKeyGeneration)),
    section: SECTION,
    method:
      `${rounds} generations each, after one warm-up; \`crypto.generateKeyPair('rsa', 2048)\` timed in this process, and openssl ` +
      `genpkey as a process. The time is random: Node ${quartiles(keyGeneration)}; openssl ${quartiles(opensslKeyGeneration)}. ` +
      `Node's crypto is OpenSSL ${process.versions.openssl}, so both run the same prime search.`,
  });
  for (const keyType of KEY_TYPES) {
    const inProcess = await measureInProcess(keyType, Math.max(rounds, 20));
    rows.push({
      name: `generateTlsCertificate ${LABEL[keyType]} (in-process, warm)`,
      value: round(median(inProcess.ours)),
      unit: 'ms',
      baseline: 'Node crypto alone in-process: key pair, SPKI export, one signature, key PEM',
      baselineValue: round(median(inProcess.native)),
      section: SECTION,
      method:
        `${inProcess.ours.length} alternating calls in one warm process (what the editor pays per certificate). The difference ` +
        'is our DER assembly, SAN checks and PEM encoding' + (keyType === 'rsa' ? '; both sides include a random RSA key generation.' : '.'),
    });
  }
  return rows;
}

async function printTable(rounds: number): Promise<void> {
  const rows = await runPkiGenerateBench({ rounds });
  console.log(`node ${process.version}, OpenSSL ${process.versions.openssl}, ${rounds} rounds`);
  for (const row of rows) {
    console.log(`${row.name}: ${row.value} ${row.unit} | ${row.baseline}: ${row.baselineValue} ${row.unit} | ${(row.value / row.baselineValue).toFixed(2)}x`);
    console.log(`  ${row.method}`);
  }
}

if (require.main === module) {
  void printTable(Number.parseInt(process.argv[2] ?? String(DEFAULT_ROUNDS), 10));
}
