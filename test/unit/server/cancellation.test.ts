// A newer version of a document cancels the re-check of an older one: editing a Secret that 2,000
// closed values files name re-checks them a few at a time, and a second edit arriving meanwhile
// stops the first re-check (the server says so in its log); the end state is the newest one.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { b64, caAndLeaf, keys, makeCert, secretYaml } from '../lint/fixtures';
import { fileUri, LspSession } from '../../support/lspSession';

const DEPENDENTS = 2000;
const { ca, leaf } = caAndLeaf();
const otherCa = makeCert({ isCA: true, keys: keys(3), commonName: 'other-ca' });
const secret = (caPem: string): string => secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(caPem) });

let folder: string;
let session: LspSession;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kuma-tls-lsp-cancel-'));
  fs.mkdirSync(path.join(folder, 'values'));
  const values = `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: ${b64(ca.certPem)}\n`;
  for (let i = 0; i < DEPENDENTS; i++) fs.writeFileSync(path.join(folder, 'values', `values-${i}.yaml`), values);
  fs.writeFileSync(path.join(folder, 'secret.yaml'), secret(ca.certPem));
  ({ session } = await LspSession.start({ folder, settings: { lint: { debounceMs: 0 } } }));
  await session.waitFor(() => session.log.find((line) => /^indexed .*: \d+ file\(s\) read/.test(line)), 'the first walk');
});

after(() => {
  session?.child.kill();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('a second edit of a Secret stops the re-check of the first; every dependent ends with the newest verdict', async () => {
  const secretUri = fileUri(path.join(folder, 'secret.yaml'));
  const dependents = Array.from({ length: DEPENDENTS }, (_, i) => fileUri(path.join(folder, 'values', `values-${i}.yaml`)));
  await session.open(secretUri, 'yaml', secret(ca.certPem));
  await session.change(secretUri, 2, secret(otherCa.certPem));
  // The first dependents re-checked for version 2 show the mismatch; then version 3 arrives.
  await session.waitFor(() => dependents.some((u) => session.diagnostics.get(u)?.some((d) => d.code === 'ca-bundle-mismatch')), 'the first re-checked dependent');
  await session.change(secretUri, 3, secret(ca.certPem));
  const stopped = await session.waitFor(() => session.log.find((line) => /^re-check of .*secret\.yaml stopped after \d+ of \d+ dependent/.test(line)), 'the log line of the stopped re-check');
  const [, done, total] = /stopped after (\d+) of (\d+)/.exec(stopped)!;
  assert.equal(Number(total), DEPENDENTS, 'the re-check knew exactly the files that name the Secret');
  assert.ok(Number(done) < DEPENDENTS, `stopped before the end (${done} of ${total})`);
  // Version 3 is the original again: no dependent keeps the mismatch of version 2.
  await session.waitFor(() => dependents.every((u) => !session.diagnostics.get(u)?.some((d) => d.code === 'ca-bundle-mismatch')), 'every dependent back to clean');
});
