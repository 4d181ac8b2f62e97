// `kuma-tls lint DIR` in-process: files under the path are one workspace, so a values file and
// the Secret it names are checked together and the JSON finding links the Secret in `related`.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { CliIo } from '../../../../src/cli/io';
import { main } from '../../../../src/cli/main';
import { b64, caAndLeaf, keys, makeCert, secretYaml } from '../fixtures';

const root = mkdtempSync(path.join(tmpdir(), 'kuma-tls-crossfile-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('cli json: ca-bundle-mismatch on the values file with related pointing at the Secret\'s ca.crt', async () => {
  const { ca, leaf } = caAndLeaf();
  const otherCa = makeCert({ isCA: true, keys: keys(3), commonName: 'other-ca' });
  const secret = secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(ca.certPem) });
  mkdirSync(path.join(root, 'k8s'));
  mkdirSync(path.join(root, 'helm'));
  writeFileSync(path.join(root, 'k8s', 'secret.yaml'), secret);
  writeFileSync(path.join(root, 'helm', 'values.yaml'), `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: ${b64(otherCa.certPem)}\n`);
  let stdout = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: root };
  const code = await main(['lint', '--format', 'json', '.'], io);
  assert.equal(code, 1);
  const findings = JSON.parse(stdout).findings as Array<{ file: string; rule: string; range: unknown; related: Array<{ file: string; range: { start: { line: number; column: number } }; message: string }> }>;
  const mismatch = findings.filter((f) => f.rule === 'ca-bundle-mismatch');
  assert.equal(mismatch.length, 1);
  assert.equal(mismatch[0].file, 'helm/values.yaml');
  assert.deepEqual(mismatch[0].range, { start: { line: 5, column: 17 }, end: { line: 5, column: 17 + b64(otherCa.certPem).length } });
  assert.equal(mismatch[0].related.length, 1);
  assert.equal(mismatch[0].related[0].file, 'k8s/secret.yaml');
  assert.equal(mismatch[0].related[0].range.start.line, secret.split('\n').findIndex((l) => l.includes('ca.crt:')) + 1);
  assert.match(mismatch[0].related[0].message, /ca\.crt of Secret general-tls-certs/);
});
