// One linear pass over a YAML text before it is parsed, for the two bounds the parser is held to:
// how deep it nests (nesting.ts says why) and how many nodes it would build (node-count.ts says
// why). They were a pass each, and over a 10,000-line manifest each pass cost about as much as
// all of the linter's rules that read its Secrets.

/** What a document costs beyond its nodes (`yaml` gives each its own options, schema and directives), in nodes. */
export const NODES_PER_DOCUMENT = 8;

export interface YamlShape {
  /** yamlNestingBound's answer. */
  nestingBound: number;
  /** yamlNodeEstimate's answer; 0 when the pass was told not to count. */
  nodeEstimate: number;
}

/**
 * Both bounds of `text`. Each line is split off once and its indicators visited once; the node
 * count keeps its own reading of a line (it passes over tabs before a comment, the nesting bound
 * does not) and its own flow depth, so each answer is what its pass alone gave.
 */
export function yamlShape(text: string, countNodes: boolean): YamlShape {
  const indents: number[] = [];
  let flow = 0;
  let deepest = 0;
  let lineFlowPeak = 0;
  let nodes = 0;
  let nodeFlow = 0;
  let counting = false;
  let lineEnd = 0;
  const visit = (c: string, at: number): void => {
    if (c === '[' || c === '{') {
      flow++;
      if (flow > lineFlowPeak) lineFlowPeak = flow;
      if (counting) {
        nodeFlow++;
        nodes++;
      }
    } else if (c === ']' || c === '}') {
      if (flow > 0) flow--;
      if (counting && nodeFlow > 0) nodeFlow--;
    } else if (!counting) {
      // a comma or a colon: only the node count reads them
    } else if (c === ',') {
      if (nodeFlow > 0) nodes++;
    } else {
      const next = text[at + 1];
      if (at + 1 >= lineEnd || next === ' ' || next === '\t' || next === '\r' || (nodeFlow > 0 && (next === ',' || next === ']' || next === '}'))) nodes++;
    }
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
    const indent = i - lineStart;
    const first = text[i];
    // A line the nesting bound passes over (blank, or a comment after spaces) the node count passes over too.
    if (i < lineEnd && first !== '#' && first !== '\r') {
      let content = i;
      while (content < lineEnd && (text[content] === ' ' || text[content] === '\t')) content++;
      counting = countNodes && content < lineEnd && text[content] !== '#' && text[content] !== '\r';
      if (counting) {
        nodes++;
        if (content === lineStart && text.startsWith('---', content)) nodes += NODES_PER_DOCUMENT;
      }
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
      lineFlowPeak = flow;
      // From after the compact indicators: what lies before them ('-', '?', blanks) holds no indicator.
      forEachIndicator(text, lineStart, i, lineEnd, visit);
      deepest = Math.max(deepest, indents.length + compact + lineFlowPeak);
    }
    lineStart = lineEnd + 1;
  }
  return { nestingBound: deepest, nodeEstimate: countNodes ? nodes + NODES_PER_DOCUMENT : 0 };
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
