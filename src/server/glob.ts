// The glob patterns of `files.exclude` and `kumaTls.lint.exclude` (`**`, `*`, `?`, `{a,b}`,
// `[abc]`), matched against a path relative to its workspace folder with `/` separators.
// A pattern without a slash matches at any depth, as VS Code's excludes do.

export function globMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const expressions = patterns.filter((p) => p.trim() !== '').map(globToRegExp);
  return (relativePath) => expressions.some((re) => re.test(relativePath));
}

export function globToRegExp(pattern: string): RegExp {
  let glob = pattern.trim().replace(/^\.\//, '').replace(/\/$/, '');
  if (!glob.includes('/')) glob = `**/${glob}`;
  let out = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      inBraces++;
      out += '(?:';
    } else if (c === '}' && inBraces > 0) {
      inBraces--;
      out += ')';
    } else if (c === ',' && inBraces > 0) out += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  // A pattern naming a folder excludes what is inside it too.
  return new RegExp(`^${out}(?:/.*)?$`);
}
