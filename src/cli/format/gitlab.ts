// GitLab's code quality report (a Code Climate subset): a JSON array of issues with a
// description, check name, fingerprint, severity and location. GitLab shows them in merge requests.
import { Severity } from '../../lint/types';
import { terminalSafeJson } from './json';
import { CliFinding } from './shape';

const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

/** `fingerprints[i]` belongs to `findings[i]` (stable across runs; lint.ts). */
export function formatGitlab(findings: readonly CliFinding[], fingerprints: readonly string[]): string {
  const issues = findings.map((f, i) => ({
    description: f.message,
    check_name: f.rule,
    fingerprint: fingerprints[i],
    severity: SEVERITY[f.severity],
    location: {
      path: f.file,
      positions: { begin: { line: f.range.start.line, column: f.range.start.column }, end: { line: f.range.end.line, column: f.range.end.column } },
    },
  }));
  return `${terminalSafeJson(JSON.stringify(issues, null, 2))}\n`;
}
