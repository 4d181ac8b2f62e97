// An estimate of how many nodes `yaml` will build for a text, found in one linear pass without
// parsing. The parser's memory grows with its nodes, not with the text: a 2 MB file of short
// flow items (`[1,1,1,…]`) holds 900,000 scalars and takes some 850 MB to parse, where a 2 MB
// manifest of real configuration holds a few tens of thousands. Files far beyond any real
// configuration are therefore never handed to the parser.
import { forEachIndicator } from './nesting';

/**
 * Up to about 1 kB of parser memory each. Real configuration has one node per 25 bytes or
 * more (a manifest of Deployments, ConfigMaps and Secrets: about 85,000 at the 2 MiB cap; CRDs
 * and values files, with their long descriptions and base64, far fewer).
 */
export const MAX_YAML_NODES = 200_000;

/**
 * What a document costs beyond its nodes (`yaml` gives each its own options, schema and
 * directives), in nodes. Keeps files of tens of thousands of tiny documents bounded too.
 */
const NODES_PER_DOCUMENT = 8;

/**
 * Counts every line with content (it starts a key, an item or a scalar), every mapping colon
 * (a value follows), and in flow collections every bracket and comma; each document start adds
 * its own cost. A colon inside a plain scalar counts too: rather over than under.
 */
export function yamlNodeEstimate(text: string): number {
  let nodes = 0;
  let flow = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i < lineEnd && text[i] !== '#' && text[i] !== '\r') {
      nodes++;
      if (i === lineStart && text.startsWith('---', i)) nodes += NODES_PER_DOCUMENT;
      forEachIndicator(text, lineStart, i, lineEnd, (c, at) => {
        if (c === '[' || c === '{') {
          flow++;
          nodes++;
        } else if (c === ']' || c === '}') {
          if (flow > 0) flow--;
        } else if (c === ',') {
          if (flow > 0) nodes++;
        } else if (c === ':') {
          const next = text[at + 1];
          if (at + 1 >= lineEnd || next === ' ' || next === '\t' || next === '\r' || (flow > 0 && (next === ',' || next === ']' || next === '}'))) nodes++;
        }
      });
    }
    lineStart = lineEnd + 1;
  }
  return nodes + NODES_PER_DOCUMENT;
}

/**
 * Whether `yamlNodeEstimate(text)` is over `max`, without the pass when the text is too short for
 * that: a line counts at most one node per character beside its own, a `---` line nine for three
 * characters, so the estimate is at most three nodes a character (plus the closing document cost).
 * Most files are far below; only the largest manifests are counted.
 */
export function yamlNodeEstimateExceeds(text: string, max: number): boolean {
  if (text.length * 3 + NODES_PER_DOCUMENT <= max) return false;
  return yamlNodeEstimate(text) > max;
}
