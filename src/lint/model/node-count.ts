// An estimate of how many nodes `yaml` will build for a text, found in one linear pass without
// parsing. The parser's memory grows with its nodes, not with the text: a 2 MB file of short
// flow items (`[1,1,1,…]`) holds 900,000 scalars and takes some 850 MB to parse, where a 2 MB
// manifest of real configuration holds a few tens of thousands. Files far beyond any real
// configuration are therefore never handed to the parser.
import { NODES_PER_DOCUMENT, yamlShape } from './yaml-shape';

/**
 * Up to about 1 kB of parser memory each. Real configuration has one node per 25 bytes or
 * more (a manifest of Deployments, ConfigMaps and Secrets: about 85,000 at the 2 MiB cap; CRDs
 * and values files, with their long descriptions and base64, far fewer).
 */
export const MAX_YAML_NODES = 200_000;


/**
 * Counts every line with content (it starts a key, an item or a scalar), every mapping colon
 * (a value follows), and in flow collections every bracket and comma; each document start adds
 * its own cost. A colon inside a plain scalar counts too: rather over than under. (The pass is
 * yaml-shape.ts's, shared with the nesting bound.)
 */
export function yamlNodeEstimate(text: string): number {
  return yamlShape(text, true).nodeEstimate;
}

/**
 * Whether a text of `length` characters can be estimated at more than `max` nodes: a line counts
 * at most one node per character beside its own, a `---` line nine for three characters, so the
 * estimate is at most three nodes a character (plus the closing document cost).
 */
export function mayExceedNodes(length: number, max: number): boolean {
  return length * 3 + NODES_PER_DOCUMENT > max;
}

/**
 * Whether `yamlNodeEstimate(text)` is over `max`, without the pass when the text is too short for
 * that (`mayExceedNodes`). Most files are far below; only the largest manifests are counted.
 */
export function yamlNodeEstimateExceeds(text: string, max: number): boolean {
  return mayExceedNodes(text.length, max) && yamlNodeEstimate(text) > max;
}
