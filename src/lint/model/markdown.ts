// Fenced code blocks of a Markdown file, and what each one holds. A ```yaml or ```env block (or
// an untagged one whose content says what it is) is linted as that kind of file. To keep every
// range exact without a second coordinate system, the parsers read a masked copy of the Markdown
// text: same length, same line breaks, with everything outside the chosen blocks turned into
// spaces. Offsets, lines and columns of the copy are those of the Markdown file.
import { LineIndex } from './text';

export type FenceContent = 'yaml' | 'env' | 'shell' | 'other';

export interface MarkdownFence {
  /** The info string's first word, lower-cased ('' when untagged). */
  tag: string;
  /** Line of the opening fence. */
  openLine: number;
  /** First and last-plus-one line of the content. */
  firstLine: number;
  endLine: number;
  content: FenceContent;
}

const YAML_TAGS = new Set(['yaml', 'yml']);
const ENV_TAGS = new Set(['env', 'dotenv']);
const SHELL_TAGS = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);
/** A Markdown file with more blocks than this is generated; only its first blocks are read. */
const MAX_FENCES = 2_000;

export function markdownFences(lines: LineIndex): MarkdownFence[] {
  const fences: MarkdownFence[] = [];
  let open: { marker: string; tag: string; openLine: number } | null = null;
  for (let line = 0; line < lines.lineCount && fences.length < MAX_FENCES; line++) {
    const trimmed = lines.lineText(line).trimStart();
    if (open === null) {
      const m = /^(`{3,}|~{3,})\s*([^\s`{]*)/.exec(trimmed);
      if (m) open = { marker: m[1], tag: m[2].toLowerCase(), openLine: line };
    } else if (trimmed.startsWith(open.marker) && trimmed.slice(open.marker.length).trim() === '') {
      fences.push(fence(lines, open.tag, open.openLine, line));
      open = null;
    }
  }
  // An unclosed block runs to the end of the file, as CommonMark says.
  if (open !== null && fences.length < MAX_FENCES) fences.push(fence(lines, open.tag, open.openLine, lines.lineCount));
  return fences;
}

function fence(lines: LineIndex, tag: string, openLine: number, endLine: number): MarkdownFence {
  const firstLine = openLine + 1;
  return { tag, openLine, firstLine, endLine, content: contentOf(lines, tag, firstLine, endLine) };
}

function contentOf(lines: LineIndex, tag: string, firstLine: number, endLine: number): FenceContent {
  if (YAML_TAGS.has(tag)) return 'yaml';
  if (ENV_TAGS.has(tag)) return 'env';
  if (SHELL_TAGS.has(tag)) return 'shell';
  if (tag !== '') return 'other';
  return sniff(lines, firstLine, endLine);
}

const ENV_LINE = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*=/;
const YAML_START = /^(?:---\s*$|[A-Za-z_][\w.-]*:(?:\s|$)|["'][^"']+["']:(?:\s|$))/;

/**
 * An untagged block: env when every line is `NAME=value` (and one names a KUMA_ setting), YAML when
 * its first line opens a mapping or a document; anything else is left alone.
 */
function sniff(lines: LineIndex, firstLine: number, endLine: number): FenceContent {
  let first: string | null = null;
  let allEnv = true;
  let kumaEnv = false;
  for (let line = firstLine; line < endLine; line++) {
    const text = lines.lineText(line).trim();
    if (text === '' || text.startsWith('#')) continue;
    first ??= text;
    if (!ENV_LINE.test(text)) allEnv = false;
    else if (/^(?:export\s+)?KUMA_/i.test(text)) kumaEnv = true;
  }
  if (first === null) return 'other';
  if (allEnv) return kumaEnv ? 'env' : 'other';
  return YAML_START.test(first) ? 'yaml' : 'other';
}

/**
 * The Markdown text with only the content of `fences` kept. For YAML each block's opening fence
 * line becomes a `---` document marker, so every block is a document of its own, and every other
 * line that is not empty becomes a comment (`#` and spaces): the parser passes over a comment
 * line in one step where it takes a line of spaces character by character (half the time of
 * parsing a chart's README), and a block scalar that ends a fence ends there, where lines of
 * spaces deeper than its indentation were read as more of its value.
 */
export function maskedText(text: string, lines: LineIndex, fences: readonly MarkdownFence[], documentMarkers: boolean): string {
  const out: string[] = [];
  let cursor = 0;
  // Blanked stretches run from a line start to a line start: each run is a whole line, replaced
  // in one step (one replacement a character made this the largest cost of linting a chart
  // repository's READMEs).
  const blankLine = documentMarkers ? commentOfLength : spacesOfLength;
  const blank = (from: number, to: number): void => {
    if (to > from) out.push(text.slice(from, to).replace(/[^\r\n]+/g, blankLine));
  };
  for (const f of fences) {
    const openStart = lines.lineStarts[f.openLine];
    const contentStart = f.firstLine < lines.lineCount ? lines.lineStarts[f.firstLine] : text.length;
    const contentEnd = f.endLine < lines.lineCount ? lines.lineStarts[f.endLine] : text.length;
    blank(cursor, openStart);
    const openEnd = lines.lineEnd(f.openLine);
    out.push(documentMarkers ? '---' + ' '.repeat(openEnd - openStart - 3) : ' '.repeat(openEnd - openStart));
    out.push(text.slice(openEnd, contentStart));
    out.push(text.slice(contentStart, contentEnd));
    cursor = contentEnd;
  }
  blank(cursor, text.length);
  return out.join('');
}

function spacesOfLength(run: string): string {
  return ' '.repeat(run.length);
}

function commentOfLength(run: string): string {
  return `#${' '.repeat(run.length - 1)}`;
}
