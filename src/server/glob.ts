// The glob patterns of `files.exclude` and `kumaTls.lint.exclude` (`**`, `*`, `?`, `{a,b}`,
// `[abc]`), matched against a path relative to its workspace folder with `/` separators.
// A pattern without a slash matches at any depth, as VS Code's excludes do. A pattern naming a
// folder excludes what is inside it too.
//
// Matched by simulating every way the glob can have read the path so far (a Thompson NFA), not
// by a backtracking regex: a workspace's settings are the repository's to write, and a regex of
// `**/*a*a*a…` takes exponential time on a name of a's, which stalled the folder's indexing.

export function globMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const globs = patterns.filter((p) => p.trim() !== '').map(compileGlob);
  return (relativePath) => globs.some((glob) => glob(relativePath));
}

type Item = { kind: 'character'; matches: (c: string) => boolean } | { kind: 'segment' } | { kind: 'anything' } | { kind: 'folders' } | { kind: 'choice'; options: Item[][] };

/** The pattern as a sequence of items, braces as choices. An unclosed brace closes at the end. */
function parseGlob(pattern: string): Item[] {
  let glob = pattern.trim().replace(/^\.\//, '').replace(/\/$/, '');
  if (!glob.includes('/')) glob = `**/${glob}`;
  const open: Array<{ options: Item[][]; outer: Item[] }> = [];
  let sequence: Item[] = [];
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
      sequence.push({ kind: slash ? 'folders' : 'anything' });
      i += slash ? 2 : 1;
    } else if (c === '*') {
      sequence.push({ kind: 'segment' });
    } else if (c === '?') {
      sequence.push({ kind: 'character', matches: (x) => x !== '/' });
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
      sequence.push({ kind: 'character', matches: classMatcher(glob.slice(i + 1, end)) });
      i = end;
    } else {
      sequence.push({ kind: 'character', matches: (x) => x === c });
    }
  }
  while (open.length > 0) closeBrace();
  return sequence;
}

/** A `[...]` body as VS Code's globs read it (`!` negates); a body no regex class can hold takes no character. */
function classMatcher(body: string): (c: string) => boolean {
  let regex: RegExp;
  try {
    // One character at a time: a class cannot backtrack.
    regex = new RegExp(`^[${body.replace(/^!/, '^').replace(/\\/g, '\\\\')}]$`);
  } catch {
    return () => false;
  }
  return (c) => regex.test(c);
}

/** What `.` of a JavaScript regex does not take, as the regexes these globs were once did not. */
function isLineTerminator(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
}

const notSlash = (c: string): boolean => c !== '/';
const notLineTerminator = (c: string): boolean => !isLineTerminator(c);
const isSlash = (c: string): boolean => c === '/';

/** NFA nodes: a character step (test, then `next`), a fork (any of `next`), or the accepting node. */
interface Node {
  test: ((c: string) => boolean) | null;
  next: number[];
}

function compileGlob(pattern: string): (path: string) => boolean {
  const nodes: Node[] = [];
  const add = (test: Node['test'], next: number[]): number => nodes.push({ test, next }) - 1;
  const accept = add(null, []);
  /** A star: a fork that takes `test` and comes back, or goes on to `after`. */
  const loop = (test: (c: string) => boolean, after: number): number => {
    const fork = add(null, [after]);
    nodes[fork].next.unshift(add(test, [fork]));
    return fork;
  };
  const compileItem = (item: Item, after: number): number => {
    switch (item.kind) {
      case 'character':
        return add(item.matches, [after]);
      case 'segment':
        return loop(notSlash, after);
      case 'anything':
        return loop(notLineTerminator, after);
      case 'folders': {
        // Zero or more whole segments: a segment, its slash, and round again.
        const round = add(null, [after]);
        const segment = loop(notSlash, add(isSlash, [round]));
        nodes[round].next.unshift(segment);
        return round;
      }
      case 'choice':
        return add(
          null,
          item.options.map((option) => compileSequence(option, after)),
        );
    }
  };
  const compileSequence = (sequence: readonly Item[], after: number): number => {
    let start = after;
    for (let i = sequence.length - 1; i >= 0; i--) start = compileItem(sequence[i], start);
    return start;
  };
  // The path itself, or anything inside it: the glob, then optionally a slash and the rest.
  const inside = loop(notLineTerminator, accept);
  const end = add(null, [accept, add(isSlash, [inside])]);
  const start = compileSequence(parseGlob(pattern), end);
  return simulator(nodes, start, accept);
}

/**
 * Whether the NFA takes a text: the set of nodes it can be in, one character at a time. Each
 * node's closure over forks is worked out once, and the sets live in arrays made once per glob.
 */
function simulator(nodes: readonly Node[], start: number, accept: number): (text: string) => boolean {
  const closures = nodes.map((_, node) => closureOf(nodes, node, accept));
  const seen = new Int32Array(nodes.length).fill(-1);
  let current = new Int32Array(nodes.length);
  let next = new Int32Array(nodes.length);
  return (text) => {
    let step = 0;
    let count = 0;
    seen.fill(-1);
    for (const node of closures[start]) {
      seen[node] = step;
      current[count++] = node;
    }
    for (let i = 0; i < text.length && count > 0; i++) {
      const c = text[i];
      step++;
      let nextCount = 0;
      for (let k = 0; k < count; k++) {
        const node = nodes[current[k]];
        if (node.test === null || !node.test(c)) continue;
        for (const to of node.next) {
          for (const reached of closures[to]) {
            if (seen[reached] === step) continue;
            seen[reached] = step;
            next[nextCount++] = reached;
          }
        }
      }
      [current, next] = [next, current];
      count = nextCount;
    }
    for (let k = 0; k < count; k++) if (current[k] === accept) return true;
    return false;
  };
}

/** The character nodes (and the accepting node) reached from `node` through forks alone. */
function closureOf(nodes: readonly Node[], node: number, accept: number): number[] {
  const reached: number[] = [];
  const visited = new Set<number>();
  const pending = [node];
  while (pending.length > 0) {
    const at = pending.pop() as number;
    if (visited.has(at)) continue;
    visited.add(at);
    if (nodes[at].test === null && at !== accept) pending.push(...nodes[at].next);
    else reached.push(at);
  }
  return reached;
}
