// The CLI reads and lints a tree its own way (synchronous reads in walk order); its findings must
// be exactly those of an in-process LintWorkspace given the same files: a generated mixed tree
// (values, Secrets, workloads, env, PEM, Markdown, shell, unrelated YAML, a Helm template, a
// multi-document manifest with kuma-cp configs) compared finding by finding; and a tree of
// several of the CLI's lint batches whose first and last folders answer each other.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { largeManifest, Material, material, writeTree } from '../../../bench/lint-large';
import { toCliFinding } from '../../../src/cli/format/shape';
import { main } from '../../../src/cli/main';
import { LINT_BATCH_FILES } from '../../../src/lint/batches';
import { discoverFiles } from '../../../src/lint/discover';
import { LintWorkspace } from '../../../src/lint/workspace';
import { runCli } from './support';

const KUMA_CP_CONFIGS = 'general:\n  tlsCertFile: /certs/tls.crt\napiServer:\n  http:\n    enabled: true\n---\nkind: ConfigMap\nmetadata:\n  name: x\n---\napiServer:\n  http:\n    interface: 0.0.0.0\n---\ngeneral:\n  tlsKeyFile: /certs/tls.key\n';

test('kuma-tls lint --format json reports exactly what LintWorkspace.lintAll does over the same files', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kuma-tls-equality-'));
  try {
    const m = material();
    writeTree(root, m, 47);
    mkdirSync(path.join(root, 'chart', 'templates'), { recursive: true });
    writeFileSync(path.join(root, 'chart', 'templates', 'deployment.yaml'), '{{- if .Values.enabled }}\nkind: Deployment\n{{- end }}\n');
    writeFileSync(path.join(root, 'rendered.yaml'), largeManifest(m, 300));
    writeFileSync(path.join(root, 'kuma-cp.yaml'), KUMA_CP_CONFIGS);
    mkdirSync(path.join(root, 'broken'));
    writeFileSync(path.join(root, 'broken', 'values.yaml'), 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certz-1\n  service:\n    type: LoadBalancer\n');
    writeFileSync(path.join(root, 'broken', 'kuma-cp.env'), 'KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\nKUMA_GENERAL_TLS_CERT_FILE=/c/tls.crt\n');
    writeFileSync(path.join(root, 'broken', 'tls.crt'), '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n');

    let stdout = '';
    const code = await main(['lint', '--format', 'json', '.'], { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: root });
    assert.ok(code === 0 || code === 1, `exit ${code}`);
    const cli = (JSON.parse(stdout) as { findings: unknown[] }).findings.map((f) => JSON.stringify(f)).sort();

    const workspace = new LintWorkspace();
    for await (const file of discoverFiles([root], () => undefined)) workspace.setDocument(file.path, readFileSync(file.path));
    const direct = [...workspace.lintAll().values()].flat().map((f) => JSON.stringify(toCliFinding(root, f))).sort();

    assert.ok(direct.length >= 15, `the tree has findings to compare (${direct.length})`);
    assert.ok(new Set(direct.map((f) => (JSON.parse(f) as { rule: string }).rule)).size >= 5, 'of several rules');
    assert.deepEqual(cli, direct);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('over several batches, with files that a later batch changes, kuma-tls lint still reports what lintAll does', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kuma-tls-batches-'));
  try {
    const m = material();
    // Three batches of the tree between a first folder and a last one that answer each other.
    writeTree(path.join(root, 'middle'), m, 3 * LINT_BATCH_FILES);
    const first = path.join(root, 'aa-first');
    const last = path.join(root, 'zz-last');
    mkdirSync(first);
    mkdirSync(last);
    // Named by the first batch, defined by the last: no secret-not-found once the last is read.
    writeFileSync(path.join(first, 'values.yaml'), 'controlPlane:\n  tls:\n    general:\n      secretName: defined-last\n    apiServer:\n      secretName: defined-nowhere\n');
    writeFileSync(path.join(first, 'install.sh'), 'helm install kuma kuma/kuma -n kuma-system -f ../zz-last/values.yaml\n');
    writeFileSync(path.join(last, 'secret.yaml'), secretOf(m, 'defined-last'));
    writeFileSync(path.join(last, 'values.yaml'), 'controlPlane:\n  tls:\n    general:\n      secretName: defined-last\n');
    // A Kuma version of another minor, read last: the workspace's versions no longer agree.
    writeFileSync(path.join(last, 'compose.yaml'), 'services:\n  cp:\n    image: kumahq/kuma-cp:2.6.3\n');

    const cliRun = await runCli(['lint', '--format', 'json', '.'], root);
    assert.ok(cliRun.code === 0 || cliRun.code === 1, `exit ${cliRun.code}: ${cliRun.stderr}`);
    const cli = (JSON.parse(cliRun.stdout) as { findings: unknown[] }).findings.map((f) => JSON.stringify(f)).sort();

    const workspace = new LintWorkspace();
    for await (const file of discoverFiles([root], () => undefined)) workspace.setDocument(file.path, readFileSync(file.path));
    const direct = [...workspace.lintAll().values()].flat().map((f) => JSON.stringify(toCliFinding(root, f)));
    assert.ok(direct.some((f) => f.includes('defined-nowhere')), 'the Secret no file defines is reported');
    assert.ok(!direct.some((f) => f.includes('"secret-not-found"') && f.includes('defined-last')), 'the Secret the last batch defines is not');
    assert.deepEqual(cli, direct.sort());

    // SARIF fingerprints read the texts of files whose trees were released.
    const sarif = JSON.parse((await runCli(['lint', '--format', 'sarif', '.'], root)).stdout) as { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string> }> }> };
    assert.equal(sarif.runs[0].results.length, direct.length);
    for (const result of sarif.runs[0].results) assert.match(Object.values(result.partialFingerprints)[0], /^[0-9a-f]{32}:\d+$/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

function secretOf(m: Material, name: string): string {
  const b64 = (text: string): string => Buffer.from(text).toString('base64');
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: kuma-system\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(m.leaf(0).certPem)}\n  tls.key: ${b64(m.leaf(0).keyPem)}\n  ca.crt: ${b64(m.caPem)}\n`;
}
