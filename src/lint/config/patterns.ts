// One pattern model for every "which paths" question of a lint run: the lines of a .gitignore
// file, and the `ignore` and `overrides[].files` globs of a .kuma-tls.yaml, follow git's
// gitignore(5) rules: `#` comments, `!` negation, a trailing `/` for folders only, a pattern
// with a `/` before its end anchored to the folder that holds it, `*` and `?` within one path
// segment, `[...]` classes, and `**/`, `/**/`, `/**` across segments. The patterns
// `src/pki/gitignore.ts` writes for generated keys are parsed back by this model (a unit test).

import { trimTrailing } from '../trim-trailing';

export interface PathPattern {
  /** The line as written (for `--print-config` and error messages). */
  source: string;
  negated: boolean;
  directoryOnly: boolean;
  /** Matches the path relative to the base folder (anchored) or any segment's name (not anchored). */
  anchored: boolean;
  /** The glob, compiled (globTokens). */
  tokens: readonly GlobToken[];
  /** Whether a text matches the glob as a whole (globMatcher of the tokens). */
  matches: (text: string) => boolean;
}

/** A list of patterns that apply below one folder (`base`, absolute), in the order written. */
export interface PatternList {
  base: string;
  patterns: readonly PathPattern[];
}

/** The pattern of one gitignore line, or undefined for a blank line or a comment. */
export function parsePathPattern(line: string): PathPattern | undefined {
  let text = trimUnescapedTrailingSpaces(line.replace(/\r$/, ''));
  if (text === '' || text.startsWith('#')) return undefined;
  const source = text;
  let negated = false;
  if (text.startsWith('!')) {
    negated = true;
    text = text.slice(1);
  }
  let directoryOnly = false;
  if (text.endsWith('/') && !text.endsWith('\\/')) {
    directoryOnly = true;
    text = trimTrailing(text, '/');
  }
  if (text === '') return undefined;
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  const tokens = globTokens(text);
  return { source, negated, directoryOnly, anchored, tokens, matches: globMatcher(tokens) };
}

/** The patterns of a .gitignore file's text. */
export function parsePatternList(base: string, text: string): PatternList {
  const patterns: PathPattern[] = [];
  for (const line of text.split('\n')) {
    const pattern = parsePathPattern(line);
    if (pattern) patterns.push(pattern);
  }
  return { base, patterns };
}

/**
 * What the patterns say about one path (relative to the list's base, `/`-separated): true
 * (ignored), false (re-included by a `!` line) or undefined (no pattern matched). The last
 * matching pattern wins, as in git.
 */
export function matchPatternList(list: PatternList, relativePath: string, isDirectory: boolean): boolean | undefined {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  for (let index = list.patterns.length - 1; index >= 0; index--) {
    const pattern = list.patterns[index];
    if (pattern.directoryOnly && !isDirectory) continue;
    if (pattern.matches(pattern.anchored ? relativePath : name)) return !pattern.negated;
  }
  return undefined;
}

/** Whether a glob list (a config's `files` or `ignore`) matches a path or one of its parent folders. */
export function matchesPathOrParent(list: PatternList, absolutePath: string, isDirectory: boolean): boolean {
  const relative = relativeInside(list.base, absolutePath);
  if (relative === undefined) return false;
  const segments = relative.split('/');
  for (let depth = 1; depth <= segments.length; depth++) {
    const last = depth === segments.length;
    const verdict = matchPatternList(list, segments.slice(0, depth).join('/'), last ? isDirectory : true);
    // A folder that is ignored hides everything in it; git cannot re-include a file below it.
    if (verdict === true) return true;
    if (last) return false;
  }
  return false;
}

/** `path` relative to `base` with `/` separators, or undefined when it is not below `base`. */
export function relativeInside(base: string, path: string): string | undefined {
  const normalizedBase = trimTrailing(base, '\\/');
  if (path === normalizedBase) return undefined;
  const prefix = `${normalizedBase}/`;
  const unixPath = path.replace(/\\/g, '/');
  const unixPrefix = prefix.replace(/\\/g, '/');
  if (!unixPath.startsWith(unixPrefix)) return undefined;
  return unixPath.slice(unixPrefix.length);
}

function trimUnescapedTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
}

/**
 * One step of a compiled glob: a character it takes (a literal, `?`, a `[...]` class), `*` (any
 * run within a segment), `**` at the end (anything), or `**` and a slash (zero or more folders).
 */
export type GlobToken = { kind: 'character'; matches: (c: string) => boolean; literal?: string } | { kind: 'segment' } | { kind: 'anything' } | { kind: 'folders' };

function globTokens(glob: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  const literal = (expected: string): GlobToken => ({ kind: 'character', matches: (c) => c === expected, literal: expected });
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*' && (i === 0 || glob[i - 1] === '/')) {
      if (i + 2 === glob.length) {
        // `dir/**`: everything inside; a lone `**` is everything.
        tokens.push({ kind: 'anything' });
        i += 1;
        continue;
      }
      if (glob[i + 2] === '/') {
        tokens.push({ kind: 'folders' });
        i += 2;
        continue;
      }
    }
    if (c === '*') {
      tokens.push({ kind: 'segment' });
    } else if (c === '?') {
      tokens.push({ kind: 'character', matches: (x) => x !== '/' });
    } else if (c === '[') {
      const klass = characterClass(glob, i);
      if (klass) {
        tokens.push({ kind: 'character', matches: classMatcher(klass.source) });
        i = klass.end;
      } else {
        tokens.push(literal('['));
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      tokens.push(literal(glob[i + 1]));
      i += 1;
    } else {
      tokens.push(literal(c));
    }
  }
  return tokens;
}

/**
 * A one-character regex for a class: tested on one character at a time, it cannot backtrack. A
 * class with a reversed range (`[z-a]`) takes no character, as in git.
 */
function classMatcher(source: string): (c: string) => boolean {
  let regex: RegExp;
  try {
    regex = new RegExp(`^${source}$`);
  } catch {
    return () => false;
  }
  return (c) => regex.test(c);
}

/** What `.` of a JavaScript regex (no `s` flag) does not take, as the globs' regexes once did not. */
function isLineTerminator(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
}

/** Tokens a bitmask of 32-bit integers holds, with the accepting state after them. */
const MASK_TOKENS = 30;

/**
 * matchGlob for one glob, made fast for the shapes of real ignore files: a glob of literals only
 * (`.vscode`) is a string comparison, one of up to 30 tokens runs the same simulation on bitmasks
 * (no allocation per path), a longer one runs matchGlob.
 */
export function globMatcher(tokens: readonly GlobToken[]): (text: string) => boolean {
  if (tokens.every((token) => token.kind === 'character' && token.literal !== undefined)) {
    const literal = tokens.map((token) => (token.kind === 'character' ? token.literal : '')).join('');
    return (text) => text === literal;
  }
  if (tokens.length > MASK_TOKENS) return (text) => matchGlob(tokens, text);
  // closure[k]: the states entered on entering token k (it and what it may skip to).
  const closure: number[] = [];
  for (let k = tokens.length; k >= 0; k--) closure[k] = (1 << k) | (k < tokens.length && tokens[k].kind !== 'character' ? closure[k + 1] : 0);
  const accept = 1 << tokens.length;
  return (text) => {
    let before = closure[0];
    let inside = 0;
    for (let at = 0; at < text.length && (before | inside) !== 0; at++) {
      const c = text[at];
      let nextBefore = 0;
      let nextInside = 0;
      for (let k = 0; k < tokens.length; k++) {
        const bit = 1 << k;
        const isBefore = (before & bit) !== 0;
        if (!isBefore && (inside & bit) === 0) continue;
        const token = tokens[k];
        if (token.kind === 'character') {
          if (isBefore && token.matches(c)) nextBefore |= closure[k + 1];
        } else if (token.kind === 'segment') {
          if (isBefore && c !== '/') nextBefore |= closure[k];
        } else if (token.kind === 'anything') {
          if (isBefore && !isLineTerminator(c)) nextBefore |= closure[k];
        } else if (!isLineTerminator(c)) {
          nextInside |= bit;
          if (c === '/') nextBefore |= closure[k + 1];
        }
      }
      before = nextBefore;
      inside = nextInside;
    }
    return (before & accept) !== 0;
  };
}

/**
 * Whether `text` matches the compiled glob as a whole. A simulation of every way the glob can
 * have read the text so far, one character at a time: time in the text's length times the
 * glob's, where a backtracking regex of `*a*a*a*a…` takes exponential time on a name of a's.
 * State 2k is "before token k", 2k+1 "inside the folders of token k" (past a character of
 * the folders, before the slash that closes them). Code units, as the regexes were.
 */
export function matchGlob(tokens: readonly GlobToken[], text: string): boolean {
  const size = 2 * (tokens.length + 1);
  let current = new Uint8Array(size);
  let next = new Uint8Array(size);
  const enter = (states: Uint8Array, index: number): void => {
    // A star or the folders may take nothing: entering one enters what follows too.
    for (let k = index; ; k++) {
      states[2 * k] = 1;
      if (k === tokens.length || tokens[k].kind === 'character') return;
    }
  };
  enter(current, 0);
  for (let at = 0; at < text.length; at++) {
    const c = text[at];
    next.fill(0);
    let alive = false;
    for (let k = 0; k < tokens.length; k++) {
      const before = current[2 * k] === 1;
      const inside = current[2 * k + 1] === 1;
      if (!before && !inside) continue;
      const token = tokens[k];
      if (token.kind === 'character') {
        if (before && token.matches(c)) enter(next, k + 1);
      } else if (token.kind === 'segment') {
        if (before && c !== '/') enter(next, k);
      } else if (token.kind === 'anything') {
        if (before && !isLineTerminator(c)) enter(next, k);
      } else if (!isLineTerminator(c)) {
        next[2 * k + 1] = 1;
        if (c === '/') enter(next, k + 1);
      }
      alive = true;
    }
    if (!alive) return false;
    [current, next] = [next, current];
  }
  return current[2 * tokens.length] === 1;
}

/** A `[...]` class starting at `start` as a regex class, or undefined when it is not closed. */
export function characterClass(glob: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negated = true;
    i++;
  }
  let body = '';
  // A `]` right after the opening bracket is a member, not the end.
  if (glob[i] === ']') {
    body += '\\]';
    i++;
  }
  for (; i < glob.length; i++) {
    const c = glob[i];
    // A negated class never matches the separator: `*` and `?` stay within one segment too.
    if (c === ']') return { source: negated ? `[^/${body}]` : `[${body}]`, end: i };
    if (c === '\\' && i + 1 < glob.length) {
      body += `\\${glob[i + 1]}`;
      i++;
    } else if (c === '/') {
      return undefined;
    } else {
      body += c === '^' || c === '[' ? `\\${c}` : c;
    }
  }
  return undefined;
}
