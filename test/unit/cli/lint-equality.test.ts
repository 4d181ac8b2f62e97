// The CLI reads and lints a tree its own way (synchronous reads in walk order); its findings must
// be exactly those of an in-process LintWorkspace given the same files: a generated mixed tree
// (values, Secrets, workloads, env, PEM, Markdown, shell, unrelated YAML, a Helm template, a
// multi-document manifest with kuma-cp configs) compared finding by finding.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { largeManifest, material, writeTree } from '../../../bench/lint-large';
import { toCliFinding } from '../../../src/cli/format/shape';
import { main } from '../../../src/cli/main';
import { discoverFiles } from '../../../src/lint/discover';
import { LintWorkspace } from '../../../src/lint/workspace';

const KUMA_CP_CONFIGS = 'general:\n  tlsCertFile: /certs/tls.crt\napiServer:\n  http:\n    enabled: true\n---\nkind: ConfigMap\nmetadata:\n  name: x\n---\napiServer:\n  http:\n    interface: 0.0.0.0\n---\ngeneral:\n  tlsKeyFile: /certs/tls.key\n';

test('kuma-tls lint --format json reports exactly what LintWorkspace.lintAll does over the same files', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kuma-tls-equality-'));
  try {
    const m = await material(3);
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
