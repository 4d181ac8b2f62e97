// `.env`-style files: NAME=value lines, optional `export `, single/double quotes, escapes in
// double quotes, `#` comments, CRLF. Written as a character scanner (no regex over values) so
// a 1 MB line costs one pass.
import { hasTemplatePlaceholder } from './placeholders';
import { Span } from '../types';
import { EmbeddedText, LineIndex, verbatimValue, wholeValue } from './text';

export interface EnvEntry {
  name: string;
  nameRange: Span;
  /** The value with quotes removed and escapes resolved. */
  value: string;
  valueRange: Span;
  /** From the start of the name (or `export`) to the end of the value. */
  range: Span;
  /** 0-based line of the name. */
  line: number;
  exported: boolean;
  quote: '"' | "'" | null;
  /** `$(…)`, `${VAR}` or `$VAR` in an unquoted or double-quoted value: the linter cannot know it. */
  hasSubstitution: boolean;
  /** The value with a way back to the document. */
  embedded: EmbeddedText;
}

export interface EnvFile {
  entries: EnvEntry[];
}

export function parseEnv(lines: LineIndex): EnvFile {
  const text = lines.text;
  const entries: EnvEntry[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const lineStart = lines.lineStarts[line];
    const lineEnd = lines.lineEnd(line);
    let i = lineStart;
    while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
    if (i >= lineEnd || text[i] === '#') continue;
    const entryStart = i;
    let exported = false;
    if (text.startsWith('export', i) && isBlank(text.charCodeAt(i + 6))) {
      exported = true;
      i += 6;
      while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
    }
    const nameStart = i;
    while (i < lineEnd && isNameChar(text.charCodeAt(i))) i++;
    const nameEnd = i;
    if (nameEnd === nameStart) continue;
    while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
    if (text[i] !== '=') continue;
    i++;
    while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
    const value = readValue(text, i, lineEnd, lines, line);
    if (value.endLine > line) line = value.endLine;
    entries.push({
      name: text.slice(nameStart, nameEnd),
      nameRange: lines.span(nameStart, nameEnd),
      value: value.value,
      valueRange: lines.span(value.start, value.end),
      range: lines.span(entryStart, value.end),
      line: lines.pos(nameStart).line,
      exported,
      quote: value.quote,
      // A template placeholder is unknowable even in single quotes: the template fills it in first.
      hasSubstitution: (value.quote !== "'" && hasSubstitution(value.value)) || hasTemplatePlaceholder(value.value),
      embedded: value.exact ? verbatimValue(value.value, value.contentStart, lines) : wholeValue(value.value, lines.span(value.start, value.end)),
    });
  }
  return { entries };
}

interface ValueRead {
  value: string;
  /** Document offsets of the value including its quotes. */
  start: number;
  end: number;
  /** Where the unquoted content starts; `exact` says whether it maps 1:1 to the value. */
  contentStart: number;
  exact: boolean;
  quote: '"' | "'" | null;
  endLine: number;
}

function readValue(text: string, start: number, lineEnd: number, lines: LineIndex, line: number): ValueRead {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    // Quoted values may span lines (PEM in a .env file is usually written that way).
    let i = start + 1;
    let out = '';
    let exact = true;
    while (i < text.length && text[i] !== quote) {
      if (quote === '"' && text[i] === '\\' && i + 1 < text.length) {
        const next = text[i + 1];
        const decoded = next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : next;
        out += decoded;
        exact = false;
        i += 2;
        continue;
      }
      if (text[i] === '\r') exact = false;
      else out += text[i];
      i++;
    }
    if (i >= text.length) {
      // Unterminated: keep the rest of the line only, as a shell would fail on it.
      const value = text.slice(start + 1, lineEnd);
      return { value, start, end: lineEnd, contentStart: start + 1, exact: true, quote, endLine: line };
    }
    const end = i + 1;
    return { value: out, start, end, contentStart: start + 1, exact, quote, endLine: lines.pos(end).line };
  }
  let end = lineEnd;
  for (let i = start; i < lineEnd; i++) {
    if (text[i] === '#' && (i === start || isBlank(text.charCodeAt(i - 1)))) {
      end = i;
      break;
    }
  }
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return { value: text.slice(start, end), start, end, contentStart: start, exact: true, quote: null, endLine: line };
}

export function hasSubstitution(value: string): boolean {
  for (let i = value.indexOf('$'); i >= 0 && i < value.length - 1; i = value.indexOf('$', i + 1)) {
    const next = value.charCodeAt(i + 1);
    if (next === 40 /* ( */ || next === 123 /* { */ || next === 95 /* _ */ || (next >= 65 && next <= 90) || (next >= 97 && next <= 122)) return true;
  }
  return false;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}
