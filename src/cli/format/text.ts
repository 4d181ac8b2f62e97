// `file:line:col severity rule message`, one finding a line (the format editors' problem
// matchers and grep understand).
import { CliFinding } from './shape';

export function formatText(findings: readonly CliFinding[]): string {
  return findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.rule} ${oneLine(f.message)}\n`).join('');
}

function oneLine(message: string): string {
  return message.replace(/[\r\n]+/g, ' ');
}
