// Suppression comments (lint-rules.md): `# kuma-tls-disable-next-line id[, id]` on the line
// before a finding, `# kuma-tls-disable [ids]` as the first comment of a file. Findings inside a
// multi-line value are "on" the line that starts the value's entry, since a comment cannot go
// inside a block scalar or a quoted value; findings in a `\`-continued command, on its first line.
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { LineIndex } from './model/text';
import { DISABLE_FILE, DISABLE_NEXT_LINE } from './fixes';
import { LintDocument } from './model/document';

type RuleSet = Set<string> | 'all';

export interface Suppressions {
  file: RuleSet | null;
  /** Keyed by the line the comment applies to (the comment's line + 1). */
  nextLine: Map<number, RuleSet>;
}

export function readSuppressions(doc: LintDocument): Suppressions {
  const result: Suppressions = { file: null, nextLine: new Map() };
  if (!doc.text.includes(DISABLE_FILE)) return result;
  let sawComment = false;
  for (let line = 0; line < doc.lines.lineCount; line++) {
    const text = doc.lines.lineText(line).trim();
    if (!text.startsWith('#')) continue;
    const body = text.replace(/^#+\s*/, '');
    if (body.startsWith(DISABLE_NEXT_LINE)) {
      result.nextLine.set(line + 1, ruleSet(body.slice(DISABLE_NEXT_LINE.length)));
    } else if (!sawComment && (body === DISABLE_FILE || body.startsWith(DISABLE_FILE + ' '))) {
      result.file = ruleSet(body.slice(DISABLE_FILE.length));
    }
    sawComment = true;
  }
  return result;
}

function ruleSet(list: string): RuleSet {
  const ids = list.split(/[\s,]+/).filter((s) => s !== '');
  return ids.length === 0 ? 'all' : new Set(ids);
}

export function isSuppressed(s: Suppressions, rule: string, anchorLine: number): boolean {
  const covers = (set: RuleSet | null | undefined): boolean => set !== null && set !== undefined && (set === 'all' || set.has(rule));
  return covers(s.file) || covers(s.nextLine.get(anchorLine));
}

/**
 * Maps a line inside a multi-line value to the line where its entry starts (where a comment
 * can go). Lines not in the map are their own anchor.
 */
export function anchorLines(doc: LintDocument, findingLines: ReadonlySet<number>): Map<number, number> {
  const anchors = new Map<number, number>();
  const lines = doc.lines;
  const mark = (from: number, to: number, anchor: number): void => {
    for (let line = from; line <= to; line++) if (line !== anchor) anchors.set(line, anchor);
  };
  if (doc.yaml) {
    // Only documents that hold a finding are walked: a large manifest usually has few.
    // Documents and the sorted finding lines are both in line order, so one merge finds them.
    const sorted = [...findingLines].sort((a, b) => a - b);
    let next = 0;
    for (const d of doc.yaml.documents) {
      while (next < sorted.length && sorted[next] < d.range.start.line) next++;
      if (next >= sorted.length) break;
      if (sorted[next] > d.range.end.line) continue;
      markMultiLineScalars(d.doc.contents, lines, mark);
    }
  }
  if (doc.env) {
    for (const e of doc.env.entries) if (e.range.end.line > e.line) mark(e.line, e.range.end.line, e.line);
  }
  // A command continued with `\` is one line to the shell: a comment between its lines would end
  // it, so findings anywhere in it are "on" its first line, where the comment can go.
  for (const command of doc.commands) {
    if (command.range.end.line > command.range.start.line) mark(command.range.start.line, command.range.end.line, command.range.start.line);
  }
  return anchors;
}

/**
 * Iterative walk (a hostile file may nest 10,000 levels): every scalar spanning several lines
 * maps its lines to the line of its key. Aliases are not followed.
 */
function markMultiLineScalars(root: unknown, lines: LineIndex, mark: (from: number, to: number, anchor: number) => void): void {
  const stack: Array<{ node: unknown; keyStart: number | null }> = [{ node: root, keyStart: null }];
  while (stack.length > 0) {
    const { node, keyStart } = stack.pop()!;
    if (isScalar(node)) {
      if (!node.range) continue;
      const first = lines.pos(node.range[0]).line;
      const last = lines.pos(Math.max(node.range[0], node.range[1] - 1)).line;
      const anchor = keyStart === null ? first : lines.pos(keyStart).line;
      if (last > anchor || first !== anchor) mark(Math.min(first, anchor), last, anchor);
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyStart = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : null;
        stack.push({ node: pair.value, keyStart });
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, keyStart: null });
    }
  }
}
