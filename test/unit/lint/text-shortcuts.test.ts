// The fast paths of the text model, pinned against the plain rules they replace: LineIndex hops
// from "\n" to "\n" when a text has no "\r", and the Markdown mask blanks a line's characters as
// one run. Random texts mix every line break and the characters a README holds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { markdownFences, maskedText } from '../../../src/lint/model/markdown';
import { LineIndex } from '../../../src/lint/model/text';
import { seededRandom } from '../../fuzz/prng';

/** Line starts by the character loop: \n, \r\n and a lone \r each end a line. */
function referenceLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r') {
      if (text[i + 1] === '\n') i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function randomText(seed: number, pieces: readonly string[], count: number): string {
  const random = seededRandom(seed);
  let text = '';
  for (let i = 0; i < count; i++) text += random.pick(pieces);
  return text;
}

test('LineIndex: the line starts of the native search are those of the character loop, with and without carriage returns', () => {
  const withCr = ['a', 'key: value', '\n', '\r\n', '\r', ' ', '\n\n', 'é', '😀'];
  const withoutCr = withCr.filter((p) => !p.includes('\r'));
  let lines = 0;
  for (let round = 0; round < 2000; round++) {
    const text = randomText(round, round % 2 === 0 ? withoutCr : withCr, round % 40);
    const index = new LineIndex(text);
    assert.deepEqual(index.lineStarts, referenceLineStarts(text), JSON.stringify(text));
    lines += index.lineCount;
  }
  assert.ok(lines > 10_000, `only ${lines} lines`);
  assert.deepEqual(new LineIndex('').lineStarts, [0]);
  assert.deepEqual(new LineIndex('\n').lineStarts, [0, 1]);
  assert.deepEqual(new LineIndex('x\n').lineStarts, [0, 2]);
});

/**
 * The mask by its definition: outside the fences' content every character but a line break is a
 * space, except that a YAML mask starts each such line that is not empty with "#".
 */
function referenceMask(text: string, lines: LineIndex, fences: ReturnType<typeof markdownFences>, documentMarkers: boolean): string {
  const kept = new Uint8Array(text.length);
  const markers: Array<[number, number]> = [];
  for (const f of fences) {
    const contentEnd = f.endLine < lines.lineCount ? lines.lineStarts[f.endLine] : text.length;
    const openStart = lines.lineStarts[f.openLine];
    const openEnd = lines.lineEnd(f.openLine);
    for (let i = openEnd; i < contentEnd; i++) kept[i] = 1;
    markers.push([openStart, openEnd]);
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const marker = markers.find(([start, end]) => i >= start && i < end);
    if (marker) out += documentMarkers && i - marker[0] < 3 ? '-' : ' ';
    else if (kept[i] || text[i] === '\n' || text[i] === '\r') out += text[i];
    // A YAML mask turns a line that is not empty into a comment.
    else out += documentMarkers && (i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r') ? '#' : ' ';
  }
  return out;
}

test('Markdown mask: blanking runs gives the text the per-character rule gives, same length and line breaks, prose lines as comments in YAML', () => {
  const pieces = ['# Title\n', 'Some prose with `code`.\n', '```yaml\n', '```\n', '~~~sh\n', '~~~\n', 'controlPlane:\n', '  tls: {}\n', 'helm install kuma kuma/kuma\n', '\r\n', '\n', 'é\t😀 \n'];
  let fenced = 0;
  for (let round = 0; round < 1500; round++) {
    const text = randomText(1000 + round, pieces, round % 30);
    const lines = new LineIndex(text);
    const fences = markdownFences(lines);
    fenced += fences.length;
    for (const documentMarkers of [true, false]) {
      const masked = maskedText(text, lines, fences, documentMarkers);
      assert.equal(masked, referenceMask(text, lines, fences, documentMarkers), JSON.stringify(text));
      assert.equal(masked.length, text.length);
    }
  }
  assert.ok(fenced > 1000, `only ${fenced} fences`);
});

test('Markdown mask: a block scalar that ends a YAML fence holds only the fence\'s lines, not the prose after it', () => {
  const text = ['```yaml', 'controlPlane:', '  tls:', '    general:', '      caBundle: |', '        QUJD', '```', '', '      Indented prose after the block, deeper than the scalar.', ''].join('\n');
  const lines = new LineIndex(text);
  const masked = maskedText(text, lines, markdownFences(lines), true);
  const docs = parseAllDocuments(masked);
  assert.equal(docs.length, 1);
  assert.deepEqual(docs[0].errors, []);
  assert.equal((docs[0].toJS() as { controlPlane: { tls: { general: { caBundle: string } } } }).controlPlane.tls.general.caBundle, 'QUJD\n');
});
