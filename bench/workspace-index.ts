// Cross-file linting at workspace scale (issue 5): the cold index + lint of a generated
// 2,000-file workspace, and the incremental re-check after one Secret that 50 values files
// name changes, each beside the cost of only reading and YAML-parsing the same files.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { LintWorkspace } from '../src/lint/workspace';
import { buildCertificate, nameDer } from '../src/pki/certificate';
import { subjectAltNames } from '../src/pki/hostnames';
import { generateKeys, privateKeyPem } from '../src/pki/keys';
import type { BenchRow } from './pki-generate';

const NOW = new Date();
const DAY = 24 * 3600 * 1000;
const SHARED = 'shared-tls';

interface Material {
  caPem: string;
  certPem: string;
  keyPem: string;
  otherCaPem: string;
}

async function material(): Promise<Material> {
  const caKeys = await generateKeys('ecdsa');
  const leafKeys = await generateKeys('ecdsa');
  const otherKeys = await generateKeys('ecdsa');
  const validity = { notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 365 * DAY) };
  const ca = buildCertificate({ subjectDer: nameDer('bench-ca'), subjectKeys: caKeys, ...validity, isCA: true, keyUsage: ['keyCertSign', 'cRLSign'], extKeyUsage: [], subjectAltNames: [] });
  const other = buildCertificate({ subjectDer: nameDer('other-ca'), subjectKeys: otherKeys, ...validity, isCA: true, keyUsage: ['keyCertSign', 'cRLSign'], extKeyUsage: [], subjectAltNames: [] });
  const leaf = buildCertificate({
    subjectDer: nameDer(undefined),
    subjectKeys: leafKeys,
    issuer: { nameDer: nameDer('bench-ca'), keys: caKeys },
    ...validity,
    isCA: false,
    keyUsage: ['digitalSignature'],
    extKeyUsage: ['serverAuth'],
    subjectAltNames: subjectAltNames(['kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc']),
  });
  return { caPem: ca.pem, certPem: leaf.pem, keyPem: privateKeyPem(leafKeys), otherCaPem: other.pem };
}

const b64 = (t: string) => Buffer.from(t).toString('base64');

function secret(name: string, m: Material, ca = m.caPem): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: kuma-system\ntype: Opaque\ndata:\n  tls.crt: ${b64(m.certPem)}\n  tls.key: ${b64(m.keyPem)}\n  ca.crt: ${b64(ca)}\n`;
}

function values(name: string, m: Material): string {
  return `controlPlane:\n  tls:\n    general:\n      secretName: ${name}\n      caBundle: ${b64(m.caPem)}\n`;
}

/** 2,000 files: 50 values files naming one shared Secret, 600 Secret/values pairs, PEM files, scripts, unrelated YAML. */
export function generateWorkspace(dir: string, m: Material, total = 2000): { sharedSecret: string } {
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  let n = 0;
  put('shared/secret.yaml', secret(SHARED, m));
  n++;
  for (let i = 0; i < 50; i++, n++) put(`shared/values-${i}.yaml`, values(SHARED, m));
  for (let i = 0; i < 300; i++, n += 2) {
    put(`deploy-${i}/secret.yaml`, secret(`tls-${i}`, m));
    put(`deploy-${i}/values.yaml`, values(`tls-${i}`, m));
  }
  for (let i = 0; i < 100; i++, n += 4) {
    put(`pki-${i}/ca.crt`, m.caPem);
    put(`pki-${i}/tls.crt`, m.certPem);
    put(`pki-${i}/tls.key`, m.keyPem);
    put(`pki-${i}/install.sh`, `kubectl create secret generic script-${i} -n kuma-system --from-file=tls.crt=tls.crt --from-file=tls.key=tls.key --from-file=ca.crt=ca.crt\nkumactl install control-plane --set controlPlane.tls.general.secretName=script-${i} --set controlPlane.tls.general.caBundle=$(base64 -w0 < ca.crt)\n`);
  }
  for (let i = 0; n < total; i++, n++) put(`apps/app-${i}.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: 2\n`);
  return { sharedSecret: path.join(dir, 'shared/secret.yaml') };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
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

export interface WorkspaceBenchOptions {
  files?: number;
  runs?: number;
}

export async function runWorkspaceIndexBench(options: WorkspaceBenchOptions = {}): Promise<BenchRow[]> {
  const files = options.files ?? 2000;
  const runs = options.runs ?? 3;
  const m = await material();
  const dir = mkdtempSync(path.join(tmpdir(), 'kuma-tls-ws-bench-'));
  try {
    const { sharedSecret } = generateWorkspace(dir, m, files);
    const paths = filesUnder(dir);
    const coldLint = time(runs, () => {
      const ws = new LintWorkspace({});
      for (const p of paths) ws.setDocument(p, readFileSync(p));
      ws.lintAll();
    });
    const coldParse = time(runs, () => {
      for (const p of paths) {
        const text = readFileSync(p, 'utf8');
        if (p.endsWith('.yaml')) parseAllDocuments(text);
      }
    });
    const ws = new LintWorkspace({});
    for (const p of paths) ws.setDocument(p, readFileSync(p));
    ws.lintAll();
    const texts = [secret(SHARED, m, m.otherCaPem), secret(SHARED, m)];
    let flip = 0;
    let dependents = 0;
    const incremental = time(runs * 3, () => {
      ws.setDocument(sharedSecret, texts[flip++ % 2]);
      const affected = ws.dependentsOf(sharedSecret);
      dependents = affected.length;
      ws.lint(sharedSecret);
      for (const p of affected) ws.lint(p);
    });
    const oneParse = time(runs * 3, () => parseAllDocuments(texts[flip++ % 2]));
    return [
      { name: `cold index + lintAll of ${paths.length} files`, value: round(coldLint), unit: 'ms', baseline: 'read + yaml parseAllDocuments of the same files', baselineValue: round(coldParse) },
      { name: `re-check after editing a Secret 50 values files name (${dependents} dependents re-linted)`, value: round(incremental), unit: 'ms', baseline: 'yaml parseAllDocuments of that one Secret', baselineValue: round(oneParse) },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function printTable(): Promise<void> {
  const rows = await runWorkspaceIndexBench();
  console.log(`node ${process.version}; medians of in-process runs`);
  console.log('| measure | value | baseline | baseline value | ratio |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.name} | ${row.value} ${row.unit} | ${row.baseline} | ${row.baselineValue} ${row.unit} | ${(row.value / row.baselineValue).toFixed(1)}x |`);
}

if (require.main === module) void printTable();
