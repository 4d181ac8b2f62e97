// PEM blocks inside any text (a .pem file, a YAML scalar, an env value, decoded base64).
// Offsets are into the text given, so callers map them back with EmbeddedText.spanOf.
import { TextMemo } from '../../pki/text-memo';

export interface PemBlock {
  // Blocks are shared by every caller that scans the same text (findPemBlocks): never changed.
  /** BEGIN label, e.g. `CERTIFICATE`, `RSA PRIVATE KEY`. */
  readonly label: string;
  /** END label, or null when the block never ends. */
  readonly endLabel: string | null;
  /** Offsets of the whole block (`-----BEGIN` … the END line's closing dashes). */
  readonly start: number;
  readonly end: number;
  /** RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body's base64 with whitespace removed. */
  readonly base64: string;
  /** Decoded body; null when the body is not valid base64. */
  readonly der: Buffer | null;
  /**
   * Why Go's `encoding/pem.Decode` (what Kuma and Kubernetes load PEM with) finds no block here
   * although the block is otherwise complete; null when Go decodes it. See GO_PEM_DECODE below.
   */
  readonly goRejects: GoPemRejection | null;
}

/**
 * Go's `pem.Decode`, measured with go1.19 (each case a certificate block with a valid body):
 *
 * | input                                             | Go finds a block |
 * |---------------------------------------------------|------------------|
 * | plain, LF                                         | yes              |
 * | CRLF line ends                                    | yes              |
 * | lone CR line ends (old Mac)                       | no               |
 * | BEGIN line indented by spaces or a tab            | no               |
 * | text before BEGIN on its line (`xx-----BEGIN`)    | no               |
 * | text on earlier lines (a preamble)                | yes              |
 * | END line indented by spaces or a tab              | no               |
 * | body lines indented, trailing blanks in the body  | yes              |
 * | spaces inside a body line, blank body lines       | yes              |
 * | spaces/tabs after the BEGIN or END line's dashes  | yes              |
 * | other text after the END dashes (`-----xyz`)      | no               |
 * | body on the BEGIN line (no line break after it)   | no               |
 * | headers (`Proc-Type: …`), with or without blank   | yes              |
 * | END label differs from BEGIN label                | no               |
 * | no line break after END (end of file)             | yes              |
 * | body not valid base64                             | no               |
 *
 * Go looks for "-----BEGIN " at the start of the data or right after "\n", takes the BEGIN line up
 * to "\n" minus trailing spaces, tabs and "\r" (it must end in "-----"), and finds the end as
 * "\n-----END "; a block it rejects is skipped and the search goes on after it.
 */
export type GoPemRejection = 'indented-begin' | 'text-before-begin' | 'text-after-begin' | 'indented-end' | 'text-after-end' | 'cr-line-ends';

export const PEM_BEGIN = '-----BEGIN ';
const PEM_END = '-----END ';
const DASHES = '-----';
/** Labels are short; a longer "label" is garbage and must not make us scan far. */
const MAX_LABEL = 64;

/**
 * One forward pass: the next BEGIN and the next END are each searched for once and reused
 * until the scan passes them, so a text of BEGIN lines without any END (or the reverse) costs
 * one read, not a search to the end of the text from every BEGIN.
 */
export function findPemBlocks(text: string): readonly PemBlock[] {
  return pemBlockMemo.get(text, scanPemBlocks);
}

// One CA is in every values file and Secret of a workspace: its blocks (and their decoded DER)
// are found once. The blocks are shared, hence readonly; a text with any KEY block (even a mangled
// label, holdsPrivateKey) is scanned each time, so no decoded key outlives its document.
const pemBlockMemo = new TextMemo<readonly PemBlock[]>(512, 16 * 1024);

function scanPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const begins = new MarkerCursor(text, PEM_BEGIN);
  const ends = new MarkerCursor(text, PEM_END);
  let from = 0;
  for (;;) {
    const start = begins.next(from);
    if (start < 0) break;
    const labelStart = start + PEM_BEGIN.length;
    const labelEnd = labelEndAt(text, labelStart);
    if (labelEnd < 0) {
      from = labelStart;
      continue;
    }
    const label = text.slice(labelStart, labelEnd);
    const bodyStart = labelEnd + DASHES.length;
    const endMarker = ends.next(bodyStart);
    const nextBegin = begins.next(bodyStart);
    if (endMarker < 0 || (nextBegin >= 0 && nextBegin < endMarker)) {
      const stop = nextBegin >= 0 ? nextBegin : text.length;
      blocks.push({ label, endLabel: null, start, end: trimEnd(text, bodyStart, stop), headers: {}, base64: '', der: null, goRejects: null });
      from = stop;
      continue;
    }
    const endLabelStart = endMarker + PEM_END.length;
    const endLabelEnd = labelEndAt(text, endLabelStart);
    let endLabel: string | null = null;
    let end: number;
    if (endLabelEnd < 0) {
      end = lineEndFrom(text, endLabelStart);
    } else {
      endLabel = text.slice(endLabelStart, endLabelEnd);
      end = endLabelEnd + DASHES.length;
    }
    const { headers, base64 } = splitBody(text, bodyStart, endMarker);
    const goRejects = endLabel === null ? null : goRejection(text, start, bodyStart, endMarker, end);
    blocks.push({ label, endLabel, start, end, headers, base64, der: decodeStrictBase64(base64), goRejects });
    from = end;
  }
  return blocks;
}

/** Why Go's pem.Decode would not find the block [start, end) whose body runs [bodyStart, endMarker). */
function goRejection(text: string, start: number, bodyStart: number, endMarker: number, end: number): GoPemRejection | null {
  const beginLineEnd = lineEndFrom(text, bodyStart);
  if (text[beginLineEnd] === '\r' && text[beginLineEnd + 1] !== '\n') return 'cr-line-ends';
  if (start > 0 && text[start - 1] !== '\n') return text[start - 1] === '\r' ? 'cr-line-ends' : onlyBlanksBefore(text, start) ? 'indented-begin' : 'text-before-begin';
  if (!isBlank(text, bodyStart, beginLineEnd)) return 'text-after-begin';
  if (text[endMarker - 1] !== '\n') return text[endMarker - 1] === '\r' ? 'cr-line-ends' : 'indented-end';
  const endLineEnd = lineEndFrom(text, end);
  if (!isBlank(text, end, endLineEnd)) return 'text-after-end';
  if (text[endLineEnd] === '\r' && text[endLineEnd + 1] !== '\n' && !onlyWhitespaceFrom(text, endLineEnd + 1)) return 'cr-line-ends';
  return null;
}

/** Nothing but white space from `offset` on (stops at the first other character: no copy of the rest). */
function onlyWhitespaceFrom(text: string, offset: number): boolean {
  for (let i = offset; i < text.length; i++) if (!/\s/.test(text[i])) return false;
  return true;
}

/** Only spaces and tabs between the start of `offset`'s line and `offset`. */
function onlyBlanksBefore(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || text[i] === '\n' || text[i] === '\r';
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text[i] !== ' ' && text[i] !== '\t') return false;
  return true;
}

/**
 * The first occurrence of `marker` at or after a position that only grows. A found
 * occurrence is kept while the position has not passed it, and "none" stays none, so every
 * character is searched at most once however often it is asked.
 */
class MarkerCursor {
  private found = -1;
  private searchedFrom = Number.POSITIVE_INFINITY;

  constructor(
    private readonly text: string,
    private readonly marker: string,
  ) {}

  next(from: number): number {
    if (from >= this.searchedFrom && (this.found < 0 || this.found >= from)) return this.found;
    this.found = this.text.indexOf(this.marker, from);
    this.searchedFrom = from;
    return this.found;
  }
}

/** Where the label's closing dashes start, looking no further than a label can be; -1 when it is not a label. */
function labelEndAt(text: string, labelStart: number): number {
  const limit = Math.min(text.length, labelStart + MAX_LABEL + 1);
  for (let i = labelStart; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return -1;
    if (text.startsWith(DASHES, i)) return i;
  }
  return -1;
}

function splitBody(text: string, start: number, end: number): { headers: Record<string, string>; base64: string } {
  const headers: Record<string, string> = {};
  const body = text.slice(start, end);
  // Without a ':' there is no header line, and the base64 is the body without its white space
  // (line ends included): one replace instead of a split and a replace per line. White space that
  // trim() knows and removeWhitespace does not (a line of only U+00A0 is skipped below) takes the
  // long way.
  if (!body.includes(':') && !OTHER_WHITE_SPACE.test(body)) return { headers, base64: removeWhitespace(body) };
  const lines = body.split(/\r?\n|\r/);
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  // Headers come first and end with a blank line (RFC 1421); base64 lines never contain ':'.
  if (i < lines.length && lines[i].includes(':')) {
    while (i < lines.length && lines[i].includes(':')) {
      const colon = lines[i].indexOf(':');
      headers[lines[i].slice(0, colon).trim()] = lines[i].slice(colon + 1).trim();
      i++;
    }
  }
  let base64 = '';
  for (; i < lines.length; i++) base64 += removeWhitespace(lines[i]);
  return { headers, base64 };
}

/** White space of JavaScript's trim() beyond space, tab, CR and LF. */
const OTHER_WHITE_SPACE = /[^\S \t\r\n]/;

export function removeWhitespace(s: string): string {
  return s.replace(/[ \t\r\n]+/g, '');
}

/**
 * Strict base64 (standard alphabet, correct padding); null on anything else: what
 * /^[A-Za-z0-9+/]*={0,2}$/ with a length a multiple of 4 accepts. Node's decoder passes over
 * characters outside the alphabet (white space, "!", a misplaced "="), so a decoded length short
 * of what the length and padding promise means one was there; it also reads the URL-safe "-" and
 * "_", which are refused first. Half the time of the regular expression, which was the largest
 * single cost of linting PEM material (pinned against it in test/unit/lint/pem-shortcuts.test.ts).
 */
export function decodeStrictBase64(s: string): Buffer | null {
  const length = s.length;
  if (length % 4 !== 0) return null;
  let padding = 0;
  while (padding < length && s.charCodeAt(length - 1 - padding) === 0x3d) padding++;
  if (padding > 2 || s.includes('-') || s.includes('_')) return null;
  const bytes = Buffer.from(s, 'base64');
  return bytes.length === (length / 4) * 3 - padding ? bytes : null;
}

function lineEndFrom(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

export function isPrivateKeyLabel(label: string): boolean {
  return label.endsWith('PRIVATE KEY');
}

export function isCertificateLabel(label: string): boolean {
  // The same three labels as pki/inspect.ts pemCertificateBlocks (the commands' test for a certificate file).
  return label === 'CERTIFICATE' || label === 'TRUSTED CERTIFICATE' || label === 'X509 CERTIFICATE';
}

/** A certificate revocation list: no certificate, and nothing Kuma reads (Go's loaders skip it). */
export function isCrlLabel(label: string): boolean {
  return label === 'X509 CRL';
}
