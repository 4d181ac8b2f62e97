// The glob patterns of `files.exclude` and `kumaTls.lint.exclude` (`**`, `*`, `?`, `{a,b}`,
// `[abc]`), matched against a path relative to its workspace folder with `/` separators.
// A pattern without a slash matches at any depth, as VS Code's excludes do. A pattern naming a
// folder excludes what is inside it too.
//
// Parsed here, matched by the glob engine of lint/glob-nfa.ts (not a backtracking regex: a
// workspace's settings are the repository's to write, and a regex of `**/*a*a*a…` stalled the
// folder's indexing).

import { ANY_BUT_SLASH, classItem, compileGlob, GlobItem, literalItem } from '../lint/glob-nfa';

export function globMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const globs = patterns.filter((p) => p.trim() !== '').map((pattern) => compileGlob(parseGlob(pattern), { orInside: true }));
  return (relativePath) => globs.some((glob) => glob(relativePath));
}

/** The pattern as a sequence of items, braces as choices. An unclosed brace closes at the end. */
function parseGlob(pattern: string): GlobItem[] {
  let glob = pattern.trim().replace(/^\.\//, '').replace(/\/$/, '');
  if (!glob.includes('/')) glob = `**/${glob}`;
  const open: Array<{ options: GlobItem[][]; outer: GlobItem[] }> = [];
  let sequence: GlobItem[] = [];
  const closeBrace = (): void => {
    const group = open.pop();
    if (!group) return;
    group.options.push(sequence);
    sequence = group.outer;
    sequence.push({ kind: 'choice', options: group.options });
  };
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      sequence.push({ kind: slash ? 'segments' : 'anything' });
      i += slash ? 2 : 1;
    } else if (c === '*') {
      sequence.push({ kind: 'segment' });
    } else if (c === '?') {
      sequence.push(ANY_BUT_SLASH);
    } else if (c === '{') {
      open.push({ options: [], outer: sequence });
      sequence = [];
    } else if (c === '}' && open.length > 0) {
      closeBrace();
    } else if (c === ',' && open.length > 0) {
      open[open.length - 1].options.push(sequence);
      sequence = [];
    } else if (c === '[' && glob.indexOf(']', i + 1) >= 0) {
      const end = glob.indexOf(']', i + 1);
      // VS Code's classes: `!` negates, a backslash is itself.
      sequence.push(classItem(`[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`));
      i = end;
    } else {
      sequence.push(literalItem(c));
    }
  }
  while (open.length > 0) closeBrace();
  return sequence;
}
