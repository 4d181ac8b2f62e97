// One pattern model for every "which paths" question of a lint run: the lines of a .gitignore
// file, and the `ignore` and `overrides[].files` globs of a .kuma-tls.yaml, follow git's
// gitignore(5) rules: `#` comments, `!` negation, a trailing `/` for folders only, a pattern
// with a `/` before its end anchored to the folder that holds it, `*` and `?` within one path
// segment, `[...]` classes, and `**/`, `/**/`, `/**` across segments. The patterns
// `src/pki/gitignore.ts` writes for generated keys are parsed back by this model (a unit test).

import { ANY_BUT_SLASH, classItem, compileGlob, GlobItem, literalItem } from '../glob-nfa';
import { trimTrailing } from '../trim-trailing';

export interface PathPattern {
  /** The line as written (for `--print-config` and error messages). */
  source: string;
  negated: boolean;
  directoryOnly: boolean;
  /** Matches the path relative to the base folder (anchored) or any segment's name (not anchored). */
  anchored: boolean;
  /** Whether a text matches the glob as a whole (lint/glob-nfa.ts). */
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
  return { source, negated, directoryOnly, anchored, matches: compileGlob(globItems(text)) };
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

/** `**` and a slash: nothing, or anything (but a line break) that ends in a slash, as `(?:.*\/)?` did. */
const FOLDERS: GlobItem = { kind: 'choice', options: [[], [{ kind: 'anything' }, literalItem('/')]] };

/** The glob as the items lint/glob-nfa.ts matches. */
function globItems(glob: string): GlobItem[] {
  const items: GlobItem[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*' && (i === 0 || glob[i - 1] === '/')) {
      if (i + 2 === glob.length) {
        // `dir/**`: everything inside; a lone `**` is everything.
        items.push({ kind: 'anything' });
        i += 1;
        continue;
      }
      if (glob[i + 2] === '/') {
        items.push(FOLDERS);
        i += 2;
        continue;
      }
    }
    if (c === '*') {
      items.push({ kind: 'segment' });
    } else if (c === '?') {
      items.push(ANY_BUT_SLASH);
    } else if (c === '[') {
      const klass = characterClass(glob, i);
      if (klass) {
        items.push(classItem(klass.source));
        i = klass.end;
      } else {
        items.push(literalItem('['));
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      items.push(literalItem(glob[i + 1]));
      i += 1;
    } else {
      items.push(literalItem(c));
    }
  }
  return items;
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
