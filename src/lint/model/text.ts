// Offsets <-> positions for one text. Offsets and columns are UTF-16 code units, which is
// what JavaScript strings index by and what VS Code positions use, so no conversion is needed.
import { Pos, Span } from '../types';

export class LineIndex {
  /** Offset of the first character of each line. Line breaks: \n, \r\n and a lone \r. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // Most texts break lines with \n alone: the native search hops from line to line, where a
    // loop over every character was a few per cent of linting a whole repository.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  pos(offset: number): Pos {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.lineStarts[lo] };
  }

  offset(pos: Pos): number {
    const line = Math.max(0, Math.min(pos.line, this.lineStarts.length - 1));
    return Math.min(this.lineStarts[line] + pos.character, this.lineEnd(line));
  }

  span(start: number, end: number): Span {
    return { start: this.pos(start), end: this.pos(end) };
  }

  /** Offset just past the last character of the line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** Leading spaces and tabs of a line; the indentation a comment inserted above it must reuse. */
  indentation(line: number): string {
    const text = this.lineText(line);
    let i = 0;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    return text.slice(0, i);
  }

  /** The line break the file already uses, so inserted lines match it. */
  get eol(): string {
    const i = this.text.indexOf('\n');
    if (i < 0) return this.text.includes('\r') ? '\r' : '\n';
    return i > 0 && this.text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
  }
}

/**
 * A string that came out of a document (a YAML scalar's value, an env value, a decoded
 * base64 value) together with a way back to the document: rules find something at value
 * offsets and report it at document ranges. Where the mapping is exact (plain and literal
 * block scalars, unescaped env values) `spanOf` is precise; otherwise it falls back to the
 * whole value's range, which is still the offending value.
 */
export interface EmbeddedText {
  text: string;
  /** Range of the whole value in the document. */
  range: Span;
  /** Document range of value offsets [start, end). */
  spanOf(start: number, end: number): Span;
}

export function wholeValue(text: string, range: Span): EmbeddedText {
  return { text, range, spanOf: () => range };
}

/** A value copied verbatim from document offset `docStart` (no escapes, no folding). */
export function verbatimValue(text: string, docStart: number, lines: LineIndex): EmbeddedText {
  return {
    text,
    range: lines.span(docStart, docStart + text.length),
    spanOf: (start, end) => lines.span(docStart + start, docStart + end),
  };
}

/**
 * A value whose i-th line sits at document offset `lineOffsets[i]` (literal block scalars:
 * same lines, indentation removed).
 */
export function lineMappedValue(text: string, range: Span, lineOffsets: number[], lines: LineIndex): EmbeddedText {
  const valueLineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) valueLineStarts.push(i + 1);
  const toDoc = (offset: number): number => {
    let lo = 0;
    let hi = valueLineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (valueLineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const base = lineOffsets[Math.min(lo, lineOffsets.length - 1)];
    return base + (offset - valueLineStarts[lo]);
  };
  return {
    text,
    range,
    spanOf: (start, end) => {
      if (lineOffsets.length < valueLineStarts.length - 1) return range;
      return { start: lines.pos(toDoc(start)), end: lines.pos(toDoc(Math.max(start, end))) };
    },
  };
}
