// Where the cursor is in a block-style YAML mapping that may be half typed (and so not parse):
// the keys above it by indentation, and whether a key or a value is being written.
// Editor-free: lines in, path out.

export interface YamlCursor {
  /** Keys of the enclosing mappings, outermost first. */
  parents: string[];
  /** 'key': writing a key of the innermost mapping; 'value': writing the value of `key`. */
  at: 'key' | 'value';
  key?: string;
  /** What is typed so far of the key or value (quotes excluded). */
  prefix: string;
  /** Column where `prefix` starts. */
  prefixStart: number;
  /** Column where this mapping's keys start. */
  indent: number;
  /** The quote the value was opened with, so a completion does not add another. */
  quote: '"' | "'" | null;
}

const KEY_ONLY = /^(\s*)(?:-\s+)?([A-Za-z0-9_.\-/]*)$/;
const KEY_VALUE = /^(\s*)(?:-\s+)?([A-Za-z0-9_.\-/]+):[ \t]+(["']?)([^"'#]*)$/;
const PARENT = /^(\s*)(?:-\s+)?([A-Za-z0-9_.\-/]+|"[^"]*"|'[^']*'):\s*(?:#.*)?$/;
/** How far up a completion looks for its parents. */
const MAX_LINES_UP = 500;

export function yamlCursor(lines: readonly string[], line: number, character: number): YamlCursor | null {
  const before = lines[line]?.slice(0, character) ?? '';
  let at: 'key' | 'value';
  let indent: number;
  let key: string | undefined;
  let prefix: string;
  let prefixStart: number;
  let quote: YamlCursor['quote'] = null;
  const kv = KEY_VALUE.exec(before);
  const k = kv ? null : KEY_ONLY.exec(before);
  if (kv) {
    at = 'value';
    indent = before.length - before.trimStart().length;
    key = kv[2];
    prefix = kv[4];
    quote = kv[3] === '"' || kv[3] === "'" ? kv[3] : null;
    prefixStart = character - prefix.length;
  } else if (k) {
    at = 'key';
    indent = before.length - before.replace(/^\s*(?:-\s+)?/, '').length;
    prefix = k[2];
    prefixStart = character - prefix.length;
  } else {
    return null;
  }
  const parents: string[] = [];
  let limit = indent;
  for (let l = line - 1; l >= 0 && l >= line - MAX_LINES_UP && limit > 0; l--) {
    const text = lines[l];
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const lineIndent = text.length - text.trimStart().length;
    if (lineIndent >= limit) continue;
    const parent = PARENT.exec(text);
    if (!parent) return null;
    parents.unshift(parent[2].replace(/^["']|["']$/g, ''));
    limit = lineIndent;
  }
  if (limit > 0 && parents.length === 0) return null;
  return { parents, at, ...(key === undefined ? {} : { key }), prefix, prefixStart, indent, quote };
}
