// The schema as the Red Hat YAML extension uses it: its own language server (the npm package
// `yaml-language-server`, the engine of redhat.vscode-yaml) is given the association the
// extension contributes (`contributes.yamlValidation`) and asked for completions and
// validation of a `.kuma-tls.yaml`. The extension itself cannot be downloaded on these machines;
// its engine can, and this is what it answers in VS Code.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { createMessageConnection, MessageConnection, PublishDiagnosticsParams, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  contributes: { yamlValidation: Array<{ fileMatch: string[]; url: string }> };
};

let connection: MessageConnection;
let child: ReturnType<typeof spawn>;
let folder: string;
const diagnostics = new Map<string, PublishDiagnosticsParams['diagnostics']>();

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kuma-tls-yamlls-'));
  const server = require.resolve('yaml-language-server/bin/yaml-language-server', { paths: [REPO] });
  child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => diagnostics.set(params.uri, params.diagnostics));
  // The extension maps each contributed association to `yaml.schemas` as an absolute URI.
  const schemas: Record<string, string[]> = {};
  for (const entry of manifest.contributes.yamlValidation) schemas[pathToFileURL(path.join(REPO, entry.url)).toString()] = entry.fileMatch;
  const settings = { yaml: { schemas, validate: true, completion: true, hover: true, schemaStore: { enable: false } } };
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map((item) => (item.section === 'yaml' ? settings.yaml : null)));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).toString(),
    capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings });
});

after(() => {
  connection?.dispose();
  child?.kill();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function open(name: string, text: string): Promise<string> {
  const uri = pathToFileURL(path.join(folder, name)).toString();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return uri;
}

test('the Red Hat YAML engine completes rule ids and severities in .kuma-tls.yaml from the contributed schema', async () => {
  const uri = await open('.kuma-tls.yaml', 'rules:\n  \n');
  type Items = { items: Array<{ label: string }> } | Array<{ label: string }>;
  let labels: string[] = [];
  // The schema is loaded on the first request: ask until it answers (bounded).
  for (let attempt = 0; attempt < 50 && !labels.includes('cert-expiring'); attempt++) {
    const result = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 2 } })) as Items;
    labels = (Array.isArray(result) ? result : result.items).map((i) => i.label);
    if (!labels.includes('cert-expiring')) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(labels.includes('cert-expiring'), `rule ids offered: ${labels.slice(0, 10).join(', ')}`);
  assert.ok(labels.includes('secret-ambiguous'));
  const severities = (await connection.sendRequest('textDocument/completion', { textDocument: { uri: await open('sub/.kuma-tls.yaml', 'rules:\n  cert-expiring: \n') }, position: { line: 1, character: 17 } })) as Items;
  // `off` comes quoted: YAML 1.1 readers take a bare off for false.
  const severityLabels = (Array.isArray(severities) ? severities : severities.items).map((i) => i.label.replace(/^"(.*)"$/, '$1'));
  for (const severity of ['off', 'info', 'warning', 'error']) assert.ok(severityLabels.includes(severity), `severity ${severity} among ${severityLabels.join(', ')}`);
});

test('the Red Hat YAML engine flags an unknown rule id in .kuma-tls.yaml', async () => {
  const uri = await open('other/.kuma-tls.yaml', 'rules:\n  cert-expird: "off"\n');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && !(diagnostics.get(uri)?.length)) await new Promise((r) => setTimeout(r, 100));
  const found = diagnostics.get(uri) ?? [];
  assert.ok(found.some((d) => d.range.start.line === 1), `a problem on the misspelt rule: ${JSON.stringify(found.map((d) => d.message))}`);
});
