// Ways real files get damaged (editing accidents, copy/paste, transfer between systems) and
// ways an attacker would shape one. Works on bytes so that invalid UTF-8 is reachable.
import { Random } from './prng';

export type Mutation = (input: Buffer, random: Random) => Buffer;

const YAML_AND_PEM_PUNCTUATION = [':', '-', '|', '>', '"', "'", '&', '*', '!', '#', '\t', '{', '}', '[', ']', '\\', '=', '$', '%', '@', '`'];
const INVALID_UTF8 = [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf]];

const join = (...parts: Array<Buffer | string | number[]>): Buffer => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p as string))));
const cut = (input: Buffer, random: Random): number => random.int(input.length + 1);

export const MUTATIONS: Record<string, Mutation> = {
  byteFlip(input, random) {
    if (input.length === 0) return input;
    const out = Buffer.from(input);
    for (let flips = 1 + random.int(4); flips > 0; flips--) out[random.int(out.length)] ^= 1 << random.int(8);
    return out;
  },
  punctuation(input, random) {
    const at = cut(input, random);
    return join(input.subarray(0, at), random.pick(YAML_AND_PEM_PUNCTUATION), input.subarray(at + 1));
  },
  truncate(input, random) {
    return input.subarray(0, cut(input, random));
  },
  duplicate(input, random) {
    const at = cut(input, random);
    return join(input.subarray(0, at), input.subarray(at, at + random.int(400)), input.subarray(at));
  },
  deleteLine(input, random) {
    const lines = input.toString('latin1').split('\n');
    lines.splice(random.int(lines.length), 1);
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  reindent(input, random) {
    const text = input.toString('latin1').replace(/\n( *)/g, (_, spaces: string) => (random.next() < 0.25 ? `\n${' '.repeat(Math.max(0, spaces.length + random.int(5) - 2))}` : `\n${spaces}`));
    return Buffer.from(text, 'latin1');
  },
  tabs(input, random) {
    return Buffer.from(input.toString('latin1').replace(/\n {2}/g, () => (random.next() < 0.3 ? '\n\t' : '\n  ')), 'latin1');
  },
  invalidUtf8(input, random) {
    const at = cut(input, random);
    return join(input.subarray(0, at), random.pick(INVALID_UTF8), input.subarray(at));
  },
  lineBreaks(input, random) {
    return Buffer.from(input.toString('latin1').replace(/\r?\n/g, () => random.pick(['\n', '\r\n', '\r'])), 'latin1');
  },
  bom(input) {
    return join([0xef, 0xbb, 0xbf], input);
  },
  hugeLine(input, random) {
    const at = cut(input, random);
    return join(input.subarray(0, at), random.pick(['A', 'x:', '- ', 'MII', '"', ' ']).repeat(20_000 + random.int(80_000)), input.subarray(at));
  },
  deepNesting(input, random) {
    const at = cut(input, random);
    const depth = 200 + random.int(3000);
    const shape = random.pick(['flowSeq', 'flowMap', 'blockSeq', 'blockMap']);
    const nest =
      shape === 'flowSeq' ? '['.repeat(depth) + ']'.repeat(random.int(depth + 1))
      : shape === 'flowMap' ? '{a: '.repeat(depth) + '}'.repeat(random.int(depth + 1))
      : shape === 'blockSeq' ? '- '.repeat(depth) + 'x\n'
      : Array.from({ length: Math.min(depth, 600) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v\n';
    return join(input.subarray(0, at), '\n', nest, '\n', input.subarray(at));
  },
  aliases(input, random) {
    const anchors = Array.from({ length: 4 + random.int(6) }, (_, i) => `a${i}: &a${i} [${Array(9).fill(i ? `*a${i - 1}` : '"lol"').join(', ')}]`).join('\n');
    return random.next() < 0.5 ? join(input, '\n', anchors, '\n') : join(anchors, '\n', input);
  },
  splice(input, random) {
    const from = cut(input, random);
    const to = cut(input, random);
    return join(input.subarray(0, Math.min(from, to)), input.subarray(Math.max(from, to)), input.subarray(Math.min(from, to), Math.max(from, to)));
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to three mutations in a row; returns the bytes and the names applied (for the report). */
export function mutate(input: Buffer, random: Random): { bytes: Buffer; applied: string[] } {
  let bytes = input;
  const applied: string[] = [];
  for (let rounds = 1 + random.int(3); rounds > 0; rounds--) {
    const name = random.pick(MUTATION_NAMES);
    bytes = MUTATIONS[name](bytes, random);
    applied.push(name);
  }
  return { bytes, applied };
}
