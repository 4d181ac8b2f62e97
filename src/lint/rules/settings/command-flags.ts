// Options of kuma-dp / kumactl command lines in shell scripts and fenced Markdown code, as the
// command-line model reads them: by name or absolute path, in `docker run … kuma-dp:<tag>`,
// across `\` continuations (also behind a docs template tag).
import { LintDocument } from '../../model/document';
import { CommandOption, CommandValue, KumaProgram } from '../../model/commands';
import { Span } from '../../types';

export interface CommandFlag {
  /** The program the command line runs (`kuma-dp`, `kumactl`). */
  program: KumaProgram;
  flag: string;
  /** The flag's value (`--flag=value` or `--flag value`); '' for a bare flag. */
  value: string;
  /** The value is a substitution or placeholder. */
  dynamic: boolean;
  /** The flag with its value. */
  range: Span;
  valueRange: Span;
}

/** Each command of `doc` with its program and options (kumactl config control-planes add included). */
export function kumaCommandOptions(doc: LintDocument): Array<{ program: KumaProgram; options: CommandOption[] }> {
  const out: Array<{ program: KumaProgram; options: CommandOption[] }> = [];
  for (const command of doc.commands) {
    if (command.kind === 'program') out.push({ program: command.program, options: command.options });
    else if (command.kind === 'cp-add') out.push({ program: 'kumactl', options: command.options });
  }
  return out;
}

export function commandFlags(doc: LintDocument, wanted: readonly string[]): CommandFlag[] {
  const found: CommandFlag[] = [];
  for (const { program, options } of kumaCommandOptions(doc)) {
    if (program === 'kuma-cp') continue;
    for (const option of options) {
      if (!wanted.includes(option.name)) continue;
      found.push(flagOf(program, option, option.value));
    }
  }
  return found;
}

function flagOf(program: KumaProgram, option: CommandOption, value: CommandValue | null): CommandFlag {
  return {
    program,
    flag: option.name,
    value: value?.value ?? '',
    dynamic: value?.dynamic ?? false,
    range: option.range,
    valueRange: value?.range ?? { start: option.nameRange.end, end: option.nameRange.end },
  };
}

/** The value of the last `name` option of the same command as `flag`, e.g. the `--cp-address` beside a `--skip-verify`. */
export function optionBeside(doc: LintDocument, flag: CommandFlag, name: string): CommandValue | null {
  for (const { options } of kumaCommandOptions(doc)) {
    if (!options.some((o) => o.range === flag.range)) continue;
    let value: CommandValue | null = null;
    for (const o of options) if (o.name === name && o.value) value = o.value;
    return value;
  }
  return null;
}
