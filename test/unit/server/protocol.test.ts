// The built language server spoken to over JSON-RPC, as an editor speaks to it: initialize,
// closed files indexed by the server's own walk, didOpen, diagnostics with their fixes, a quick
// fix refused for a newer version, hover, completion, a closed values file re-published when the
// Secret it names is edited, didChangeWatchedFiles, pull diagnostics, shutdown.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionList, Hover } from 'vscode-languageserver/node';
import { b64, caAndLeaf, keys, makeCert, secretYaml } from '../lint/fixtures';
import { fileUri, LspSession } from '../../support/lspSession';

const { ca, leaf } = caAndLeaf();
const otherCa = makeCert({ isCA: true, keys: keys(3), commonName: 'other-ca' });
const secret = (caPem: string): string => secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(caPem) });
const FILES: Record<string, string> = {
  'helm/values.yaml': 'controlPlane:\n  tls:\n    general:\n      secretName: lone-secret\n',
  'helm/values-good.yaml': `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: ${b64(ca.certPem)}\n`,
  'k8s/secret-general.yaml': secret(ca.certPem),
  'universal/kuma-cp.env': 'KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\n',
  'universal/probe.env': 'KUMA_GENERAL_TLS_M\n',
  'node_modules/ignored/values.yaml': 'controlPlane:\n  tls:\n    general:\n      caBundle: abc\n',
};

let folder: string;
let session: LspSession;
const uri = (relative: string): string => fileUri(path.join(folder, relative));

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kuma-tls-lsp-'));
  for (const [relative, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    fs.writeFileSync(path.join(folder, relative), text);
  }
  ({ session } = await LspSession.start({ folder, settings: { lint: { debounceMs: 0 } } }));
});

after(() => {
  session?.child.kill();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('closed files are indexed by the server\'s own walk and their diagnostics pushed (no rg, no editor search)', async () => {
  const diagnostics = await session.waitForRule(uri('universal/kuma-cp.env'), 'api-server-http-exposed');
  const exposed = diagnostics.find((d) => d.code === 'api-server-http-exposed')!;
  assert.equal(exposed.source, 'kuma-tls');
  assert.equal(exposed.range.start.line, 0);
  assert.match(String(exposed.codeDescription?.href), /docs\/rules\/api-server-http-exposed\.md$/);
  assert.deepEqual((exposed.data as { version: unknown }).version, null, 'a closed file has no document version');
  assert.ok(!session.diagnostics.has(uri('node_modules/ignored/values.yaml')), 'node_modules is not walked');
  const summary = await session.waitFor(() => session.log.find((line) => /^indexed .*: \d+ file\(s\) read/.test(line)), 'the log line saying what was indexed');
  assert.match(summary, /: 5 file\(s\) read/, 'the five candidate files outside node_modules');
});

test('didOpen: diagnostics of the open document carry its version and fixes; a quick fix is refused for a newer version', async () => {
  const values = uri('helm/values.yaml');
  await session.open(values, 'yaml', FILES['helm/values.yaml'], 7);
  const diagnostics = await session.waitFor(() => session.diagnostics.get(values)?.some((d) => d.code === 'ca-bundle-secret-pair' && (d.data as { version: number }).version === 7) && session.diagnostics.get(values), 'version 7 diagnostics');
  const pair = diagnostics.find((d) => d.code === 'ca-bundle-secret-pair')!;
  assert.equal(pair.range.start.line, 3);
  const actions = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: values }, range: pair.range, context: { diagnostics: [pair] } })) as CodeAction[];
  const disable = actions.find((a) => a.title === 'Disable ca-bundle-secret-pair for this line');
  assert.ok(disable, JSON.stringify(actions.map((a) => a.title)));
  const [change] = disable.edit!.documentChanges as Array<{ textDocument: { uri: string; version: number }; edits: { newText: string }[] }>;
  assert.deepEqual(change.textDocument, { uri: values, version: 7 }, 'the edit names the version it was computed for');
  assert.match(change.edits[0].newText, /# kuma-tls-disable-next-line ca-bundle-secret-pair/);

  // Version 8 moves the finding a line down: an edit of version 7 would now land on the wrong line.
  await session.change(values, 8, `# a comment\n${FILES['helm/values.yaml']}`);
  const stale = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: values }, range: pair.range, context: { diagnostics: [pair] } })) as CodeAction[];
  assert.deepEqual(stale.filter((a) => a.edit), [], 'no edit computed for version 7 is offered for version 8');
  const moved = await session.waitFor(() => session.diagnostics.get(values)?.find((d) => d.code === 'ca-bundle-secret-pair' && (d.data as { version: number }).version === 8), 'version 8 diagnostics');
  assert.equal(moved.range.start.line, 4);
  const current = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: values }, range: moved.range, context: { diagnostics: [moved] } })) as CodeAction[];
  const [edit] = current.find((a) => a.title === 'Disable ca-bundle-secret-pair for this line')!.edit!.documentChanges as Array<{ textDocument: { version: number }; edits: { range: { start: { line: number } } }[] }>;
  assert.deepEqual([edit.textDocument.version, edit.edits[0].range.start.line], [8, 4], 'the fix of version 8 edits version 8');
});

test('hover on a KUMA_* name and completion of KUMA_* names in an env file', async () => {
  const env = uri('universal/kuma-cp.env');
  await session.open(env, 'dotenv', FILES['universal/kuma-cp.env']);
  const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: env }, position: { line: 0, character: 8 } })) as Hover;
  const markdown = (hover.contents as { value: string }).value;
  assert.match(markdown, /\*\*KUMA_API_SERVER_HTTP_INTERFACE\*\* \(kuma-cp\)/);
  assert.match(markdown, /YAML: `apiServer\.http\.interface` · default: `0\.0\.0\.0`/);
  const probe = uri('universal/probe.env');
  await session.open(probe, 'dotenv', FILES['universal/probe.env']);
  const list = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri: probe }, position: { line: 0, character: 18 } })) as CompletionList;
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('KUMA_GENERAL_TLS_MIN_VERSION'), labels.slice(0, 5).join());
  const item = list.items.find((i) => i.label === 'KUMA_GENERAL_TLS_MIN_VERSION')!;
  assert.equal((item.textEdit as { newText: string }).newText, 'KUMA_GENERAL_TLS_MIN_VERSION=');
});

test('hover on a certificate file whose key sibling is a named pipe answers without waiting on the pipe', async () => {
  const dir = path.join(folder, 'fifo-sibling');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'tls.crt'), leaf.certPem);
  // A plain read of tls.key would block the server until something wrote to the pipe.
  execFileSync('mkfifo', [path.join(dir, 'tls.key')]);
  const cert = uri('fifo-sibling/tls.crt');
  await session.open(cert, 'pem', leaf.certPem);
  const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: cert }, position: { line: 1, character: 4 } })) as Hover;
  const markdown = (hover.contents as { value: string }).value;
  assert.match(markdown, /kuma-control-plane|Certificate|certificate/, markdown.slice(0, 200));
  assert.doesNotMatch(markdown, /tls\.key/, 'the pipe is no partner');
});

test('editing an open Secret re-publishes the closed values file that names it, and restoring it clears the finding', async () => {
  const values = uri('helm/values-good.yaml');
  await session.waitFor(() => session.diagnostics.has(values) && session.diagnostics.get(values)!.length === 0, 'the values file starts clean');
  const secretUri = uri('k8s/secret-general.yaml');
  await session.open(secretUri, 'yaml', FILES['k8s/secret-general.yaml']);
  await session.change(secretUri, 2, secret(otherCa.certPem));
  const [mismatch] = (await session.waitForRule(values, 'ca-bundle-mismatch')).filter((d) => d.code === 'ca-bundle-mismatch');
  assert.ok(mismatch.relatedInformation?.some((r) => r.location.uri === secretUri), 'the finding points at the open Secret');
  await session.change(secretUri, 3, FILES['k8s/secret-general.yaml']);
  await session.waitForNoRule(values, 'ca-bundle-mismatch');
});

test('didChangeWatchedFiles: a file created on disk is linted, a deleted folder takes its findings along', async () => {
  const created = path.join(folder, 'new', 'nested', 'values.yaml');
  fs.mkdirSync(path.dirname(created), { recursive: true });
  fs.writeFileSync(created, 'controlPlane:\n  tls:\n    general:\n      caBundle: abc\n');
  await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(created), type: 1 }] });
  await session.waitForRule(fileUri(created), 'ca-bundle-secret-pair');
  fs.rmSync(path.join(folder, 'new'), { recursive: true });
  await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(folder, 'new')), type: 3 }] });
  await session.waitFor(() => session.diagnostics.get(fileUri(created))?.length === 0, 'the deleted file\'s diagnostics to empty');
  const paths = (await session.connection.sendRequest('kumaTls/indexedPaths', { uri: fileUri(created) })) as string[];
  assert.ok(!paths.some((p) => p.startsWith(path.join(folder, 'new'))), 'nothing below the deleted folder stays indexed');
});

test('Lint Workspace drops a file deleted without a file event (the walk is the truth for closed files)', async () => {
  const gone = path.join(folder, 'gone', 'values.yaml');
  fs.mkdirSync(path.dirname(gone), { recursive: true });
  fs.writeFileSync(gone, 'controlPlane:\n  tls:\n    general:\n      caBundle: abc\n');
  assert.equal(typeof (await session.connection.sendRequest('kumaTls/lintWorkspace')), 'number', 'answers the number of files read');
  await session.waitForRule(fileUri(gone), 'ca-bundle-secret-pair');
  fs.rmSync(path.join(folder, 'gone'), { recursive: true });
  await session.connection.sendRequest('kumaTls/lintWorkspace');
  await session.waitFor(() => session.diagnostics.get(fileUri(gone))?.length === 0, 'the vanished file\'s diagnostics to empty');
  const paths = (await session.connection.sendRequest('kumaTls/indexedPaths', { uri: fileUri(gone) })) as string[];
  assert.ok(!paths.includes(gone));
});

test('a .kuma-tls.yaml in the folder sets the options of the files below it; an invalid one is shown on itself', async () => {
  const envUri = uri('universal/kuma-cp.env');
  await session.waitForRule(envUri, 'api-server-http-exposed');
  const configPath = path.join(folder, 'universal', '.kuma-tls.yaml');
  const configUri = fileUri(configPath);
  fs.writeFileSync(configPath, 'rules:\n  api-server-http-exposed: "off"\n');
  await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 1 }] });
  await session.waitForNoRule(envUri, 'api-server-http-exposed');
  // Edited in the editor: an unknown rule id is an error on the config file, at its key.
  await session.open(configUri, 'yaml', fs.readFileSync(configPath, 'utf8'));
  await session.change(configUri, 2, 'rules:\n  api-server-http-exposd: "off"\n');
  const problems = await session.waitFor(() => session.diagnostics.get(configUri)?.length ? session.diagnostics.get(configUri) : undefined, 'a diagnostic on the invalid config file');
  assert.equal(problems[0].range.start.line, 1);
  assert.match(problems[0].message, /api-server-http-exposd.*did you mean api-server-http-exposed/);
  // Invalid, it sets nothing: the finding is back.
  await session.waitForRule(envUri, 'api-server-http-exposed');
  await session.change(configUri, 3, 'rules:\n  api-server-http-exposed: "off"\n');
  await session.waitForNoRule(envUri, 'api-server-http-exposed');
  await session.waitFor(() => session.diagnostics.get(configUri)?.length === 0, 'the config file clean again');
  await session.change(configUri, 4, '');
  await session.waitForRule(envUri, 'api-server-http-exposed');
  // The later tests (and a second server) see the folder as it was.
  fs.rmSync(configPath);
  await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 3 }] });
});

test('a certificate close to its end gets a "Renew…" code lens that runs the renew command on it', async () => {
  const day = 86_400_000;
  const soon = makeCert({ notBefore: new Date(Date.now() - 300 * day), notAfter: new Date(Date.now() + 5 * day) });
  const certUri = uri('certs/soon.crt');
  await session.open(certUri, 'pem', soon.certPem);
  const lenses = (await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: certUri } })) as Array<{ command?: { title: string; command: string; arguments?: unknown[] } }>;
  const renew = lenses.find((l) => l.command?.command === 'kumaTls.renewCertificate');
  assert.ok(renew, `a renew lens among ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
  assert.equal(renew.command!.title, 'Renew…');
  assert.deepEqual(Object.keys(renew.command!.arguments![0] as object).sort(), ['fingerprint', 'path']);
});

test('the log never carries key material', () => {
  const haystack = session.log.join('\n').replace(/\s+/g, '');
  const body = leaf.keyPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  for (let i = 0; i + 24 <= body.length; i += 24) assert.ok(!haystack.includes(body.slice(i, i + 24)));
  assert.ok(!haystack.includes(b64(leaf.keyPem).slice(0, 40)));
});

test('shutdown and exit end the server with status 0', async () => {
  assert.equal(await session.stop(), 0);
});

test('a client that pulls diagnostics gets document and workspace reports, with inter-file dependencies', async () => {
  const { session: pulling, capabilities } = await LspSession.start({
    folder,
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { configuration: true, diagnostics: { refreshSupport: true } } },
  });
  try {
    assert.deepEqual(capabilities.diagnosticProvider, { identifier: 'kuma-tls', interFileDependencies: true, workspaceDiagnostics: true });
    const env = uri('universal/kuma-cp.env');
    type Report = { items: Array<{ uri: string; items: { code: string }[] }> };
    let workspace: Report = { items: [] };
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !workspace.items.some((i) => i.uri === env)) {
      workspace = (await pulling.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as Report;
      if (!workspace.items.some((i) => i.uri === env)) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(workspace.items.find((i) => i.uri === env)?.items.some((d) => d.code === 'api-server-http-exposed'), 'the closed env file is in the workspace report');
    assert.equal(pulling.diagnostics.size, 0, 'nothing is pushed to a pulling client');
    const values = uri('helm/values.yaml');
    await pulling.open(values, 'yaml', FILES['helm/values.yaml']);
    const document = (await pulling.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: values } })) as { kind: string; resultId: string; items: { code: string }[] };
    assert.equal(document.kind, 'full');
    assert.ok(document.items.some((d) => d.code === 'ca-bundle-secret-pair'));
    const again = (await pulling.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: values }, previousResultId: document.resultId })) as { kind: string };
    assert.equal(again.kind, 'unchanged', 'the same result is not sent twice');
  } finally {
    assert.equal(await pulling.stop(), 0);
  }
});
