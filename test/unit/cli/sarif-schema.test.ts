// `--format sarif` as code scanning takes it: valid against the SARIF 2.1.0 JSON schema (the copy
// Microsoft's SARIF SDK ships in @microsoft/jest-sarif, validated with ajv for its draft-04),
// rules metadata with help URIs, real lines and columns, related places as relatedLocations,
// and partialFingerprints that stay the same across runs and when lines move. GitLab's code
// quality format carries the same fingerprints.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import addFormats from 'ajv-formats';
import { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { FINGERPRINT_KEY } from '../../../src/cli/format/sarif';
import { allRuleMeta } from '../../../src/lint/rules';
import { b64, caAndLeaf, secretYaml } from '../lint/fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv04 = require('ajv-draft-04') as typeof import('ajv').default;
const schemaPath = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

let root: string;
const VALUES = 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: LS0tLS1CRUdJTg==\n';

async function lint(format: string): Promise<string> {
  let stdout = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: root };
  await main(['lint', '--format', format, '.'], io);
  return stdout;
}

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'kuma-tls-sarif-'));
  const { leaf } = caAndLeaf();
  mkdirSync(path.join(root, 'deploy'));
  writeFileSync(path.join(root, 'deploy', 'values.yaml'), VALUES);
  // The Secret lacks tls.key and ca.crt: secret-missing-key on the values, related to the Secret.
  writeFileSync(path.join(root, 'deploy', 'secret.yaml'), secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem) }));
  writeFileSync(path.join(root, 'broken.pem'), '-----BEGIN CERTIFICATE-----\nnotbase64!!\n-----END CERTIFICATE-----\n');
});

after(() => rmSync(root, { recursive: true, force: true }));

test('the SARIF log is valid against the SARIF 2.1.0 schema', async () => {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // The schema's language-tag pattern has a stray `]`, an error only in unicode mode: Ajv's default.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const log = JSON.parse(await lint('sarif')) as { runs: Array<{ results: unknown[] }> };
  assert.ok(log.runs[0].results.length >= 3, 'the tree has findings to validate');
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  // The check is real: a broken log fails it.
  assert.equal(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ruleId: 1, message: {} }] }] }), false);
});

test('rules metadata, help URIs, line and column, related places', async () => {
  const run = JSON.parse(await lint('sarif')).runs[0];
  assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), allRuleMeta().map((r) => r.id));
  for (const rule of run.tool.driver.rules) assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
  const missing = run.results.find((r: { ruleId: string }) => r.ruleId === 'secret-missing-key');
  assert.ok(missing, 'secret-missing-key');
  const region = missing.locations[0].physicalLocation.region;
  assert.equal(missing.locations[0].physicalLocation.artifactLocation.uri, 'deploy/values.yaml');
  assert.deepEqual([region.startLine, region.startColumn, region.endLine], [4, 19, 4], 'the secretName value, not line 1');
  assert.ok(missing.relatedLocations.length >= 1);
  assert.equal(missing.relatedLocations[0].physicalLocation.artifactLocation.uri, 'deploy/secret.yaml');
  assert.equal(run.tool.driver.rules[missing.ruleIndex].id, 'secret-missing-key');
});

test('partialFingerprints: the same across runs, unique per result, kept when lines move', async () => {
  const fingerprints = async () => (JSON.parse(await lint('sarif')).runs[0].results as Array<{ ruleId: string; partialFingerprints: Record<string, string> }>).map((r) => `${r.ruleId} ${r.partialFingerprints[FINGERPRINT_KEY]}`);
  const first = await fingerprints();
  assert.deepEqual(await fingerprints(), first);
  assert.equal(new Set(first).size, first.length);
  writeFileSync(path.join(root, 'deploy', 'values.yaml'), `# a comment moves every line down\n\n${VALUES}`);
  try {
    assert.deepEqual((await fingerprints()).sort(), [...first].sort());
  } finally {
    writeFileSync(path.join(root, 'deploy', 'values.yaml'), VALUES);
  }
});

test('--format gitlab: code quality issues with the same findings and fingerprints', async () => {
  const issues = JSON.parse(await lint('gitlab')) as Array<{ check_name: string; fingerprint: string; severity: string; location: { path: string; positions: { begin: { line: number } } } }>;
  const results = JSON.parse(await lint('sarif')).runs[0].results as Array<{ ruleId: string; partialFingerprints: Record<string, string> }>;
  assert.deepEqual(issues.map((i) => [i.check_name, i.fingerprint]), results.map((r) => [r.ruleId, r.partialFingerprints[FINGERPRINT_KEY]]));
  const missing = issues.find((i) => i.check_name === 'secret-missing-key')!;
  assert.equal(missing.severity, 'major');
  assert.deepEqual([missing.location.path, missing.location.positions.begin.line], ['deploy/values.yaml', 4]);
});
