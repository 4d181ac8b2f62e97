// An upper bound of a YAML text's nesting depth, found in one linear pass without parsing.
// `yaml` composes nodes recursively: near a thousand levels V8 can abort the whole process
// (a fatal "RegExpCompiler Allocation failed" when a regular expression is compiled at the
// bottom of that stack), which no try/catch survives. Files deeper than any real
// configuration are therefore never handed to the parser.

/** Far deeper than any Helm values file or manifest; far below where the parser breaks. */
export const MAX_YAML_NESTING = 256;

/** Over-estimates rather than under-estimates: block indentation levels + compact `- `/`? ` + flow brackets. */
export function yamlNestingBound(text: string): number {
  const indents: number[] = [];
  let flow = 0;
  let deepest = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
    const indent = i - lineStart;
    const first = text[i];
    if (i < lineEnd && first !== '#' && first !== '\r') {
      // A line at column 0 that is not inside a flow collection starts afresh.
      if (indent === 0 && first !== ']' && first !== '}' && first !== ',') flow = 0;
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      let compact = 0;
      while (i + 1 < lineEnd && (text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        compact++;
        i += 2;
        while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
      }
      let lineFlowPeak = flow;
      forEachIndicator(text, lineStart, i, lineEnd, (c) => {
        if (c === '[' || c === '{') {
          flow++;
          if (flow > lineFlowPeak) lineFlowPeak = flow;
        } else if ((c === ']' || c === '}') && flow > 0) {
          flow--;
        }
      });
      deepest = Math.max(deepest, indents.length + compact + lineFlowPeak);
    }
    lineStart = lineEnd + 1;
  }
  return deepest;
}

/** Character classes for forEachIndicator: the only characters it stops at. */
const INDICATOR = 1;
const QUOTE = 2;
const COMMENT = 3;
const CHARACTER_CLASS = new Uint8Array(128);
for (const c of ':,[]{}') CHARACTER_CLASS[c.charCodeAt(0)] = INDICATOR;
CHARACTER_CLASS[0x22] = QUOTE;
CHARACTER_CLASS[0x27] = QUOTE;
CHARACTER_CLASS[0x23] = COMMENT;

/**
 * Calls `visit` with each YAML indicator (`:`, `,`, brackets, braces) of a line from `from` to
 * `lineEnd` that is outside quotes, up to a comment. Quotes are taken to end on their line: a
 * bound, not a parse. Every other character is passed over without a call: these scans run
 * before every parse, over lines of base64 that hold no indicator at all.
 */
export function forEachIndicator(text: string, lineStart: number, from: number, lineEnd: number, visit: (c: string, at: number) => void): void {
  let quote = 0;
  for (let i = from; i < lineEnd; i++) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
      continue;
    }
    const kind = code < 128 ? CHARACTER_CLASS[code] : 0;
    if (kind === 0) continue;
    if (kind === INDICATOR) visit(text[i], i);
    else if (kind === QUOTE) quote = code;
    else if (i === lineStart || text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x09) return;
  }
}

/**
 * More YAML indicators on one line than any real file has. `yaml` takes time that grows much
 * faster than the line on long lines full of `key: key: …` or flow items (120 kB: seconds), and
 * linting runs in the extension host; long lines of real files are base64 or plain words,
 * which carry no indicators at all.
 */
export const MAX_INDICATORS_PER_LINE = 2_000;

/**
 * Whether some line holds more than `limit` of `:`, `,`, `[`, `]`, `{`, `}` (one linear pass). A
 * line no longer than `limit` cannot, so only longer lines are counted: the search for line ends
 * is native, and real files have few such lines (base64, long descriptions).
 */
export function hasLineWithMoreIndicatorsThan(text: string, limit: number): boolean {
  for (let lineStart = 0; lineStart < text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd - lineStart > limit) {
      let count = 0;
      for (let i = lineStart; i < lineEnd; i++) {
        const c = text.charCodeAt(i);
        if ((c === 0x3a || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) && ++count > limit) return true;
      }
    }
    lineStart = lineEnd + 1;
  }
  return false;
}
