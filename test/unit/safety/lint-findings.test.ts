// No finding ever carries private key material: messages, related messages, fix titles, over
// every rule, with a sentinel key in every slot that takes a key (and slots that do not).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allRuleMeta } from '../../../src/lint/rules';
import { LintWorkspace } from '../../../src/lint/workspace';
import { NOW } from '../lint/fixtures';
import { leakIn, makeSentinel, sentinelCorpus } from './sentinel';

const sentinel = makeSentinel();

test('the sentinel detector finds the key in its PEM, base64 and re-wrapped forms, and not in unrelated text', () => {
  assert.ok(leakIn(sentinel, sentinel.pem));
  assert.ok(leakIn(sentinel, Buffer.from(sentinel.pem).toString('base64')));
  assert.ok(leakIn(sentinel, sentinel.pem.replace(/\n/g, '\n    ')));
  assert.equal(leakIn(sentinel, 'A'.repeat(500)), undefined);
});

test('every rule over the sentinel workspace: no key material in any message, related message or fix title', () => {
  const workspace = new LintWorkspace({ now: NOW });
  const corpus = sentinelCorpus(sentinel);
  for (const [name, content] of Object.entries(corpus)) workspace.setDocument(`/sentinel/${name}`, content);
  const findings = [...workspace.lintAll().values()].flat();
  const fired = new Set(findings.map((f) => f.rule));
  console.log(`${findings.length} findings from ${fired.size} of ${allRuleMeta().length} rules: ${[...fired].sort().join(', ')}`);
  assert.ok(fired.size >= 8, 'the corpus makes many rules speak');
  assert.ok(!fired.has('internal-error'));
  for (const f of findings) {
    const texts = [f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title)];
    for (const text of texts) assert.equal(leakIn(sentinel, text), undefined, `${f.rule} on ${f.path}: ${text.slice(0, 120)}`);
  }
});
