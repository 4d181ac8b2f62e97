// A small, strict command-line parser shared by the subcommands: `--flag=value` and
// `--flag value`, repeatable list flags, booleans, `--` ends the flags. Unknown flags are errors.
import { UsageError } from './io';

export type FlagKind = 'string' | 'list' | 'boolean';

export interface FlagSpec {
  kind: FlagKind;
  /** One-letter alias, used as `-x value`. */
  short?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  strings: Map<string, string>;
  lists: Map<string, string[]>;
  booleans: Set<string>;
  positionals: string[];
}

export function parseArgs(args: readonly string[], specs: FlagSpecs): ParsedArgs {
  const parsed: ParsedArgs = { strings: new Map(), lists: new Map(), booleans: new Set(), positionals: [] };
  const byShort = new Map(Object.entries(specs).flatMap(([name, spec]) => (spec.short ? [[spec.short, name]] : [])));
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--') {
      parsed.positionals.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const written = equals === -1 ? arg : arg.slice(0, equals);
    const name = written.startsWith('--') ? written.slice(2) : byShort.get(written.slice(1));
    const spec = name === undefined ? undefined : specs[name];
    if (name === undefined || spec === undefined) {
      throw new UsageError(`unknown flag "${written}"`);
    }
    let value: string | undefined = equals === -1 ? undefined : arg.slice(equals + 1);
    if (spec.kind === 'boolean') {
      if (value === undefined || value === 'true') {
        parsed.booleans.add(name);
      } else if (value === 'false') {
        parsed.booleans.delete(name);
      } else {
        throw new UsageError(`flag --${name} takes no value other than true or false, got "${value}"`);
      }
      continue;
    }
    if (value === undefined) {
      if (index + 1 >= args.length) {
        throw new UsageError(`flag --${name} needs a value`);
      }
      index += 1;
      value = args[index];
    }
    if (spec.kind === 'list') {
      parsed.lists.set(name, [...(parsed.lists.get(name) ?? []), value]);
    } else {
      if (parsed.strings.has(name)) {
        throw new UsageError(`flag --${name} given more than once`);
      }
      parsed.strings.set(name, value);
    }
  }
  return parsed;
}

/** A flag's value, or the default, or a usage error naming the missing flag. */
export function requiredString(parsed: ParsedArgs, name: string, fallback?: string): string {
  const value = parsed.strings.get(name) ?? fallback;
  if (value === undefined || value === '') {
    throw new UsageError(`flag --${name} is required`);
  }
  return value;
}

export function noPositionals(parsed: ParsedArgs, command: string): void {
  if (parsed.positionals.length > 0) {
    throw new UsageError(`${command} takes no arguments, got "${parsed.positionals[0]}"`);
  }
}
