// Issue 10: inputs under the 2 MiB size cap that once took minutes or most of a gigabyte. Each
// runs through the real CLI in a child process with a V8 heap limit of 300 MB and a 20 s kill
// switch (hang guards, not timings; bench/hostile-inputs.ts shows the growth); the work counters
// below prove the scans are linear without a clock.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { largeManifest } from '../../../bench/lint-large';
import { findPemBlocks } from '../../../src/lint/model/pem';
import { buildDocument } from '../../../src/lint/model/document';
import { MAX_YAML_NODES, yamlNodeEstimate } from '../../../src/lint/model/node-count';
import { anchorLines } from '../../../src/lint/suppress';
import { caAndLeaf, makeCert } from '../lint/fixtures';
import { beginOnlyEnvValue, beginOnlyPem, echoedNamesBesideRepeatedKey, flowListLines, manyValuesDocuments, programMentionsLine, spacedBase64Substitution, spacedSettingKey, valuesBesideSecrets } from './inputs';
import { WITHHELD } from '../../../src/pki/redact';
import { mayHoldKumaYaml } from '../../../src/lint/model/prescan';
import { MAX_FINDINGS_PER_RULE } from '../../../src/lint/engine';

const CLI = path.resolve(__dirname, '../../../src/cli/bin.js');
const HANG_GUARD_MS = 20_000;
const HEAP_LIMIT_MB = 300;

const temp = mkdtempSync(path.join(tmpdir(), 'kuma-tls-bounded-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** `kuma-tls lint FILE` as a process; the findings counted by rule id from the text output. */
/** Standard output of the last lintInChild. */
let lastOutput = '';

/** Findings listed per rule and file: MAX_FINDINGS_PER_RULE, then one line counting the rest. */
const LISTED = MAX_FINDINGS_PER_RULE + 1;

function lintInChild(name: string, text: string): Map<string, number> {
  assert.ok(Buffer.byteLength(text) < 2 * 1024 * 1024, `${name} stays under the default size cap`);
  const file = path.join(temp, name);
  writeFileSync(file, text);
  const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, CLI, 'lint', file], { encoding: 'utf8', timeout: HANG_GUARD_MS, maxBuffer: 256 * 1024 * 1024 });
  assert.equal(result.signal, null, `${name}: killed by ${result.signal} (hang guard of ${HANG_GUARD_MS / 1000} s)`);
  assert.ok(result.status === 0 || result.status === 1, `${name}: exit ${result.status}, stderr ${result.stderr.slice(0, 300)}`);
  lastOutput = result.stdout;
  const counts = new Map<string, number>();
  for (const line of result.stdout.split('\n')) {
    const rule = /^\S+:\d+:\d+ \w+ (\S+) /.exec(line)?.[1];
    if (rule) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  }
  return counts;
}

test('a .crt of 71,000 BEGIN lines and no END: pem-malformed for the first 200 blocks, one line counts the rest', { timeout: 2 * HANG_GUARD_MS }, () => {
  const counts = lintInChild('begin-only.crt', beginOnlyPem());
  assert.deepEqual(Object.fromEntries(counts), { 'pem-malformed': LISTED });
  assert.match(lastOutput, new RegExp(`…and ${71_000 - MAX_FINDINGS_PER_RULE} more pem-malformed finding`));
});

test('a values file of 31,000 documents: skipped with one note naming the node limit', { timeout: 2 * HANG_GUARD_MS }, () => {
  const counts = lintInChild('values.yaml', manyValuesDocuments());
  assert.deepEqual(Object.fromEntries(counts), { 'file-skipped': 1 });
});

test('a values file of 11,000 documents, under the node limit: both findings of every document, listed up to the per-rule cap', { timeout: 2 * HANG_GUARD_MS }, () => {
  const counts = lintInChild('values-11k.yaml', manyValuesDocuments(11_000 / 31_000));
  assert.deepEqual(Object.fromEntries(counts), { 'ca-bundle-secret-pair': LISTED, 'encoding-mismatch': LISTED });
  assert.match(lastOutput, new RegExp(`…and ${11_000 - MAX_FINDINGS_PER_RULE} more ca-bundle-secret-pair finding`));
});

test('4,500 values documents naming a missing Secret beside 4,500 unreferenced Secrets: every finding, one suggestion per name', { timeout: 2 * HANG_GUARD_MS }, () => {
  const counts = lintInChild('values-secrets.yaml', valuesBesideSecrets());
  assert.deepEqual(Object.fromEntries(counts), { 'encoding-mismatch': LISTED, 'pem-malformed': LISTED, 'secret-not-found': LISTED });
  assert.match(lastOutput, new RegExp(`…and ${4_500 - MAX_FINDINGS_PER_RULE} more secret-not-found finding`));
});

test('2,000 echoed names of one character beside a key of that character: every listed name is withheld, none of its runs is printed', { timeout: 2 * HANG_GUARD_MS }, () => {
  const counts = lintInChild('values-repeated-key.yaml', echoedNamesBesideRepeatedKey());
  assert.equal(counts.get('unknown-setting'), LISTED);
  const listed = lastOutput.split('\n').filter((line) => / unknown-setting KUMA_/.test(line));
  assert.equal(listed.length, MAX_FINDINGS_PER_RULE);
  // Each name shares the key's 16-character windows, so the guard withholds it whole.
  assert.ok(listed.every((line) => line.includes(WITHHELD)), listed.find((line) => !line.includes(WITHHELD)));
  assert.doesNotMatch(lastOutput, /A{16}/);
});

test('one line of 240,000 kuma-cp mentions: not Kuma YAML (no compose file, image tag or other marker), nothing to report', { timeout: 2 * HANG_GUARD_MS }, () => {
  const counts = lintInChild('mentions.yaml', programMentionsLine());
  assert.deepEqual(Object.fromEntries(counts), {});
  assert.equal(mayHoldKumaYaml(programMentionsLine(0.01)), false);
  assert.equal(mayHoldKumaYaml(`${programMentionsLine(0.01)}services:\n  cp: {}\n`), true, 'the same line in a compose file');
});

test('a kuma-cp setting key with 100,000 spaces inside: unknown-setting, its name echoed cut short', { timeout: 2 * HANG_GUARD_MS }, () => {
  const counts = lintInChild('kuma-cp.yaml', spacedSettingKey());
  assert.equal(counts.get('unknown-setting'), 1);
  assert.match(lastOutput, /unknown-setting apiServer\.http\.interfa {10,}…/);
});

test('an install line whose base64 substitution holds 100,000 spaces: finishes with the finding the line deserves', { timeout: 2 * HANG_GUARD_MS }, () => {
  const counts = lintInChild('install.sh', spacedBase64Substitution());
  // The caBundle is set without a secretName: the one finding, linted, not skipped.
  assert.deepEqual(Object.fromEntries(counts), { 'ca-bundle-secret-pair': 1 });
});

test('an env value of 60,000 BEGIN lines (KUMA_CONTROL_PLANE_CA_CERT): finishes, nothing to report', { timeout: 2 * HANG_GUARD_MS }, () => {
  // Only the block type is checked there; blocks without END belong to another rule.
  const counts = lintInChild('kuma-cp.env', beginOnlyEnvValue());
  assert.deepEqual(Object.fromEntries(counts), {});
});

test('900 lines of 998-item flow lists: skipped with one note before the parser builds 900,000 nodes', { timeout: 2 * HANG_GUARD_MS }, () => {
  const counts = lintInChild('flow-values.yaml', flowListLines());
  assert.deepEqual(Object.fromEntries(counts), { 'file-skipped': 1 });
});

test('the skip note names the reason and the limit', () => {
  const doc = buildDocument('/ws/values.yaml', flowListLines(), 1);
  assert.match(doc.yaml!.unparsable!, /more than 200,000 YAML nodes/);
  assert.deepEqual(doc.yaml!.documents, []);
});

/** Characters String.prototype.indexOf looks at while `run` runs: the PEM scanner's work. */
function indexOfWork(run: () => void): number {
  const original = String.prototype.indexOf;
  let scanned = 0;
  String.prototype.indexOf = function (this: string, search: string, from?: number) {
    const start = Math.max(0, from ?? 0);
    const found = original.call(this, search, start);
    scanned += (found < 0 ? this.length : found + search.length) - start;
    return found;
  };
  try {
    run();
  } finally {
    String.prototype.indexOf = original;
  }
  return scanned;
}

test('the PEM scanner reads each character a bounded number of times (BEGIN lines without END)', () => {
  const text = beginOnlyPem(0.1);
  let blocks = 0;
  const work = indexOfWork(() => (blocks = findPemBlocks(text).length));
  assert.equal(blocks, 7_100);
  assert.ok(work <= 3 * text.length, `indexOf looked at ${work} characters of a ${text.length}-character text`);
});

test('the PEM scanner reads each character a bounded number of times (END lines without BEGIN, then BEGIN lines)', () => {
  const text = '-----END CERTIFICATE-----\n'.repeat(5_000) + beginOnlyPem(0.05);
  let blocks = 0;
  const work = indexOfWork(() => (blocks = findPemBlocks(text).length));
  assert.equal(blocks, 3_550);
  assert.ok(work <= 3 * text.length, `indexOf looked at ${work} characters of a ${text.length}-character text`);
});

test('the one-pass PEM scanner still reads well-formed, truncated and mislabelled blocks', () => {
  const { ca, leaf } = caAndLeaf();
  const text = `${leaf.certPem}junk -----BEGIN ${'X'.repeat(100)}-----\n-----BEGIN CERTIFICATE-----\nAAAA\n${ca.certPem.replace('END CERTIFICATE', 'END PRIVATE KEY')}`;
  const blocks = findPemBlocks(text);
  assert.deepEqual(blocks.map((b) => [b.label, b.endLabel]), [['CERTIFICATE', 'CERTIFICATE'], ['CERTIFICATE', null], ['CERTIFICATE', 'PRIVATE KEY']]);
  assert.equal(text.slice(blocks[0].start, blocks[0].end), leaf.certPem.trimEnd());
  assert.ok(blocks[0].der && blocks[0].der.length > 100);
});

test('suppression anchors: the finding lines are read once, not once per document', () => {
  const doc = buildDocument('/ws/values.yaml', manyValuesDocuments(0.1), 1);
  assert.equal(doc.yaml!.documents.length, 3_101);
  const lines = doc.yaml!.documents.slice(0, 3_100).map((d) => d.range.start.line + 3);
  let iterated = 0;
  const counting = new Set(lines);
  Object.defineProperty(counting, Symbol.iterator, {
    value: function* (this: Set<number>) {
      for (const line of Set.prototype.values.call(this)) {
        iterated++;
        yield line;
      }
    },
  });
  const anchors = anchorLines(doc, counting);
  assert.equal(anchors.size, 0, 'one-line values anchor on their own line');
  assert.ok(iterated <= 2 * lines.length, `finding lines iterated ${iterated} times for ${lines.length} lines`);
});

test('suppression anchors of a multi-line value in a later document still map to its key', () => {
  const second = makeCert().certPem.replace(/\n/g, '\n    ');
  const text = `${'controlPlane:\n  mode: zone\n---\n'.repeat(50)}kdsGlobalServer:\n  cert: |\n    ${second}\n`;
  const doc = buildDocument('/ws/values.yaml', text, 1);
  const keyLine = text.split('\n').indexOf('  cert: |');
  const anchors = anchorLines(doc, new Set([keyLine + 3]));
  assert.equal(anchors.get(keyLine + 3), keyLine);
});

test('no Kuma file of realistic size comes near the node limit: 2 MB of Secrets, Deployments and values', () => {
  const { ca, leaf } = caAndLeaf();
  // One leaf in every Secret: the node estimate reads the text's shape, not its certificates.
  const only = { certPem: leaf.certPem, keyPem: leaf.keyPem };
  const text = largeManifest({ caPem: ca.certPem, leaf: () => only, leafCount: 1, madeLeaves: () => [only] }, 60_000).slice(0, 2 * 1024 * 1024);
  assert.ok(text.length > 2_000_000);
  assert.ok(yamlNodeEstimate(text) < MAX_YAML_NODES / 2, `${yamlNodeEstimate(text)} estimated nodes`);
});
