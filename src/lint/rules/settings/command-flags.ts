// Flags on kuma-dp / kumactl command lines in shell scripts and Markdown, located on their physical line.
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
  for (let line = 0; line < doc.lines.lineCount; line++) {
    const text = doc.lines.lineText(line);
    if (text.length > MAX_LINE) {
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

function flagsOnLine(text: string, wanted: readonly string[]): Array<{ flag: string; value: string; start: number; valueStart: number; end: number }> {
  const out: Array<{ flag: string; value: string; start: number; valueStart: number; end: number }> = [];
  for (const flag of wanted) {
    for (let index = text.indexOf(flag); index >= 0; index = text.indexOf(flag, index + flag.length)) {
      const next = text[index + flag.length] ?? ' ';
      if (next !== '=' && next !== ' ' && next !== '\t' && next !== '\\') continue;
      let valueStart = index + flag.length;
      if (next === '=' || next === ' ' || next === '\t') valueStart++;
      while (next !== '=' && (text[valueStart] === ' ' || text[valueStart] === '\t')) valueStart++;
      let end = valueStart;
      while (end < text.length && text[end] !== ' ' && text[end] !== '\t' && text[end] !== '\\') end++;
      let value = text.slice(valueStart, end);
      if (value.startsWith('--')) {
        value = '';
        end = index + flag.length;
        valueStart = end;
      }
      out.push({ flag, value: value.replace(/^["']|["']$/g, ''), start: index, valueStart, end });
    }
  }
  return out;
}
