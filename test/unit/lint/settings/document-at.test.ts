// documentAt finds a line's YAML document by binary search (a rendered manifest has thousands of
// documents, and rules ask once per scope): it must answer exactly what a linear find does, on
// every line, including the `---` lines two documents touch and blank or comment-only stretches.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDocument } from '../../../../src/lint/model/document';
import { documentAt } from '../../../../src/lint/rules/settings/setting-edits';

function linearDocumentAt(doc: ReturnType<typeof buildDocument>, line: number) {
  return doc.yaml?.documents.find((candidate) => candidate.range.start.line <= line && line <= candidate.range.end.line);
}

test('documentAt answers as a linear find on every line of a many-document file', () => {
  const parts: string[] = [];
  for (let i = 0; i < 60; i++) {
    if (i % 7 === 0) parts.push('# only a comment\n');
    else if (i % 5 === 0) parts.push('');
    else if (i % 3 === 0) parts.push(`apiServer:\n  http:\n    interface: 0.0.0.0\n\n\n`);
    else parts.push(`kind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: v\n`);
  }
  const text = `# leading comment\n${parts.join('---\n')}...\n# trailing\n`;
  const doc = buildDocument('/w/manifest.yaml', text, 1);
  const lineCount = text.split('\n').length;
  assert.ok((doc.yaml?.documents.length ?? 0) >= 50);
  let found = 0;
  for (let line = -1; line <= lineCount + 1; line++) {
    const expected = linearDocumentAt(doc, line);
    assert.equal(documentAt(doc, line), expected, `line ${line}`);
    if (expected) found++;
  }
  assert.ok(found > lineCount / 2, 'most lines lie in a document');
});

test('documentAt of a file that is not YAML is undefined', () => {
  assert.equal(documentAt(buildDocument('/w/kuma-cp.env', 'KUMA_MODE=zone\n', 1), 0), undefined);
});
