// The index keeps the Kuma versions the files name in workspace order, and appends them when each
// new file comes last (a walk's order, the CLI settling after every batch) instead of sorting
// again, folding only the new texts into the agreed version. After random additions, removals and re-additions, settled in random batches, the texts
// equal those of an index built from scratch over the same files in the same order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KumaVersion, resolveKumaVersion } from '../../../../src/kuma';
import { buildDocument } from '../../../../src/lint/model/document';
import { WorkspaceIndexState } from '../../../../src/lint/crossfile/workspace-index';
import { agreedVersion, agreeWith, NOTHING_AGREED } from '../../../../src/lint/kuma-version';
import { seededRandom } from '../../seeded-random';

// Texts of one minor with different spellings: the agreed version keeps the first, so the order shows.
const TAGS = ['2.9.1', 'v2.9.1', '2.9', '2.10.0', '2.6.3'];
const PATHS = Array.from({ length: 8 }, (_, i) => `/w/c${i}/compose.yaml`);

function compose(tag: string, other: string | null): string {
  return `services:\n  cp:\n    image: kumahq/kuma-cp:${tag}\n${other === null ? '' : `  dp:\n    image: kumahq/kuma-dp:${other}\n`}`;
}

test('version texts stay in workspace order through appends, removals and re-additions', () => {
  const next = seededRandom(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const live = new Map<string, { seq: number; text: string }>();
  const index = new WorkspaceIndexState(() => undefined);
  let seq = 0;
  let version = 1;
  let appendsSeen = 0;
  for (let step = 0; step < 400; step++) {
    const path = pick(PATHS);
    const roll = next();
    if (live.has(path) && roll < 0.25) {
      index.update(path, undefined, live.get(path)!.seq);
      live.delete(path);
    } else if (roll < 0.4) {
      // Not a version file (anymore): it names no image.
      const at = live.get(path)?.seq ?? seq++;
      const text = 'services: {}\n';
      index.update(path, buildDocument(path, text, version++), at);
      live.set(path, { seq: at, text });
    } else {
      const at = live.get(path)?.seq ?? seq++;
      const text = compose(pick(TAGS), next() < 0.3 ? pick(TAGS) : null);
      index.update(path, buildDocument(path, text, version++), at);
      live.set(path, { seq: at, text });
      if (at === seq - 1) appendsSeen++;
    }
    if (next() < 0.5) continue; // several updates before the next settle, as in a batch
    index.settle();
    const scratch = new WorkspaceIndexState(() => undefined);
    for (const [p, { seq: at, text }] of [...live].sort((a, b) => a[1].seq - b[1].seq)) scratch.update(p, buildDocument(p, text, 0), at);
    scratch.settle();
    assert.deepEqual(index.kumaVersionTexts(), scratch.kumaVersionTexts(), `step ${step}`);
    assert.deepEqual(index.agreedKumaVersion(), agreedVersion(scratch.kumaVersionTexts()), `step ${step}: the agreed version`);
  }
  assert.ok(appendsSeen > 20, `${appendsSeen} files added last`);
});

/** The agreement as the index computed it before it folded: the whole list, one text after another. */
function referenceAgreement(list: readonly string[]): KumaVersion | undefined {
  let agreed: KumaVersion | undefined;
  for (const text of list) {
    const version = resolveKumaVersion(text);
    if (!version) return undefined;
    if (!agreed) agreed = version;
    else if (agreed.label !== version.label) return undefined;
    else if (agreed.patch !== version.patch) agreed = { label: agreed.label, text: agreed.label };
  }
  return agreed;
}

test('agreeWith is a left fold: texts judged in two parts agree as the whole list does', () => {
  const next = seededRandom(5);
  const texts = [...TAGS, '2.9.2', 'not-a-version', '9.99'];
  let disagreements = 0;
  for (let round = 0; round < 2000; round++) {
    const list = Array.from({ length: Math.floor(next() * 6) }, () => texts[Math.floor(next() * texts.length)]);
    const cut = Math.floor(next() * (list.length + 1));
    const whole = agreeWith(NOTHING_AGREED, list);
    assert.deepEqual(agreeWith(agreeWith(NOTHING_AGREED, list.slice(0, cut)), list.slice(cut)), whole, JSON.stringify({ list, cut }));
    assert.deepEqual(whole.version, referenceAgreement(list), JSON.stringify(list));
    if (whole.disagreed) disagreements++;
  }
  assert.ok(disagreements > 200 && disagreements < 1800, `${disagreements} of 2000 lists disagreed`);
});
