// YAML documents with exact source ranges. Rules walk the `yaml` package's node tree (never
// toJS: an alias bomb would expand); aliases are followed one reference at a time.
import { Alias, Document, EmptyStream, isAlias, isMap, isScalar, isSeq, Node, Pair, parseAllDocuments, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { Span } from '../types';
import { hasLineWithMoreIndicatorsThan, MAX_INDICATORS_PER_LINE, MAX_YAML_NESTING } from './nesting';
import { MAX_YAML_NODES, mayExceedNodes } from './node-count';
import { yamlShape } from './yaml-shape';
import { EmbeddedText, LineIndex, lineMappedValue, verbatimValue, wholeValue } from './text';

export type YamlPath = ReadonlyArray<string | number>;

export interface YamlDocument {
  /** 0-based position of the document in the file. */
  index: number;
  doc: Document.Parsed;
  root: Node | null;
  range: Span;
  errors: Array<{ message: string; range: Span }>;
}

/** A key/value pair (or a sequence item) located in the source. */
export interface YamlEntry {
  readonly path: YamlPath;
  /** The key node; null for sequence items. */
  readonly key: Scalar | null;
  /** The value node with aliases resolved; null when the key has no value (`key:`). */
  readonly value: Node | null;
  /** The value as written (may be an Alias). */
  readonly rawValue: Node | null;
  readonly keyRange: Span | null;
  /** For an empty value, the empty range just after the key's colon. */
  readonly valueRange: Span;
  /** From the key (or the item) to the end of the value. */
  readonly range: Span;
}

const MAX_ALIAS_HOPS = 32;
/** Merge sources are few in real files; these bound what a hostile one can make us walk. */
const MAX_MERGE_DEPTH = 64;
const MAX_MERGE_SOURCES = 256;
/** Any toJS() on workspace content must pass this as maxAliasCount, so an alias bomb stays bounded. */
export const MAX_ALIAS_COUNT = 100;

export class YamlFile {
  readonly documents: YamlDocument[];
  /** Why the parser gave up on the whole file (documents is then empty); null when it did not. */
  readonly unparsable: string | null = null;

  constructor(readonly lines: LineIndex) {
    // A damaged file can produce thousands of YAMLErrors; their stack traces are never read.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let parsed: Document.Parsed[] | EmptyStream;
    try {
      const shape = yamlShape(lines.text, mayExceedNodes(lines.text.length, MAX_YAML_NODES));
      if (shape.nestingBound > MAX_YAML_NESTING) {
        parsed = [];
        this.unparsable = `its YAML nests deeper than ${MAX_YAML_NESTING} levels`;
      } else if (hasLineWithMoreIndicatorsThan(lines.text, MAX_INDICATORS_PER_LINE)) {
        parsed = [];
        this.unparsable = `a line holds more than ${MAX_INDICATORS_PER_LINE} YAML indicators (":", ",", brackets), too many to parse quickly`;
      } else if (shape.nodeEstimate > MAX_YAML_NODES) {
        parsed = [];
        this.unparsable = `it holds more than ${MAX_YAML_NODES.toLocaleString('en-US')} YAML nodes (values, keys, items, documents), too many to parse in bounded memory`;
      } else {
        parsed = parseAllDocuments(lines.text, { prettyErrors: false, uniqueKeys: false });
      }
    } catch (error) {
      // The parser recurses per nesting level: about 1,500 nested block sequences overflow the
      // stack. Such a file holds no Kuma setting we could check, so it is read as empty.
      if (!(error instanceof RangeError)) throw error;
      parsed = [];
      this.unparsable = 'its YAML nesting is too deep to parse';
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    const list = Array.isArray(parsed) ? parsed : [];
    this.documents = list.map((doc, index) => ({
      index,
      doc,
      root: (doc.contents as Node | null) ?? null,
      range: lines.span(doc.range[0], doc.range[2]),
      errors: doc.errors.map((e) => ({ message: e.message, range: lines.span(e.pos[0], e.pos[1]) })),
    }));
  }

  /** Follows an alias to the node it names (bounded); other nodes are returned unchanged. */
  resolve(doc: YamlDocument, node: unknown): Node | null {
    let current = node;
    for (let hops = 0; hops < MAX_ALIAS_HOPS && isAlias(current); hops++) {
      current = (current as Alias).resolve(doc.doc) ?? null;
    }
    if (isAlias(current)) return null;
    return (current as Node | null | undefined) ?? null;
  }

  nodeRange(node: Node): Span {
    const [start, valueEnd] = node.range ?? [0, 0];
    return this.lines.span(start, this.contentEnd(start, valueEnd));
  }

  /** Block scalars and block collections end after their last line break; ranges stop before it. */
  private contentEnd(start: number, end: number): number {
    const text = this.lines.text;
    let e = end;
    while (e > start && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
    return e;
  }

  /** The entry at `path` from `from` (default: the document root); keys match exactly. */
  get(doc: YamlDocument, path: YamlPath, from: Node | null = doc.root): YamlEntry | undefined {
    if (path.length === 0) return undefined;
    const parent = this.getNode(doc, path.slice(0, -1), from);
    const last = path[path.length - 1];
    const parentPath = path.slice(0, -1);
    if (typeof last === 'number') {
      if (!parent || !isSeq(parent)) return undefined;
      const item = parent.items[last] as Node | undefined;
      return item ? this.itemEntry(doc, item, [...parentPath, last]) : undefined;
    }
    if (!parent || !isMap(parent)) return undefined;
    const pair = this.findPair(doc, parent, last);
    return pair ? this.pairEntry(doc, pair, parentPath) : undefined;
  }

  /** The value node at `path`, aliases resolved; walks nodes only (no ranges computed). */
  getNode(doc: YamlDocument, path: YamlPath, from: Node | null = doc.root): Node | null {
    let node = this.resolve(doc, from);
    for (const segment of path) {
      if (node === null) return null;
      if (typeof segment === 'number') {
        node = isSeq(node) ? this.resolve(doc, node.items[segment] ?? null) : null;
      } else {
        const pair = isMap(node) ? this.findPair(doc, node, segment) : undefined;
        node = pair ? this.resolve(doc, pair.value ?? null) : null;
      }
    }
    return node;
  }

  /** The scalar at `path` as a string (see `scalarString`), or undefined when absent or not a scalar. */
  getString(doc: YamlDocument, path: YamlPath, from: Node | null = doc.root): string | undefined {
    const node = this.getNode(doc, path, from);
    return node && isScalar(node) ? scalarString(node) : undefined;
  }

  /**
   * The key/value pairs of a mapping, in source order, with merge keys (`<<: *anchor`) expanded
   * as Helm's YAML reader does: a key written in the mapping wins over a merged one, an earlier
   * merge source over a later one. Merged entries keep the ranges where they are written.
   */
  entries(doc: YamlDocument, map: YAMLMap, parentPath: YamlPath = []): YamlEntry[] {
    const out: YamlEntry[] = [];
    const own = new Set(map.items);
    const seen = new Set<string>();
    for (const pair of this.effectivePairs(doc, map)) {
      const entry = this.pairEntry(doc, pair, parentPath);
      if (!entry) continue;
      // A key the mapping writes twice is kept twice (rules may report that); a merged key only
      // when nothing before it has that key.
      const key = String(entry.path[entry.path.length - 1]);
      if (!own.has(pair) && seen.has(key)) continue;
      seen.add(key);
      out.push(entry);
    }
    return out;
  }

  /** The pair for `key` in `map`, looking through merge keys when the map does not write it. */
  private findPair(doc: YamlDocument, map: YAMLMap, key: string): Pair | undefined {
    return this.effectivePairs(doc, map).find((pair) => isScalar(pair.key) && scalarKey(pair.key) === key);
  }

  /**
   * The mapping's own pairs (merge keys left out), then the pairs of its merge sources, depth
   * first. Each source mapping is visited once, so `<<: [*a, *a, …]` chains cost what their
   * distinct mappings cost, not what their expansion would (the alias-bomb bound holds).
   */
  private effectivePairs(doc: YamlDocument, map: YAMLMap): Pair[] {
    if (!map.items.some(isMergePair)) return map.items;
    const out: Pair[] = [];
    const visited = new Set<YAMLMap>();
    const visit = (m: YAMLMap, depth: number): void => {
      if (visited.has(m) || depth > MAX_MERGE_DEPTH || visited.size > MAX_MERGE_SOURCES) return;
      visited.add(m);
      const merges: Node[] = [];
      for (const pair of m.items) {
        if (!isMergePair(pair)) out.push(pair);
        else if (isSeq(pair.value)) merges.push(...(pair.value.items as Node[]));
        else if (pair.value) merges.push(pair.value as Node);
      }
      for (const source of merges) {
        const resolved = this.resolve(doc, source);
        if (resolved && isMap(resolved)) visit(resolved, depth + 1);
      }
    };
    visit(map, 0);
    return out;
  }

  /** The items of a sequence, in source order. */
  items(doc: YamlDocument, seq: YAMLSeq, parentPath: YamlPath = []): YamlEntry[] {
    const out: YamlEntry[] = [];
    seq.items.forEach((item, index) => {
      const entry = this.itemEntry(doc, item as Node | null, [...parentPath, index]);
      if (entry) out.push(entry);
    });
    return out;
  }

  private pairEntry(doc: YamlDocument, pair: Pair, parentPath: YamlPath): YamlEntry | undefined {
    const key = isScalar(pair.key) ? pair.key : null;
    if (!key || !key.range) return undefined;
    const rawValue = (pair.value as Node | null) ?? null;
    const value = this.resolve(doc, rawValue);
    let valueStart: number;
    let end: number;
    if (rawValue && rawValue.range && !(isScalar(rawValue) && rawValue.range[0] === rawValue.range[1])) {
      valueStart = rawValue.range[0];
      end = this.contentEnd(rawValue.range[0], rawValue.range[1]);
    } else {
      valueStart = end = this.afterColon(key.range[1]);
    }
    return new LocatedEntry(this.lines, [...parentPath, scalarKey(key)], key, value, rawValue, key.range[0], key.range[1], valueStart, end);
  }

  private itemEntry(doc: YamlDocument, rawValue: Node | null, path: YamlPath): YamlEntry | undefined {
    if (!rawValue || !rawValue.range) return undefined;
    const end = this.contentEnd(rawValue.range[0], rawValue.range[1]);
    return new LocatedEntry(this.lines, path, null, this.resolve(doc, rawValue), rawValue, -1, -1, rawValue.range[0], end);
  }

  /**
   * A scalar's string value with a way back to the source, so a PEM block found inside a
   * literal block scalar is reported on its own lines.
   */
  embedded(node: Scalar): EmbeddedText {
    const text = scalarString(node);
    const [start, valueEnd] = node.range ?? [0, 0];
    const range = this.lines.span(start, this.contentEnd(start, valueEnd));
    const source = this.lines.text;
    switch (node.type) {
      case Scalar.PLAIN:
        return source.slice(start, start + text.length) === text ? verbatimValue(text, start, this.lines) : wholeValue(text, range);
      case Scalar.QUOTE_SINGLE:
      case Scalar.QUOTE_DOUBLE:
        return source.slice(start + 1, start + 1 + text.length) === text ? verbatimValue(text, start + 1, this.lines) : wholeValue(text, range);
      case Scalar.BLOCK_LITERAL:
        return lineMappedValue(text, range, this.blockLineOffsets(start, valueEnd), this.lines);
      default:
        return wholeValue(text, range);
    }
  }

  private blockLineOffsets(headerStart: number, end: number): number[] {
    const firstLine = this.lines.pos(headerStart).line + 1;
    const lastLine = this.lines.pos(end).line;
    let indent = -1;
    for (let line = firstLine; line <= lastLine && line < this.lines.lineCount; line++) {
      const text = this.lines.lineText(line);
      if (text.trim() !== '') {
        indent = this.lines.indentation(line).length;
        break;
      }
    }
    const offsets: number[] = [];
    if (indent < 0) return offsets;
    for (let line = firstLine; line <= lastLine && line < this.lines.lineCount; line++) {
      const lineStart = this.lines.lineStarts[line];
      offsets.push(Math.min(lineStart + indent, this.lines.lineEnd(line)));
    }
    return offsets;
  }

  private afterColon(offset: number): number {
    const text = this.lines.text;
    let i = offset;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === ':') i++;
    return i;
  }
}

/** Merge keys are `<<` written plain; a quoted '<<' is an ordinary key (YAML 1.1 merge type). */
function isMergePair(pair: Pair): boolean {
  return isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === Scalar.PLAIN;
}

/** A mapping key as a string (`5681:` and `true:` become "5681" and "true"). */
export function scalarKey(key: Scalar): string {
  return scalarString(key);
}

/**
 * A scalar as a string: strings as parsed (quotes and escapes resolved, blocks folded), other
 * plain scalars as written (`0.0.0.0`, `true`, `5681`), null (`key:`, `~`) as "".
 */
export function scalarString(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  if (node.value === null || node.value === undefined) return '';
  const source = (node as Scalar & { source?: unknown }).source;
  return typeof source === 'string' ? source : String(node.value);
}

/** True when a YAML value is `true` (boolean, or the strings Helm's truthiness accepts). */
export function isTrue(node: Node | null): boolean {
  if (!node || !isScalar(node)) return false;
  return node.value === true || scalarString(node).toLowerCase() === 'true';
}

/** Non-empty: what Helm's `if .Values.x` treats as set (a non-empty string, true, a number, a non-empty collection). */
export function isSet(node: Node | null): boolean {
  if (!node) return false;
  if (isScalar(node)) {
    if (node.value === null || node.value === undefined || node.value === false) return false;
    return scalarString(node) !== '';
  }
  if (isMap(node) || isSeq(node)) return node.items.length > 0;
  return true;
}

/**
 * A YamlEntry whose spans are worked out when first read: most lookups (a rule asking for
 * `controlPlane.tls.general.secretName`) read only the value, and three line/column conversions
 * per entry were a tenth of a large manifest's lint beyond its parse, most of them never read.
 */
class LocatedEntry implements YamlEntry {
  private keySpan: Span | null | undefined;
  private valueSpan: Span | undefined;
  private wholeSpan: Span | undefined;

  constructor(
    private readonly lines: LineIndex,
    readonly path: YamlPath,
    readonly key: Scalar | null,
    readonly value: Node | null,
    readonly rawValue: Node | null,
    /** -1 for a sequence item (no key). */
    private readonly keyStart: number,
    private readonly keyEnd: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
  ) {}

  get keyRange(): Span | null {
    if (this.keySpan === undefined) this.keySpan = this.keyStart < 0 ? null : this.lines.span(this.keyStart, this.keyEnd);
    return this.keySpan;
  }

  get valueRange(): Span {
    return (this.valueSpan ??= this.lines.span(this.valueStart, this.valueEnd));
  }

  get range(): Span {
    return (this.wholeSpan ??= this.keyStart < 0 ? this.valueRange : this.lines.span(this.keyStart, this.valueEnd));
  }
}
