// YAML and env blocks fenced in Markdown are linted as the files they hold, at the Markdown file's own lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDocument } from '../../../src/lint/model/document';
import { markdownFences } from '../../../src/lint/model/markdown';
import { LineIndex } from '../../../src/lint/model/text';
import { lintText } from '../../../src/lint/workspace';
import { applyFix, b64, caAndLeaf, lineOf, only, rulesOf, secretYaml, SINGLE_FILE } from './fixtures';

const README = [
  '# Installing Kuma with your own certificate',
  '',
  'Put this in `values.yaml`:',
  '',
  '```yaml',
  'controlPlane:',
  '  tls:',
  '    general:',
  '      secretName: general-tls-certs',
  '```',
  '',
].join('\n');

test('a ```yaml block of Helm values: ca-bundle-secret-pair at the exact Markdown line and column', () => {
  const findings = lintText('/docs/README.md', README, SINGLE_FILE);
  const [pair] = only(findings, 'ca-bundle-secret-pair');
  assert.ok(pair, `found: ${rulesOf(findings).join(', ')}`);
  const line = lineOf(README, 'secretName:');
  assert.deepEqual(pair.range, { start: { line, character: 6 }, end: { line, character: 35 } });
});

test('two YAML blocks are two documents; prose and other blocks between them are not YAML', () => {
  const text = `${README}Then, in another cluster:\n\n\`\`\`yml\ncontrolPlane:\n  tls:\n    general:\n      caBundle: ${b64('x')}\n\`\`\`\n\n\`\`\`python\ncontrolPlane = {}\n\`\`\`\n`;
  const findings = only(lintText('/docs/README.md', text, SINGLE_FILE), 'ca-bundle-secret-pair');
  assert.deepEqual(
    findings.map((f) => f.range.start.line),
    [lineOf(text, 'secretName:'), lineOf(text, 'caBundle:')],
  );
});

test('an indented ```env block in a list item: KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0 at its own line, with the fix editing it', () => {
  const text = '1. Configure kuma-cp:\n\n   ```env\n   KUMA_MODE=zone\n   KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\n   ```\n';
  const [finding] = only(lintText('/docs/universal.md', text, SINGLE_FILE), 'api-server-http-exposed');
  assert.ok(finding, 'api-server-http-exposed is reported');
  const line = lineOf(text, 'HTTP_INTERFACE');
  assert.deepEqual(finding.range, { start: { line, character: 34 }, end: { line, character: 41 } });
  const bind = finding.fixes.find((f) => /127\.0\.0\.1/.test(f.title))!;
  assert.match(applyFix(text, bind), /^ {3}KUMA_API_SERVER_HTTP_INTERFACE=127\.0\.0\.1$/m);
});

test('an untagged block holding a Secret manifest is read as YAML', () => {
  const { ca } = caAndLeaf();
  // Raw PEM under `data:`, which Kubernetes reads as base64.
  const text = `Create the Secret:\n\n\`\`\`\n${secretYaml('general-tls-certs', { 'ca.crt': ca.certPem })}\`\`\`\n`;
  const [finding] = only(lintText('/docs/secret.md', text, SINGLE_FILE), 'encoding-mismatch');
  assert.ok(finding, 'the raw PEM in data is found');
  assert.equal(finding.range.start.line, lineOf(text, 'ca.crt:'));
});

test('untagged blocks are sniffed: env lines, YAML mappings; shell and prose are neither', () => {
  const lines = new LineIndex('```\nKUMA_MODE=zone\n```\n```\nkind: Secret\n```\n```\nkubectl apply -f x.yaml\n```\n```sh\nKUMA_MODE=zone kuma-cp run\n```\n```\nAPP=1\n```\n');
  assert.deepEqual(
    markdownFences(lines).map((f) => f.content),
    ['env', 'yaml', 'other', 'shell', 'other'],
  );
});

test('shell blocks still give their command lines, and a Markdown file without Kuma content gets nothing', () => {
  const text = '```sh\nkubectl create secret generic general-tls-certs --from-literal=ca.crt=not-pem\n```\n\n```yaml\nreplicas: 3\n```\n';
  assert.ok(lintText('/docs/a.md', text, SINGLE_FILE).length > 0, 'the kubectl line is linted');
  assert.deepEqual(lintText('/docs/b.md', '```yaml\nreplicas: 3\nservice:\n  type: LoadBalancer\n```\n', SINGLE_FILE), []);
});

test('a README whose YAML blocks hold no Kuma configuration is not parsed as YAML; one block that does is', () => {
  const otherChart = ['Install it with `helm install my-release oci://registry/charts/redis`:', '', '```yaml', 'architecture: replication', 'auth:', '  enabled: true', '```', ''].join('\n');
  const withKuma = `${otherChart}\n\`\`\`yaml\ncontrolPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n\`\`\`\n`;
  const other = buildDocument('/w/README.md', otherChart, 1);
  assert.equal(other.yaml, null);
  const kuma = buildDocument('/w/README.md', withKuma, 1);
  assert.ok(kuma.yaml !== null);
  // Only the Kuma block is a document of the masked text (each block is screened as a YAML file
  // is), at the Markdown file's lines: it starts at its opening fence (line 8, its --- marker),
  // its secretName on line 12.
  assert.equal(kuma.yaml.documents.length, 1);
  assert.equal(kuma.helmValues.length, 1);
  assert.equal(kuma.helmValues[0].doc.range.start.line, 8);
  assert.equal(kuma.yaml.get(kuma.helmValues[0].doc, ['controlPlane', 'tls', 'general', 'secretName'])?.valueRange.start.line, 12);
});

test('a chart README of many values blocks: only the blocks a Kuma kind could be in are parsed, and their findings keep their lines', () => {
  const { ca } = caAndLeaf();
  const otherValues = (i: number): string => ['```yaml', `replicaCount: ${i}`, 'image:', `  tag: "1.${i}"`, 'tls:', '  secretName: my-tls', '```', ''].join('\n');
  const secret = secretYaml('general-tls-certs', { 'ca.crt': 'not a certificate', 'tls.crt': ca.certPem }, 'stringData');
  const text = ['# my-chart', '', ...Array.from({ length: 40 }, (_, i) => otherValues(i)), 'Create the Secret Kuma reads:', '', '```yaml', secret.trimEnd(), '```', '', otherValues(99)].join('\n');
  const document = buildDocument('/w/README.md', text, 1);
  assert.ok(document.yaml);
  assert.equal(document.yaml.documents.length, 1, 'one block is parsed, not 42');
  assert.equal(document.secrets.length, 1);
  const findings = lintText('/w/README.md', text, SINGLE_FILE);
  assert.ok(findings.length > 0, 'the Secret block is linted');
  const secretStart = lineOf(text, 'kind: Secret');
  for (const finding of findings) assert.ok(finding.range.start.line >= secretStart && finding.range.start.line < secretStart + secret.split('\n').length, `${finding.rule} at line ${finding.range.start.line}, inside the Secret block`);
});
