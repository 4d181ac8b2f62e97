// An upper bound of a YAML text's nesting depth, found in one linear pass without parsing.
// `yaml` composes nodes recursively: near a thousand levels V8 can abort the whole process
// (a fatal "RegExpCompiler Allocation failed" when a regular expression is compiled at the
// bottom of that stack), which no try/catch survives. Files deeper than any real
// configuration are therefore never handed to the parser.
import { yamlShape } from './yaml-shape';

/** Far deeper than any Helm values file or manifest; far below where the parser breaks. */
export const MAX_YAML_NESTING = 256;

/**
 * Over-estimates rather than under-estimates: block indentation levels + compact `- `/`? ` + flow
 * brackets (the pass is yaml-shape.ts's, shared with the node estimate).
 */
export function yamlNestingBound(text: string): number {
  return yamlShape(text, false).nestingBound;
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
