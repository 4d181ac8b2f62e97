// The CLI's view of a finding: paths relative to the current directory with `/`, 1-based
// positions (lint-rules.md, "The CLI's JSON output").
import * as path from 'node:path';
import { Finding, Span } from '../../lint/types';

export interface CliPosition {
  line: number;
  column: number;
}

export interface CliRange {
  start: CliPosition;
  end: CliPosition;
}

export interface CliFinding {
  file: string;
  rule: string;
  severity: Finding['severity'];
  message: string;
  range: CliRange;
  related: Array<{ file: string; range: CliRange; message: string }>;
}

export function relativeFile(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' ? path.basename(file) : relative).split(path.sep).join('/');
}

export function cliRange(span: Span): CliRange {
  return {
    start: { line: span.start.line + 1, column: span.start.character + 1 },
    end: { line: span.end.line + 1, column: span.end.character + 1 },
  };
}

export function toCliFinding(cwd: string, finding: Finding): CliFinding {
  return {
    file: relativeFile(cwd, finding.path),
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    range: cliRange(finding.range),
    related: finding.related.map((r) => ({ file: relativeFile(cwd, r.path), range: cliRange(r.range), message: r.message })),
  };
}
