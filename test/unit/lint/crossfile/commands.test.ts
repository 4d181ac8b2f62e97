import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base64SubstitutionFile, InstallCommand, KubectlSecretCommand, readCommands } from '../../../../src/lint/model/commands';
import { LineIndex } from '../../../../src/lint/model/text';
import { Span } from '../../../../src/lint/types';

function commandsOf(text: string, markdown = false) {
  return readCommands(text, new LineIndex(text), markdown);
}

function textAt(text: string, span: Span): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(span.start), lines.offset(span.end));
}

test('kubectl create secret generic: name, namespace and --from-file keys with exact ranges across continuations', () => {
  const text = 'kubectl create secret generic general-tls-certs \\\n  --namespace=kuma-system \\\n  --from-file=ca.crt=./certs/ca.crt --from-file=certs/tls.crt \\\n  --from-file="tls.key=my key.pem"\n';
  const [cmd] = commandsOf(text) as KubectlSecretCommand[];
  assert.equal(cmd.kind, 'kubectl-secret');
  assert.equal(cmd.secretType, 'generic');
  assert.equal(cmd.name?.value, 'general-tls-certs');
  assert.equal(textAt(text, cmd.name!.range), 'general-tls-certs');
  assert.equal(cmd.namespace?.value, 'kuma-system');
  assert.deepEqual(cmd.namespace!.range, { start: { line: 1, character: 14 }, end: { line: 1, character: 25 } });
  assert.deepEqual(cmd.files.map((f) => [f.key, f.path.value]), [['ca.crt', './certs/ca.crt'], ['tls.crt', 'certs/tls.crt'], ['tls.key', 'my key.pem']]);
  assert.equal(textAt(text, cmd.files[0].path.range), './certs/ca.crt');
  assert.equal(textAt(text, cmd.files[0].keyRange), 'ca.crt');
  assert.equal(textAt(text, cmd.files[2].path.range), 'my key.pem');
  assert.equal(cmd.range.start.line, 0);
  assert.equal(cmd.range.end.line, 3);
});

test('kubectl create secret tls: --cert and --key become tls.crt and tls.key; -n NS', () => {
  const [cmd] = commandsOf('kubectl create secret tls api -n other --cert server.crt --key=server.key\n') as KubectlSecretCommand[];
  assert.equal(cmd.secretType, 'tls');
  assert.equal(cmd.namespace?.value, 'other');
  assert.deepEqual(cmd.files.map((f) => [f.key, f.path.value]), [['tls.crt', 'server.crt'], ['tls.key', 'server.key']]);
});

test('kumactl install control-plane: --set with a $(base64 …) value keeps the substitution, range on the value only', () => {
  const text = 'kumactl install control-plane \\\n  --set "controlPlane.tls.general.secretName=general-tls-certs" \\\n  --set controlPlane.tls.general.caBundle=$(base64 -w0 < ca.crt) \\\n  -n kuma | kubectl apply -f -\n';
  const [cmd] = commandsOf(text) as InstallCommand[];
  assert.equal(cmd.kind, 'install');
  assert.equal(cmd.tool, 'kumactl');
  assert.equal(cmd.namespace?.value, 'kuma');
  assert.deepEqual(cmd.sets.map((s) => [s.key, s.value.value, s.value.dynamic]), [
    ['controlPlane.tls.general.secretName', 'general-tls-certs', false],
    ['controlPlane.tls.general.caBundle', '$(base64 -w0 < ca.crt)', true],
  ]);
  assert.equal(textAt(text, cmd.sets[0].value.range), 'general-tls-certs');
  assert.equal(textAt(text, cmd.sets[1].value.range), '$(base64 -w0 < ca.crt)');
  assert.equal(textAt(text, cmd.sets[1].keyRange), 'controlPlane.tls.general.caBundle');
});

test('helm upgrade --install RELEASE CHART with -f, --values and --namespace', () => {
  const [cmd] = commandsOf('helm upgrade --install kuma kuma/kuma --namespace kuma-system -f values.yaml --values=more.yaml --set-string a.b=c\n') as InstallCommand[];
  assert.equal(cmd.tool, 'helm');
  assert.equal(cmd.namespace?.value, 'kuma-system');
  assert.deepEqual(cmd.valuesFiles.map((v) => v.value), ['values.yaml', 'more.yaml']);
  assert.deepEqual(cmd.sets.map((s) => s.key), ['a.b']);
});

test('kumactl config control-planes add --address', () => {
  const [cmd] = commandsOf('kumactl config control-planes add --name prod --address https://cp.example.com:5682 --ca-cert-file ca.crt\n');
  assert.equal(cmd.kind, 'cp-add');
  assert.equal(cmd.kind === 'cp-add' && cmd.address?.value, 'https://cp.example.com:5682');
});

test('Markdown: only fenced shell blocks count, console prompts are stripped, comments ignored', () => {
  const text = [
    'kubectl create secret tls prose --cert a.crt --key a.key',
    '```yaml',
    'kubectl create secret tls yaml-block --cert a.crt --key a.key',
    '```',
    '```console',
    '$ kubectl create secret tls from-console --cert a.crt --key a.key # kubectl create secret tls comment',
    '```',
    '```sh',
    'helm install kuma kuma/kuma -n mesh',
    '```',
  ].join('\n');
  const cmds = commandsOf(text, true);
  assert.deepEqual(cmds.map((c) => (c.kind === 'kubectl-secret' ? c.name?.value : c.kind)), ['from-console', 'install']);
  const first = cmds[0] as KubectlSecretCommand;
  assert.equal(first.name!.range.start.line, 5);
  assert.equal(first.name!.range.start.character, 28);
});

test('commands separated by ; && and pipes are read separately', () => {
  const cmds = commandsOf('kubectl create ns kuma-system && kubectl create secret generic s --from-literal=a=b; echo done\n');
  assert.equal(cmds.length, 1);
  const cmd = cmds[0] as KubectlSecretCommand;
  assert.deepEqual(cmd.literals.map((l) => [l.key, l.value.value]), [['a', 'b']]);
});

test('base64 substitutions that only encode a file are resolved to the file', () => {
  assert.equal(base64SubstitutionFile('$(base64 -w0 < ca.crt)'), 'ca.crt');
  assert.equal(base64SubstitutionFile('$(base64 -w0 ./certs/ca.crt)'), './certs/ca.crt');
  assert.equal(base64SubstitutionFile('$(cat ca.crt | base64 -w0)'), 'ca.crt');
  assert.equal(base64SubstitutionFile('$(base64 < "ca.crt" | tr -d \'\\n\')'), 'ca.crt');
  assert.equal(base64SubstitutionFile('$(openssl x509 -in ca.crt | base64 -w0)'), null);
  assert.equal(base64SubstitutionFile('${CA_BUNDLE}'), null);
  assert.equal(base64SubstitutionFile('$(base64 ca.crt|tr -d "\\n")'), 'ca.crt', 'no spaces around the pipe');
  assert.equal(base64SubstitutionFile('$(base64 ca.crt | tr -d "\\n" | tr -d " ")'), null, 'a stage after it');
  assert.equal(base64SubstitutionFile('$(base64 ca.crt | tr -d x)'), null, 'another tr');
});
