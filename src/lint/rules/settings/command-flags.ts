// Flags on kuma-dp / kumactl command lines in shell scripts and fenced Markdown code, located on their physical line.
// Continuation lines (`\` at the end) belong to the command that started above them.
import { LintDocument } from '../../model/document';
import { Span } from '../../types';

export interface CommandFlag {
  /** The program the command line runs (`kuma-dp`, `kumactl`). */
  program: string;
  flag: string;
  /** The flag's value (`--flag=value` or `--flag value`); '' for a bare flag. */
  value: string;
  /** The flag with its value. */
  range: Span;
  valueRange: Span;
}

const PROGRAMS = ['kuma-dp', 'kumactl'];
const MAX_LINE = 10_000;

export function commandFlags(doc: LintDocument, wanted: readonly string[]): CommandFlag[] {
  if (doc.format !== 'shell' && doc.format !== 'markdown') return [];
  const found: CommandFlag[] = [];
  let program: string | undefined;
  // In Markdown only fenced code blocks hold commands; prose may mention a flag without using it.
  let inFence = doc.format === 'shell';
  for (let line = 0; line < doc.lines.lineCount; line++) {
    const text = doc.lines.lineText(line);
    if (doc.format === 'markdown' && /^\s*(```|~~~)/.test(text)) {
      inFence = !inFence;
      program = undefined;
      continue;
    }
    if (!inFence || text.length > MAX_LINE) {
      program = undefined;
      continue;
    }
    const continued = program !== undefined;
    if (!continued) program = PROGRAMS.find((name) => startsCommand(text, name));
    if (program) {
      for (const flag of flagsOnLine(text, wanted)) {
        const start = doc.lines.lineStarts[line];
        found.push({
          program,
          flag: flag.flag,
          value: flag.value,
          range: doc.lines.span(start + flag.start, start + flag.end),
          valueRange: doc.lines.span(start + flag.valueStart, start + flag.end),
        });
      }
    }
    if (!text.trimEnd().endsWith('\\')) program = undefined;
  }
  return found;
}

function startsCommand(text: string, program: string): boolean {
  const index = text.indexOf(program);
  if (index < 0) return false;
  const before = index === 0 ? ' ' : text[index - 1];
  const after = text[index + program.length] ?? ' ';
  return /[\s$`(;|&]/.test(before) && /\s/.test(after);
}

interface FlagOnLine {
  flag: string;
  value: string;
  start: number;
  valueStart: number;
  end: number;
}

function flagsOnLine(text: string, wanted: readonly string[]): FlagOnLine[] {
  const out: FlagOnLine[] = [];
  for (const flag of wanted) {
    for (let index = text.indexOf(flag); index >= 0; index = text.indexOf(flag, index + flag.length)) {
      const flagEnd = index + flag.length;
      const next = text[flagEnd];
      if (next !== undefined && next !== '=' && !isBlank(next)) continue;
      let valueStart = flagEnd;
      if (next === '=') valueStart++;
      else while (valueStart < text.length && isBlank(text[valueStart])) valueStart++;
      let end = valueStart;
      while (end < text.length && !isBlank(text[end]) && text[end] !== '\\') end++;
      const raw = text.slice(valueStart, end);
      if (next !== '=' && (raw === '' || raw.startsWith('-'))) {
        out.push({ flag, value: '', start: index, valueStart: flagEnd, end: flagEnd });
        continue;
      }
      out.push({ flag, value: raw.replace(/^["']|["']$/g, ''), start: index, valueStart, end });
    }
  }
  return out;
}

function isBlank(character: string): boolean {
  return character === ' ' || character === '\t';
}
