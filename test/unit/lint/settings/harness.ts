// Runs one rule on one in-memory file the way the engine does, and applies a finding's fix to the text,
// so each rule test can assert ranges and that the fixed text lints clean.
import { buildDocument } from '../../../../src/lint/model/document';
import { LineIndex } from '../../../../src/lint/model/text';
import { Report, ResolvedLintOptions, Rule, RuleContext } from '../../../../src/lint/rule';
import { DEFAULT_LINT_OPTIONS, Fix, Severity, Span } from '../../../../src/lint/types';

export type RuleReport = Report & { severity?: Severity };

export const WORKSPACE = '/workspace';

export function runRule(rule: Rule, fileName: string, text: string): RuleReport[] {
  const doc = buildDocument(`${WORKSPACE}/${fileName}`, text, 1);
  if (doc.kinds.length === 0) return [];
  if (rule.kinds && !rule.kinds.some((kind) => doc.kinds.includes(kind))) return [];
  const reports: RuleReport[] = [];
  const now = new Date('2026-11-27T12:00:00Z');
  const options: ResolvedLintOptions = { ...DEFAULT_LINT_OPTIONS, now };
  const ctx: RuleContext = {
    options,
    now,
    controlPlane: options.controlPlane,
    workspace: { get: () => undefined, documents: () => [] },
    severity: rule.defaultSeverity,
    report: (report) => reports.push(report),
    dependOn: () => undefined,
  };
  rule.check(doc, ctx);
  return reports;
}

/** Applies a fix's edits (all on the linted file) to its text. */
export function applyFix(text: string, fix: Fix): string {
  const lines = new LineIndex(text);
  const edits = fix.edits
    .map((edit) => ({ start: lines.offset(edit.range.start), end: lines.offset(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

export function fixTitled(report: RuleReport, title: string): Fix {
  const fix = report.fixes?.find((candidate) => candidate.title === title);
  if (!fix) throw new Error(`no fix "${title}" among ${JSON.stringify(report.fixes?.map((f) => f.title))}`);
  return fix;
}

/** A 0-based span from line/character pairs, for readable range assertions. */
export function span(startLine: number, startChar: number, endLine: number, endChar: number): Span {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** The text a span covers. */
export function textAt(text: string, range: Span): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(range.start), lines.offset(range.end));
}
