// Command lines of shell scripts and of fenced shell blocks in Markdown, tokenised with the
// document offset of every character, so a rule can point at one flag value exactly. Only the
// commands that shape a Kuma deployment are recognised (lint-rules.md, "shell / Markdown").
import { installFlagByName } from '../../kuma/kumactl-flags';
import { Span } from '../types';
import { isUnknowable } from './placeholders';
import { EmbeddedText, LineIndex } from './text';

export interface ShellToken {
  /** The word after quote removal (`"a b"` -> `a b`); substitutions are kept as written. */
  value: string;
  /** Document offset of each character of `value`, plus one past the last. */
  offsets: number[];
  range: Span;
  /** Contains `$(…)`, backticks, `$VAR`/`${VAR}` or a template placeholder: the shell or a template decides the value, not the text. */
  dynamic: boolean;
}

/** A flag's value (`--set K=V`, `--namespace=NS`, `--from-file=KEY=PATH`) with its exact range. */
export interface CommandValue {
  value: string;
  range: Span;
  dynamic: boolean;
  /** Document offset of each character of `value`, plus one past the last (quotes and escapes skipped). */
  offsets: number[];
}

export interface KeyValue {
  key: string;
  keyRange: Span;
  value: CommandValue;
}

export interface KubectlSecretCommand {
  kind: 'kubectl-secret';
  secretType: 'generic' | 'tls';
  name: CommandValue | null;
  namespace: CommandValue | null;
  /** `--from-file=[KEY=]PATH`, `--cert`, `--key` (as tls.crt/tls.key) and `--from-literal=KEY=V`. */
  files: Array<{ key: string; keyRange: Span; path: CommandValue }>;
  literals: KeyValue[];
  range: Span;
}

/** One `K=V` of `--set`, `--set-string` or `--set-file` (Helm splits a flag's value at commas). */
export interface SetAssignment extends KeyValue {
  /** `--set-file`: the value is a path whose content becomes the value. */
  file: boolean;
  /** `--set-string`: the value stays a string (`true` is not a boolean). */
  string: boolean;
}

export interface InstallCommand {
  kind: 'install';
  tool: 'kumactl' | 'helm';
  namespace: CommandValue | null;
  /** `--set`, `--set-string`, `--set-file`, one entry per comma-separated assignment, in order. */
  sets: SetAssignment[];
  valuesFiles: CommandValue[];
  /** `helm upgrade --reuse-values`: the release's earlier values apply too, unseen here. */
  reusesValues: boolean;
  /** kumactl's `--tls-general-secret` and friends, flag name without dashes. */
  flags: KeyValue[];
  range: Span;
}

/** An option as written: `--name`, `--name=value`, `--name value`. */
export interface CommandOption {
  /** With its dashes, e.g. `--skip-verify`. */
  name: string;
  nameRange: Span;
  value: CommandValue | null;
  /** The option with its value. */
  range: Span;
}

export interface ControlPlaneAddCommand {
  kind: 'cp-add';
  address: CommandValue | null;
  options: CommandOption[];
  range: Span;
}

export type KumaProgram = 'kuma-cp' | 'kuma-dp' | 'kumactl';

/**
 * Any other kuma-cp, kuma-dp or kumactl command: by name, by absolute path, or as the image of
 * `docker run` (`kumahq/kuma-dp:2.9.3 run …`).
 */
export interface ProgramCommand {
  kind: 'program';
  program: KumaProgram;
  /** The words before the first option (`run`, `migrate up`, `generate dataplane-token`). */
  subcommand: string[];
  options: CommandOption[];
  /** `KUMA_…=…` prefixes of the command and `docker run -e KUMA_…=…`. */
  env: KeyValue[];
  range: Span;
}

export type KumaCommand = KubectlSecretCommand | InstallCommand | ControlPlaneAddCommand | ProgramCommand;

// Untagged fences: READMEs often leave the language off a command block.
const SHELL_FENCES = new Set(['sh', 'bash', 'shell', 'console', 'zsh', '']);

/** The Kuma-relevant commands of a shell script, or of a Markdown file's fenced shell blocks. */
export function readCommands(text: string, lines: LineIndex, markdown: boolean): KumaCommand[] {
  const out: KumaCommand[] = [];
  for (const [start, end, consolePrompt] of markdown ? shellBlocks(text, lines) : [[0, text.length, false] as const]) {
    for (const words of splitCommands(text, start, end, consolePrompt)) {
      const command = recognise(words, lines);
      if (command) out.push(command);
    }
  }
  return out;
}

/** [start, end) offsets of the bodies of ```sh / ```bash / ```shell / ```console fences. */
function shellBlocks(text: string, lines: LineIndex): Array<readonly [number, number, boolean]> {
  const blocks: Array<readonly [number, number, boolean]> = [];
  let open: { fence: string; start: number; console: boolean } | null = null;
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    const trimmed = content.trimStart();
    if (open === null) {
      const m = /^(```+|~~~+)\s*([\w-]*)/.exec(trimmed);
      if (m) open = { fence: m[1], start: line + 1 < lines.lineCount ? lines.lineStarts[line + 1] : text.length, console: m[2].toLowerCase() === 'console' };
      if (m && !SHELL_FENCES.has(m[2].toLowerCase())) open = { ...open!, start: -1 };
    } else if (trimmed.startsWith(open.fence)) {
      if (open.start >= 0) blocks.push([open.start, lines.lineStarts[line], open.console]);
      open = null;
    }
  }
  if (open && open.start >= 0) blocks.push([open.start, text.length, open.console]);
  return blocks;
}

/**
 * Splits [start, end) into simple commands (at newlines, `;`, `&&`, `||`, `|`), each a list of
 * words; `\`-newline joins lines, `#` starts a comment at a word start.
 */
function splitCommands(text: string, start: number, end: number, consolePrompt: boolean): Array<Array<{ value: string; offsets: number[]; dynamic: boolean }>> {
  const commands: Array<Array<{ value: string; offsets: number[]; dynamic: boolean }>> = [];
  let words: Array<{ value: string; offsets: number[]; dynamic: boolean }> = [];
  let word: { value: string; offsets: number[]; dynamic: boolean } | null = null;
  let atLineStart = true;
  // Also true after a `\`-newline: a tag-only line may follow a continuation.
  let atPhysicalLineStart = true;
  const endWord = () => {
    if (word) words.push(word);
    word = null;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  const add = (ch: string, at: number) => {
    word ??= { value: '', offsets: [], dynamic: false };
    word.value += ch;
    word.offsets.push(at);
  };
  let i = start;
  while (i < end) {
    if (atPhysicalLineStart) {
      atPhysicalLineStart = false;
      // A line holding only template tags (`{% if_version … %}`) is not a command line: the
      // command continued above goes on below it.
      const after = templateTagsThenLineEnd(text, i, end);
      if (after >= 0) {
        i = after;
        atPhysicalLineStart = true;
        continue;
      }
    }
    if (atLineStart && consolePrompt) {
      let j = i;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '$' && (text[j + 1] === ' ' || text[j + 1] === '\t')) i = j + 2;
    }
    atLineStart = false;
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
      atPhysicalLineStart = true;
      continue;
    }
    if (c === '\\' && text[i + 1] === '{' && (text[i + 2] === '%' || text[i + 2] === '{')) {
      // `\{% endif_version %}`: a docs template puts its tag after the continuation backslash;
      // once rendered, the backslash ends the line.
      const after = templateTagsThenLineEnd(text, i + 1, end, true);
      if (after >= 0) {
        endWord();
        i = after;
        atPhysicalLineStart = true;
        continue;
      }
    }
    if (c === '{' && text[i + 1] === '%') {
      const close = tagEnd(text, i, end);
      if (close >= 0) {
        i = close;
        continue;
      }
    }
    if (c === '{' && text[i + 1] === '{') {
      const close = tagEnd(text, i, end);
      if (close >= 0) {
        // `{{ .Values.ns }}`: one placeholder word, whatever spaces it holds.
        word ??= { value: '', offsets: [], dynamic: false };
        for (let j = i; j < close; j++) add(text[j], j);
        word.dynamic = true;
        i = close;
        continue;
      }
    }
    if (c === '\n' || c === '\r') {
      endCommand();
      atLineStart = true;
      atPhysicalLineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      i++;
      continue;
    }
    if (c === '#' && word === null) {
      while (i < end && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === ';' || c === '|' || c === '&') {
      endCommand();
      i += (c === '|' || c === '&') && text[i + 1] === c ? 2 : 1;
      continue;
    }
    if (c === '\\' && i + 1 < end) {
      add(text[i + 1], i + 1);
      i += 2;
      continue;
    }
    if (c === "'") {
      word ??= { value: '', offsets: [], dynamic: false };
      let j = i + 1;
      while (j < end && text[j] !== "'") add(text[j], j++);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      word ??= { value: '', offsets: [], dynamic: false };
      let j = i + 1;
      while (j < end && text[j] !== '"') {
        if (text[j] === '\\' && '"\\$`'.includes(text[j + 1] ?? '')) {
          add(text[j + 1], j + 1);
          j += 2;
        } else if (text[j] === '$' || text[j] === '`') {
          j = substitution(text, j, end, add, () => (word!.dynamic = true));
        } else {
          add(text[j], j);
          j++;
        }
      }
      i = j + 1;
      continue;
    }
    if (c === '$' || c === '`') {
      word ??= { value: '', offsets: [], dynamic: false };
      i = substitution(text, i, end, add, () => (word!.dynamic = true));
      continue;
    }
    add(c, i);
    i++;
  }
  endCommand();
  for (const w of commands.flat()) w.offsets.push(w.offsets.length > 0 ? w.offsets[w.offsets.length - 1] + 1 : start);
  return commands;
}

/** The offset after the `{% … %}` or `{{ … }}` starting at `i` (on one line), or -1. */
function tagEnd(text: string, i: number, end: number): number {
  const close = text[i + 1] === '%' ? '%' : '}';
  for (let j = i + 2; j + 1 < end; j++) {
    const ch = text[j];
    if (ch === '\n' || ch === '\r') return -1;
    if (ch === close && text[j + 1] === '}') return j + 2;
  }
  return -1;
}

/**
 * When [i, …) holds only template tags and blanks up to the end of its line (or, with
 * `anyTail`, tags followed by anything), the offset where the command goes on: past the line
 * break, or after the tags. Otherwise -1.
 */
function templateTagsThenLineEnd(text: string, i: number, end: number, anyTail = false): number {
  let j = i;
  let tags = 0;
  for (;;) {
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] !== '{' || (text[j + 1] !== '%' && text[j + 1] !== '{')) break;
    const close = tagEnd(text, j, end);
    if (close < 0) break;
    j = close;
    tags++;
  }
  if (tags === 0) return -1;
  if (j >= end) return j;
  if (text[j] === '\r') return text[j + 1] === '\n' ? j + 2 : j + 1;
  if (text[j] === '\n') return j + 1;
  return anyTail ? j : -1;
}

/**
 * Copies a `$(…)`, `${…}`, `$VAR` or backtick substitution verbatim into the word (it may span
 * spaces and quotes) and returns the offset after it.
 */
function substitution(text: string, i: number, end: number, add: (ch: string, at: number) => void, markDynamic: () => void): number {
  const open = text[i] === '`' ? '`' : text.slice(i, i + 2);
  let j = i;
  if (open === '$(' || open === '${') {
    const close = open === '$(' ? ')' : '}';
    let depth = 0;
    for (; j < end; j++) {
      const ch = text[j];
      if (ch === '\n' || ch === '\r') break;
      add(ch, j);
      if (ch === open[1] && text[j - 1] === '$') depth++;
      else if (ch === '(' && close === ')') depth++;
      else if (ch === close && --depth === 0) {
        j++;
        break;
      }
    }
    markDynamic();
    return j;
  }
  if (open === '`') {
    add('`', j++);
    while (j < end && text[j] !== '`' && text[j] !== '\n') add(text[j], j++);
    if (text[j] === '`') add('`', j++);
    markDynamic();
    return j;
  }
  add('$', j++);
  if (/[A-Za-z_]/.test(text[j] ?? '')) {
    while (j < end && /\w/.test(text[j])) add(text[j], j++);
    markDynamic();
  }
  return j;
}

function tokens(words: Array<{ value: string; offsets: number[]; dynamic: boolean }>, lines: LineIndex): ShellToken[] {
  return words.map((w) => ({ ...w, range: lines.span(w.offsets[0], w.offsets[w.offsets.length - 1]) }));
}

/** The part [from, to) of a token, with its document range. */
function slice(token: ShellToken, lines: LineIndex, from: number, to = token.value.length): CommandValue {
  const value = token.value.slice(from, to);
  const startOffset = token.offsets[from];
  const endOffset = to > from ? token.offsets[to - 1] + 1 : startOffset;
  return { value, range: lines.span(startOffset, endOffset), dynamic: /[$`]/.test(value) || isUnknowable(value), offsets: [...token.offsets.slice(from, to), endOffset] };
}

const KUMA_PROGRAMS: readonly KumaProgram[] = ['kuma-cp', 'kuma-dp', 'kumactl'];
const CONTAINER_RUNTIMES = new Set(['docker', 'podman', 'nerdctl']);
/** `kumahq/kuma-dp:2.9.3`, `docker.io/kumahq/kuma-cp@sha256:…`, `kong/kuma-dp`: which Kuma program an image runs. */
const KUMA_IMAGE = /(?:^|\/)(kuma-cp|kuma-dp|kumactl)(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?$/;
/** docker run options that take no value (`-it`, `--rm`), so the word after them may be the image. */
const DOCKER_BOOLEAN = /^(?:-[dirtP]+|--(?:rm|detach|interactive|tty|privileged|init|read-only|publish-all|no-healthcheck|oom-kill-disable|sig-proxy)(?:=\w+)?)$/;
const ENV_ASSIGNMENT = /^[A-Za-z_]\w*=/;

function recognise(words: Array<{ value: string; offsets: number[]; dynamic: boolean }>, lines: LineIndex): KumaCommand | null {
  let all = tokens(words, lines);
  // `sudo`, `KUBECONFIG=… kubectl`, `env X=1 helm`: skip to the program, keeping the assignments.
  const prefixes: ShellToken[] = [];
  while (all.length > 0 && (all[0].value === 'sudo' || all[0].value === 'env' || ENV_ASSIGNMENT.test(all[0].value))) {
    if (ENV_ASSIGNMENT.test(all[0].value)) prefixes.push(all[0]);
    all = all.slice(1);
  }
  if (all.length < 1) return null;
  const program = all[0].value.replace(/^.*\//, '');
  const v = all.map((t) => t.value);
  const range = lines.span(all[0].offsets[0], all[all.length - 1].offsets[all[all.length - 1].offsets.length - 1]);
  if (program === 'kubectl' && v[1] === 'create' && v[2] === 'secret' && (v[3] === 'generic' || v[3] === 'tls')) {
    return kubectlSecret(all.slice(4), v[3], range, lines);
  }
  if (program === 'kumactl' && v[1] === 'install' && v[2] === 'control-plane') return install('kumactl', all.slice(3), range, lines);
  if (program === 'helm' && (v[1] === 'install' || v[1] === 'upgrade' || v[1] === 'template')) {
    const command = install('helm', all.slice(2), range, lines);
    return installsKumaChart(all.slice(2), command, lines) ? command : null;
  }
  if (program === 'kumactl' && v[1] === 'config' && v[2] === 'control-planes' && v[3] === 'add') {
    const options = readOptions(all.slice(4), lines);
    return { kind: 'cp-add', address: options.find((o) => o.name === '--address')?.value ?? null, options, range };
  }
  if ((KUMA_PROGRAMS as readonly string[]).includes(program)) {
    return programCommand(program as KumaProgram, all.slice(1), prefixes.map((p) => assignment(p, lines)), range, lines);
  }
  if (CONTAINER_RUNTIMES.has(program)) return containerRun(all.slice(v[1] === 'container' ? 2 : 1), v[1] === 'container' ? v[2] : v[1], lines);
  return null;
}

/**
 * A Helm release of Kuma's or Kong Mesh's chart: the release or chart names it (`kuma/kuma`,
 * `./charts/kuma`, `kong-mesh/kong-mesh`), or it sets Kuma's values. Other charts' `--set`
 * keys mean nothing to Kuma's rules.
 */
function installsKumaChart(args: ShellToken[], command: InstallCommand, lines: LineIndex): boolean {
  const { positionals } = flagsAndPositionals(args, lines);
  return positionals.some((p) => /kuma|kong-mesh/i.test(p.value)) || command.sets.some((s) => /^(?:kuma\.)?controlPlane\./.test(s.key));
}

function programCommand(program: KumaProgram, args: ShellToken[], env: KeyValue[], range: Span, lines: LineIndex): ProgramCommand {
  const firstOption = args.findIndex((t) => t.value.startsWith('-'));
  const words = firstOption < 0 ? args : args.slice(0, firstOption);
  return { kind: 'program', program, subcommand: words.map((t) => t.value), options: readOptions(args.slice(words.length), lines), env, range };
}

/** `docker run [options] IMAGE [args]` whose image is kuma-cp, kuma-dp or kumactl; its `-e K=V` are the program's env. */
function containerRun(args: ShellToken[], verb: string | undefined, lines: LineIndex): ProgramCommand | null {
  if (verb !== 'run' || args.length < 2) return null;
  const env: KeyValue[] = [];
  for (let i = 1; i < args.length; i++) {
    const t = args[i];
    if (t.value.startsWith('-')) {
      const inline = /^(?:-e|--env)=(.*)$/s.exec(t.value);
      if (inline) {
        if (ENV_ASSIGNMENT.test(inline[1])) env.push(assignment(t, lines, t.value.length - inline[1].length));
      } else if (!t.value.includes('=') && !DOCKER_BOOLEAN.test(t.value) && i + 1 < args.length) {
        if ((t.value === '-e' || t.value === '--env') && ENV_ASSIGNMENT.test(args[i + 1].value)) env.push(assignment(args[i + 1], lines));
        i++;
      }
      continue;
    }
    const image = KUMA_IMAGE.exec(t.value);
    if (!image) return null;
    const start = t.offsets[0];
    const last = args[args.length - 1];
    return programCommand(image[1] as KumaProgram, args.slice(i + 1), env, lines.span(start, last.offsets[last.offsets.length - 1]), lines);
  }
  return null;
}

/** `NAME=value` in one token (from `from`), split at its first `=`. */
function assignment(token: ShellToken, lines: LineIndex, from = 0): KeyValue {
  const eq = token.value.indexOf('=', from);
  return { key: token.value.slice(from, eq), keyRange: slice(token, lines, from, eq).range, value: slice(token, lines, eq + 1) };
}

function readOptions(args: ShellToken[], lines: LineIndex): CommandOption[] {
  return flagsAndPositionals(args, lines).flags.map((f) => {
    return { name: `${f.dashes}${f.name}`, nameRange: f.nameRange, value: f.value, range: f.value ? { start: f.nameRange.start, end: f.value.range.end } : f.nameRange };
  });
}

interface Flag {
  name: string;
  nameRange: Span;
  value: CommandValue | null;
  /** The token holding the value (for `--set K=V` splitting). */
  token: ShellToken | null;
  valueStart: number;
  /** `-` or `--`, as written. */
  dashes: string;
}

/** Boolean flags of these tools that take no value (so the next word is not swallowed). */
const BOOLEAN_FLAGS = new Set(['install', 'dry-run', 'wait', 'atomic', 'create-namespace', 'debug', 'force', 'skip-verify', 'overwrite', 'without-kubernetes-connection', 'cni-enabled', 'experimental-gatewayapi', 'reuse-values', 'reset-values', 'devel', 'dump-values', 'help', 'h']);

function flagsAndPositionals(args: ShellToken[], lines: LineIndex): { flags: Flag[]; positionals: ShellToken[] } {
  const flags: Flag[] = [];
  const positionals: ShellToken[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i];
    const m = /^(--?)([\w.-]+)(=?)/.exec(t.value);
    if (!m || t.value === '-' || t.value === '--') {
      positionals.push(t);
      continue;
    }
    const name = m[2];
    const nameRange = slice(t, lines, 0, m[1].length + name.length).range;
    if (m[3] === '=') {
      flags.push({ name, nameRange, value: slice(t, lines, m[0].length), token: t, valueStart: m[0].length, dashes: m[1] });
    } else if (!BOOLEAN_FLAGS.has(name) && i + 1 < args.length && !args[i + 1].value.startsWith('-')) {
      const next = args[++i];
      flags.push({ name, nameRange, value: slice(next, lines, 0), token: next, valueStart: 0, dashes: m[1] });
    } else {
      flags.push({ name, nameRange, value: null, token: null, valueStart: 0, dashes: m[1] });
    }
  }
  return { flags, positionals };
}

/** `K=V` inside a flag value. */
function keyValue(flag: Flag, lines: LineIndex): KeyValue | null {
  if (!flag.token || !flag.value) return null;
  const eq = flag.value.value.indexOf('=');
  if (eq <= 0) return null;
  const keyStart = flag.valueStart;
  return {
    key: flag.value.value.slice(0, eq),
    keyRange: slice(flag.token, lines, keyStart, keyStart + eq).range,
    value: slice(flag.token, lines, keyStart + eq + 1),
  };
}

function isNamespaceFlag(name: string): boolean {
  return name === 'n' || name === 'namespace';
}

function kubectlSecret(args: ShellToken[], secretType: 'generic' | 'tls', range: Span, lines: LineIndex): KubectlSecretCommand {
  const { flags, positionals } = flagsAndPositionals(args, lines);
  const files: KubectlSecretCommand['files'] = [];
  const literals: KeyValue[] = [];
  let namespace: CommandValue | null = null;
  for (const flag of flags) {
    if (isNamespaceFlag(flag.name)) namespace = flag.value;
    else if ((flag.name === 'cert' || flag.name === 'key') && flag.value) files.push({ key: flag.name === 'cert' ? 'tls.crt' : 'tls.key', keyRange: flag.nameRange, path: flag.value });
    else if (flag.name === 'from-file' && flag.value) {
      const kv = keyValue(flag, lines);
      if (kv) files.push({ key: kv.key, keyRange: kv.keyRange, path: kv.value });
      else files.push({ key: flag.value.value.replace(/^.*\//, ''), keyRange: flag.value.range, path: flag.value });
    } else if (flag.name === 'from-literal') {
      const kv = keyValue(flag, lines);
      if (kv) literals.push(kv);
    }
  }
  const nameToken = positionals[0];
  return { kind: 'kubectl-secret', secretType, name: nameToken ? slice(nameToken, lines, 0) : null, namespace, files, literals, range };
}

function install(tool: 'kumactl' | 'helm', args: ShellToken[], range: Span, lines: LineIndex): InstallCommand {
  const { flags } = flagsAndPositionals(args, lines);
  const command: InstallCommand = { kind: 'install', tool, namespace: null, sets: [], valuesFiles: [], reusesValues: false, flags: [], range };
  for (const flag of flags) {
    if (isNamespaceFlag(flag.name)) command.namespace = flag.value;
    else if (flag.name === 'set' || flag.name === 'set-string' || flag.name === 'set-file') {
      for (const kv of setAssignments(flag, lines)) command.sets.push({ ...kv, file: flag.name === 'set-file', string: flag.name === 'set-string' });
    } else if ((flag.name === 'values' || flag.name === 'f') && flag.value) command.valuesFiles.push(flag.value);
    else if (flag.name === 'reuse-values') command.reusesValues = true;
    else if (flag.value) command.flags.push({ key: flag.name, keyRange: flag.nameRange, value: flag.value });
  }
  return command;
}

/**
 * The assignments of one `--set` value: Helm splits `a=1,b=2` at commas outside `{…}` lists
 * (a substitution's commas belong to it). A piece without `=` continues the value before it.
 */
function setAssignments(flag: Flag, lines: LineIndex): KeyValue[] {
  if (!flag.token || !flag.value) return [];
  const text = flag.value.value;
  const pieces: Array<[number, number]> = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if ((ch === '}' || ch === ')' || ch === ']') && depth > 0) depth--;
    else if (ch === ',' && depth === 0 && text[i - 1] !== '\\' && /^[\w.[\]-]+=/.test(text.slice(i + 1, i + 200))) {
      pieces.push([start, i]);
      start = i + 1;
    }
  }
  pieces.push([start, text.length]);
  const out: KeyValue[] = [];
  for (const [from, to] of pieces) {
    const eq = text.indexOf('=', from);
    if (eq <= from || eq >= to) continue;
    const at = flag.valueStart;
    out.push({ key: text.slice(from, eq), keyRange: slice(flag.token, lines, at + from, at + eq).range, value: slice(flag.token, lines, at + eq + 1, at + to) });
  }
  return out;
}

/**
 * The file a substitution reads when it only base64-encodes it: `$(base64 -w0 < F)`,
 * `$(base64 -w0 F)`, `$(cat F | base64 -w0)`, `$(base64 < F | tr -d '\n')`. Null for anything else.
 */
export function base64SubstitutionFile(value: string): string | null {
  const m = /^\$\((.*)\)$/s.exec(value.trim()) ?? /^`(.*)`$/s.exec(value.trim());
  if (!m) return null;
  const body = withoutNewlineDelete(m[1].trim());
  const direct = /^base64(?:\s+(?:-w\s*0|-w0|--wrap=0|-i|-b\s*0))*\s+(?:<\s*)?(['"]?)([^\s'"|<>;&]+)\1$/.exec(body);
  if (direct) return direct[2];
  const cat = /^cat\s+(['"]?)([^\s'"|<>;&]+)\1\s*\|\s*base64(?:\s+(?:-w\s*0|-w0|--wrap=0|-b\s*0))*$/.exec(body);
  return cat ? cat[2] : null;
}

/**
 * `body` without a last `| tr -d '\n'` stage. Found from the last `|` rather than by a regex
 * ending in `$`, which backtracks from every space of a long run (a 100 KB line took 18 s).
 */
function withoutNewlineDelete(body: string): string {
  const pipe = body.lastIndexOf('|');
  if (pipe < 0 || !/^\s*tr -d ['"]?\\n['"]?$/.test(body.slice(pipe + 1))) return body;
  return body.slice(0, pipe).trimEnd();
}

/**
 * A command value as an EmbeddedText: value offsets map to the characters on the command line
 * they came from (inside quotes, past backslash escapes and joined continuation lines).
 */
export function commandValueText(value: CommandValue, lines: LineIndex): EmbeddedText {
  const at = (i: number): number => value.offsets[Math.max(0, Math.min(i, value.offsets.length - 1))];
  return {
    text: value.value,
    range: value.range,
    spanOf: (start, end) => (end > start ? lines.span(at(start), at(end - 1) + 1) : lines.span(at(start), at(start))),
  };
}

/** A chart value an install line sets: `--set K=V`/`--set-string`, or a kumactl flag that stands for one. */
export interface CommandChartValue {
  /** The chart value's path, e.g. `controlPlane.tls.general.caBundle`. */
  helmValue: string;
  /** As written: the `--set` key, or the kumactl flag with its dashes. */
  setting: string;
  value: CommandValue;
}

export function chartValuesOf(command: InstallCommand): CommandChartValue[] {
  return [
    ...command.sets.filter((s) => !s.file).map((s) => ({ helmValue: s.key, setting: s.key, value: s.value })),
    ...command.flags.flatMap((f) => {
      const known = command.tool === 'kumactl' ? installFlagByName(`--${f.key}`) : undefined;
      return known ? [{ helmValue: known.helmValue, setting: `--${f.key}`, value: f.value }] : [];
    }),
  ];
}

/** No-wrap options of GNU (`-w0`, `-w 0`, `--wrap=0`) and BSD/macOS (`-b 0`) base64, and decoding. */
const BASE64_NO_WRAP = /(?:^|\s)(?:-w\s*0(?!\d)|--wrap=0(?!\d)|-b\s*0(?!\d)|-d|--decode|-D)(?=\s|$)/;

/**
 * Where ` -w0` belongs in a `$(… base64 …)` substitution whose base64 wraps its output (GNU base64
 * breaks lines at 76 columns unless told -w0, and nothing after it removes the line breaks): the
 * offset just after the `base64` word. Null when the value is no such substitution.
 */
export function wrappingBase64At(value: string): number | null {
  const trimmed = value.trim();
  if (!/^(?:\$\(|`)/.test(trimmed)) return null;
  const word = /(^|[\s|(`;])base64(?=$|[\s|)`;])/.exec(value);
  if (!word) return null;
  const after = word.index + word[0].length;
  const options = value.slice(after).split(/[|)`;]/, 1)[0];
  if (BASE64_NO_WRAP.test(options)) return null;
  if (/\|\s*tr\s+-d\s+['"]?\\[nr]/.test(value.slice(after))) return null;
  return after;
}
