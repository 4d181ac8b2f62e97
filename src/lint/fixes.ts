// Builders for the precomputed quick fixes that findings carry.
import { InstallCommand } from './model/commands';
import { LintDocument } from './model/document';
import { ValueEntry } from './model/values';
import { Fix, Span } from './types';

export function replaceFix(doc: LintDocument, title: string, range: Span, newText: string, preferred = false): Fix {
  return { title, edits: [{ path: doc.path, range, newText }], ...(preferred ? { preferred } : {}) };
}

/**
 * Replaces a Helm value where it is written: in YAML keeping its quotes (`""` for an empty
 * value), on a command line as the bare word after `K=`.
 */
export function replaceValueEntryFix(doc: LintDocument, title: string, entry: ValueEntry, value: string, preferred = false): Fix {
  if (entry.origin === 'command') return replaceFix(doc, title, entry.valueRange, value, preferred);
  const quote = entry.quote || (value === '' ? '"' : '');
  return replaceFix(doc, title, entry.valueRange, `${quote}${value}${quote}`, preferred);
}

/** Appends `--set key=value` to an install command line. */
export function appendSetFix(doc: LintDocument, title: string, command: InstallCommand, key: string, value: string, preferred = false): Fix {
  const at = command.range.end;
  return replaceFix(doc, title, { start: at, end: at }, ` --set ${key}=${value}`, preferred);
}

/** A fix inserting whole lines before 0-based `line`, using the line's indentation and the file's line break. */
export function insertLinesBeforeFix(doc: LintDocument, title: string, line: number, lines: string[], preferred = false): Fix {
  const indent = doc.lines.indentation(line);
  const eol = doc.lines.eol;
  const pos = { line, character: 0 };
  const newText = lines.map((l) => indent + l + eol).join('');
  return { title, edits: [{ path: doc.path, range: { start: pos, end: pos }, newText }], ...(preferred ? { preferred } : {}) };
}

export const DISABLE_NEXT_LINE = 'kuma-tls-disable-next-line';
export const DISABLE_FILE = 'kuma-tls-disable';

/** "Disable <rule> for this line": the standard per-rule action every finding carries. */
export function disableForLineFix(doc: LintDocument, rule: string, line: number): Fix {
  return insertLinesBeforeFix(doc, `Disable ${rule} for this line`, line, [`# ${DISABLE_NEXT_LINE} ${rule}`]);
}
