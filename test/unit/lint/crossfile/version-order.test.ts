// The index keeps the Kuma versions the files name in workspace order, and appends them when each
// new file comes last (a walk's order, the CLI settling after every batch) instead of sorting
// again. After random additions, removals and re-additions, settled in random batches, the texts
// equal those of an index built from scratch over the same files in the same order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDocument } from '../../../../src/lint/model/document';
import { WorkspaceIndexState } from '../../../../src/lint/crossfile/workspace-index';
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
  }
  assert.ok(appendsSeen > 20, `${appendsSeen} files added last`);
});
