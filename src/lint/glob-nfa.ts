// One engine for every glob the project matches: the gitignore lines and config globs of
// config/patterns.ts, and the language server's VS Code exclude globs (server/glob.ts). Each
// grammar parses its glob into items; this compiles them to a Thompson NFA and matches a path by
// simulating every way the glob can have read it so far: time in the path's length times the
// glob's size. A backtracking regex of `*a*a*a…` takes exponential time on a name of a's, and
// both the repository's .gitignore files and its .vscode/settings.json are the repository's to write.

/**
 * A step of a glob: one character (a literal, `?`, a class), `*` within a segment, `.*` (anything
 * but a line break, as the regexes these globs once were), zero or more whole segments
 * (`(?:[^/]*\/)*`), or a choice between sequences (braces; also how gitignore's `**` and slash
 * is written: nothing, or anything ending in a slash).
 */
export type GlobItem =
  | { kind: 'character'; matches: (c: string) => boolean; literal?: string }
  | { kind: 'segment' }
  | { kind: 'anything' }
  | { kind: 'segments' }
  | { kind: 'choice'; options: GlobItem[][] };

export function literalItem(character: string): GlobItem {
  return { kind: 'character', matches: (c) => c === character, literal: character };
}

export const ANY_BUT_SLASH: GlobItem = { kind: 'character', matches: (c) => c !== '/' };

/**
 * A character class from the source of a one-character regex class (`[a-z]`, `[^/ab]`): tested on
 * one character at a time, it cannot backtrack. A class no regex can hold (`[z-a]`) takes none.
 */
export function classItem(regexClass: string): GlobItem {
  let regex: RegExp;
  try {
    regex = new RegExp(`^${regexClass}$`);
  } catch {
    return { kind: 'character', matches: () => false };
  }
  return { kind: 'character', matches: (c) => regex.test(c) };
}

function isLineTerminator(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
}

const notSlash = (c: string): boolean => c !== '/';
const notLineTerminator = (c: string): boolean => !isLineTerminator(c);
const isSlash = (c: string): boolean => c === '/';

/** A character node (`test`, then any of `next`), a fork (`test` null: any of `next` at once), or the accepting node. */
interface Node {
  test: ((c: string) => boolean) | null;
  next: number[];
}

/** Nodes a bitmask of 32-bit integers holds. */
const MASK_NODES = 31;

/**
 * Whether a text matches the items as a whole; with `orInside`, a text below a match too (a
 * folder's pattern covers what is in it: the glob, then optionally a slash and anything). A glob
 * of literals only is a string comparison; an NFA of up to 31 nodes runs on bitmasks, a larger
 * one on arrays made once per glob.
 */
export function compileGlob(items: readonly GlobItem[], options: { orInside?: boolean } = {}): (text: string) => boolean {
  if (!options.orInside && items.every((item) => item.kind === 'character' && item.literal !== undefined)) {
    const literal = items.map((item) => (item.kind === 'character' ? item.literal : '')).join('');
    return (text) => text === literal;
  }
  const nodes: Node[] = [];
  const add = (test: Node['test'], next: number[]): number => nodes.push({ test, next }) - 1;
  const accept = add(null, []);
  /** A star: a fork that takes `test` and comes back, or goes on to `after`. */
  const loop = (test: (c: string) => boolean, after: number): number => {
    const fork = add(null, [after]);
    nodes[fork].next.unshift(add(test, [fork]));
    return fork;
  };
  const compileItem = (item: GlobItem, after: number): number => {
    switch (item.kind) {
      case 'character':
        return add(item.matches, [after]);
      case 'segment':
        return loop(notSlash, after);
      case 'anything':
        return loop(notLineTerminator, after);
      case 'segments': {
        // A segment, its slash, and round again; or on.
        const round = add(null, [after]);
        nodes[round].next.unshift(loop(notSlash, add(isSlash, [round])));
        return round;
      }
      case 'choice':
        return add(
          null,
          item.options.map((option) => compileSequence(option, after)),
        );
    }
  };
  const compileSequence = (sequence: readonly GlobItem[], after: number): number => {
    let start = after;
    for (let i = sequence.length - 1; i >= 0; i--) start = compileItem(sequence[i], start);
    return start;
  };
  const end = options.orInside ? add(null, [accept, add(isSlash, [loop(notLineTerminator, accept)])]) : accept;
  const start = compileSequence(items, end);
  const closures = nodes.map((_, node) => closureOf(nodes, node, accept));
  return nodes.length <= MASK_NODES ? maskSimulator(nodes, closures, start, accept) : arraySimulator(nodes, closures, start, accept);
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

/** The simulation with the set of nodes as one integer: no allocation per text. */
function maskSimulator(nodes: readonly Node[], closures: readonly number[][], start: number, accept: number): (text: string) => boolean {
  const closureMask = closures.map((reached) => reached.reduce((mask, node) => mask | (1 << node), 0));
  // What a character node leads to once it has taken its character.
  const afterMask = nodes.map((node) => node.next.reduce((mask, to) => mask | closureMask[to], 0));
  const tests = nodes.map((node) => node.test);
  return (text) => {
    let states = closureMask[start];
    for (let i = 0; i < text.length && states !== 0; i++) {
      const c = text[i];
      let next = 0;
      for (let rest = states; rest !== 0; rest &= rest - 1) {
        const node = 31 - Math.clz32(rest & -rest);
        const test = tests[node];
        if (test !== null && test(c)) next |= afterMask[node];
      }
      states = next;
    }
    return (states & (1 << accept)) !== 0;
  };
}

/** The same simulation with the set of nodes in arrays made once per glob. */
function arraySimulator(nodes: readonly Node[], closures: readonly number[][], start: number, accept: number): (text: string) => boolean {
  const seen = new Int32Array(nodes.length);
  let current = new Int32Array(nodes.length);
  let next = new Int32Array(nodes.length);
  return (text) => {
    let step = 1;
    seen.fill(0);
    let count = 0;
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
