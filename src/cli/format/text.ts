// `file:line:col severity rule message`, one finding a line (the format editors' problem
// matchers and grep understand). Columns count UTF-16 code units, as the editor and SARIF do.
// File names and messages come from the user's files: control characters are escaped, so a name
// or a value can neither drive the terminal nor forge an output line.
import { escapeControlCharacters } from '../../pki/redact';
import { CliFinding } from './shape';

export const TEXT_COLUMN_UNIT = 'columns count UTF-16 code units';

export function formatText(findings: readonly CliFinding[]): string {
  return findings.map((f) => `${escapeControlCharacters(f.file)}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.rule} ${escapeControlCharacters(oneLine(f.message))}\n`).join('');
}

function oneLine(message: string): string {
  return message.replace(/[\r\n]+/g, ' ');
}
