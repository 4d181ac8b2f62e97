// The one gate between a user's documents and any text we show: finding messages, related
// messages, fix titles, hovers, completions, the output channel and every CLI format.
//
// A value taken from a document is shown only through `echo()`: one line, control characters
// escaped, bounded in length, and withheld whole when it may be key material. As a second
// line of defence, `scrubKeyMaterial()` runs over every finished message, so a value that
// reached a message without `echo()` still cannot carry a key out (issue 10: a mis-indented
// tls.key block turned the rest of the key into the next entry's name, and a finding printed it).
import { createPrivateKey } from 'node:crypto';
import { holdsPrivateKey, TextMemo } from './text-memo';

/** Longest value echoed as is; longer values are cut (with "…"). */
export const MAX_ECHO_LENGTH = 64;

/**
 * Runs of the base64 alphabet at least this long are judged; shorter runs cannot carry enough of
 * a key to matter, and the leak invariant of the tests is "no 16 consecutive characters".
 */
const MIN_JUDGED_RUN = 16;

const BASE64_RUN = /[A-Za-z0-9+/=_-]{16,}/g;
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/i;

/** The mark that stands where material was withheld (no base64 letters run into it). */
export const WITHHELD = '‹withheld›';

/**
 * Whether a run of base64-alphabet characters reads like encoded bytes rather than a name.
 *
 * Names (camelCase keys, CONSTANT_CASE, kebab-case Secret names, hex digests, host names) change
 * character class rarely: `monitoringAssignmentServer` has 5 class segments in 26 characters.
 * Encoded bytes change class at almost every character (about 0.65 of positions for uniform
 * base64), and mix upper and lower case. Both tests must hold, so a hex digest (one case) or a
 * long word is never withheld, and a 16-character window of a key is withheld with odds better
 * than 99.7 % (a whole 64-character PEM line, practically always).
 */
export function isEncodedRun(run: string): boolean {
  if (run.length < MIN_JUDGED_RUN) return false;
  if (!/[a-z]/.test(run) || !/[A-Z]/.test(run)) return false;
  // No name mixes case, digits and a plus sign; base64 does in about one run of 16 in four.
  if (run.includes('+') && /[0-9]/.test(run)) return true;
  // Symbols (+ / = _ -) are neutral: they separate words in paths and names, and are rare in base64.
  const alphanumerics = run.replace(/[^A-Za-z0-9]/g, '');
  if (alphanumerics.length < MIN_JUDGED_RUN - 2) return false;
  // Words: a capitalised or lower-case word, an acronym, a number. Identifiers are made of words
  // of four or more characters on average; base64 splits into tokens of about two.
  const words = alphanumerics.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g) ?? [];
  if (alphanumerics.length / words.length < 3.5) return true;
  // Long words can still be base64 when digits sit between letters often (…9w0BAQEF…).
  const digitBreaks = (alphanumerics.match(/[A-Za-z][0-9]|[0-9][A-Za-z]/g) ?? []).length;
  if (digitBreaks * 8 >= alphanumerics.length) return true;
  // DER structure encodes to long capital runs (MIIEvQIBADANBgkqhkiG9w0BAQEF…): with any digit,
  // a change of character class at every fourth character or more is not a name.
  return digitBreaks > 0 && classSegments(alphanumerics) * 4 >= alphanumerics.length;
}

function classSegments(text: string): number {
  let segments = 0;
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const cls = charClass(text.charCodeAt(i));
    if (cls !== previous) segments++;
    previous = cls;
  }
  return segments;
}

const SYMBOL = 3;

function charClass(code: number): number {
  if (code >= 97 && code <= 122) return 0; // a-z
  if (code >= 65 && code <= 90) return 1; // A-Z
  if (code >= 48 && code <= 57) return 2; // 0-9
  return SYMBOL; // + / = _ -
}

/** Whether a value may hold key material: a private-key PEM block, or an encoded run. */
export function looksLikeKeyMaterial(value: string): boolean {
  if (PRIVATE_KEY_BLOCK.test(value)) return true;
  for (const match of value.matchAll(BASE64_RUN)) if (isEncodedRun(match[0])) return true;
  return false;
}

/**
 * Control characters (C0, DEL, C1) and the Unicode line/paragraph separators as visible escapes,
 * so that text from a file cannot move a terminal's cursor, recolour it, or forge an output line.
 */
export function escapeControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/**
 * A value from a document, fit to quote in a message. `where` names the value by its place
 * (`data["tls.key"]`, `KUMA_API_SERVER_HTTP_INTERFACE`) for when the value itself is withheld.
 */
export function echo(raw: string | null | undefined, where?: string, maxLength = MAX_ECHO_LENGTH): string {
  const value = raw ?? '';
  // Most values are short names (tls.crt, a Secret name): too short for an encoded run or a key
  // block, nothing to escape, trim or fold. They are their own echo.
  if (value.length < ENCODED_RUN_MIN && value.length <= maxLength && PLAIN_SHORT_VALUE.test(value)) return value;
  if (looksLikeKeyMaterial(value)) return where ? `${WITHHELD} (the value at ${echoName(where)} looks like key material)` : `${WITHHELD} (looks like key material)`;
  const oneLine = escapeControlCharacters(foldLineBreaks(value.trim()));
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}

/**
 * Each run of line breaks, with the spaces and tabs around it, as one space: what a global
 * replace of `[ \t]*[\r\n]+[ \t]*` does, in one pass. That regex backtracks from every position
 * of a long run of spaces without a line break: a 100 KB line of spaces took 4.6 s.
 */
export function foldLineBreaks(text: string): string {
  if (!/[\r\n]/.test(text)) return text;
  const pieces = text.split(/[\r\n]+/);
  const last = pieces.length - 1;
  return pieces
    .map((piece, i) => {
      let start = 0;
      let end = piece.length;
      if (i > 0) while (start < end && isSpaceOrTab(piece.charCodeAt(start))) start++;
      if (i < last) while (end > start && isSpaceOrTab(piece.charCodeAt(end - 1))) end--;
      return piece.slice(start, end);
    })
    .join(' ');
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** BASE64_RUN's shortest run: a shorter value holds none (and no private-key block, longer still). */
const ENCODED_RUN_MIN = 16;
/** Printable ASCII that neither starts nor ends with a space. */
const PLAIN_SHORT_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** A name from a document (a key, a Secret name, a setting name): like `echo`, never recursing. */
function echoName(name: string): string {
  if (looksLikeKeyMaterial(name)) return WITHHELD;
  const oneLine = escapeControlCharacters(name);
  return oneLine.length > MAX_ECHO_LENGTH ? `${oneLine.slice(0, MAX_ECHO_LENGTH - 1)}…` : oneLine;
}

/**
 * The last line of defence over a finished message: every encoded run and every private-key PEM
 * block is replaced by the withheld mark. Messages we write ourselves contain neither (labels such
 * as "-----BEGIN EC PRIVATE KEY-----" stay: only a block with a body is removed).
 */
export function scrubKeyMaterial(text: string): string {
  // Only a block with a body goes: the header alone ("the -----BEGIN PRIVATE KEY----- block has no
  // END line") is our own wording, and must stay readable.
  const withoutBlocks = !text.includes('PRIVATE KEY') ? text : text.replace(/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----([\s\S]*?)(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, (block, body: string) =>
    /[A-Za-z0-9+/=]{16}/.test(body.replace(/\s+/g, '')) && /^\s*[A-Za-z0-9+/=]/.test(body) ? WITHHELD : block,
  );
  if (!hasRunOf(withoutBlocks, MIN_JUDGED_RUN)) return withoutBlocks;
  return withoutBlocks.replace(BASE64_RUN, (run) => (isEncodedRun(run) ? WITHHELD : run));
}

/** Whether `text` has `length` consecutive characters of BASE64_RUN's class: one pass, where the expression retries at every start. */
function hasRunOf(text: string, length: number): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isBase64Char(c) || c === 95 /* _ */ || c === 45 /* - */) {
      if (++run >= length) return true;
    } else run = 0;
  }
  return false;
}

/** Consecutive characters of a key that must never appear in output (the tests' invariant). */
export const KEY_WINDOW = 16;

const PEM_KEY_BEGIN = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----/g;
/** A base64 block starts with a run at least this long (a wrapped line is 64 or 76). */
const MIN_BLOCK_RUN = 40;
/** Base64 blocks larger than this are not tried as DER keys (keys are a few KiB). */
const MAX_DER_KEY_BLOCK = 32 * 1024;
/**
 * Of each key, the windows of its first this many characters are kept (a 4096-bit RSA key is about
 * 3.2 KiB of base64); a larger "key" is hostile input, and the encoded-run scrub covers the rest.
 */
const MAX_KEY_CHARS = 64 * 1024;

/**
 * The private-key material of one document's raw text, found without trusting its structure (a
 * mis-indented YAML block scalar scatters a key over several nodes, but the raw text still holds
 * it whole): PEM private-key blocks to their END line (or the end of the text), and base64 blocks
 * that decode to one (base64 of a key PEM, base64 of that again, or DER of a PKCS#1/SEC 1/PKCS#8
 * key). `redact` removes from a message every stretch that shares `KEY_WINDOW` consecutive
 * base64 characters with it (white space in the message between them does not count).
 */
export class DocumentKeyMaterial {
  private windows: KeyWindows | undefined;

  constructor(private readonly text: string) {}

  redact(message: string): string {
    return this.redactAll([message])[0];
  }

  /**
   * Every message as `redact` gives it. The side with fewer windows is hashed into a table and the
   * other streamed past it: a manifest's few findings beside thousands of keys index the messages
   * (a table of a million key windows is some 300 ms of cache misses), a file with many messages
   * and few keys indexes the keys. `indexed` forces a side (the tests compare them).
   */
  redactAll(messages: readonly string[], indexed: 'auto' | 'material' | 'messages' = 'auto'): string[] {
    const out = messages.slice();
    // Cheap test first: without a run of KEY_WINDOW base64 characters nothing can match.
    const candidates = messages.flatMap((message, i) => (/[A-Za-z0-9+/=]{16}/.test(message.replace(/\s+/g, '')) ? [i] : []));
    if (candidates.length === 0) return out;
    const windows = (this.windows ??= keylessDocuments.get(this.text, keyWindows, (text, found) => !found.empty || holdsPrivateKey(text)));
    if (windows.empty) return out;
    const squeezed = candidates.map((i) => squeeze(messages[i]));
    const messageWindows = squeezed.reduce((sum, m) => sum + windowsIn(m.text), 0);
    const side = indexed !== 'auto' ? indexed : windows.indexed || windows.hasAtMostWindows(messageWindows) ? 'material' : 'messages';
    const covers = side === 'material' ? squeezed.map((m) => windows.coverOf(m.text)) : windows.coverAgainst(squeezed.map((m) => m.text), messageWindows);
    candidates.forEach((i, k) => {
      if (covers[k] !== null) out[i] = withhold(messages[i], squeezed[k].compact, covers[k]!);
    });
    return out;
  }
}

/** A message without its white space, and where each of its characters came from. */
function squeeze(message: string): { text: string; compact: Int32Array } {
  const compact = new Int32Array(message.length);
  // Joined from the stretches between white space: a string grown a character at a time was most
  // of what the guard allocated for a manifest's findings.
  const parts: string[] = [];
  let length = 0;
  let stretch = -1;
  for (let i = 0; i < message.length; i++) {
    if (isWhiteSpace(message.charCodeAt(i))) {
      if (stretch >= 0) parts.push(message.slice(stretch, i));
      stretch = -1;
      continue;
    }
    if (stretch < 0) stretch = i;
    compact[length++] = i;
  }
  if (stretch >= 0) parts.push(message.slice(stretch));
  return { text: parts.join(''), compact };
}

/** `message` with every stretch under a covered window (`starts`: 1 where a window of its squeezed text starts) withheld. */
function withhold(message: string, compact: Int32Array, starts: Uint8Array): string {
  const covered = new Uint8Array(message.length);
  for (let start = 0; start < starts.length; start++) {
    if (!starts[start]) continue;
    for (let j = compact[start]; j <= compact[start + KEY_WINDOW - 1]; j++) covered[j] = 1;
  }
  let out = '';
  for (let i = 0; i < message.length; i++) {
    if (!covered[i]) out += message[i];
    else if (i === 0 || !covered[i - 1]) out += WITHHELD;
  }
  return out;
}

// Most documents with a finding hold no key (values files, install scripts) and are linted again
// whenever a file they name changes: their texts are remembered as keyless, and only those.
const keylessDocuments = new TextMemo<KeyWindows>(256, 16 * 1024);

/**
 * Every KEY_WINDOW-character window of a document's key material. A window is looked up by a
 * rolling hash and confirmed against the material itself, so the answer is exactly "this window
 * occurs in the material", while building costs no string and no Map entry per window (a
 * manifest of 200 keys has 100,000 windows: as a Set of strings they cost more than the rules
 * that made the messages).
 */
class KeyWindows {
  private readonly materials: string[] = [];
  private readonly seen = new Set<string>();
  /** The stretches joined by a line break: a window holds no white space, so none matches across two. */
  private joined = '';
  /** Open addressing, linear probing: slot -> window hash + 1 (0: empty), and where in `joined` a window with that hash starts. */
  private slotHashes: Int32Array | undefined;
  private slotStarts = new Int32Array(0);
  /** Hashes that two different windows of the material share: confirmed by a search instead. */
  private readonly shared = new Set<number>();
  /** `windowCount`, once counted (undefined again when material is added). */
  private windows: number | undefined;

  get empty(): boolean {
    return this.materials.length === 0;
  }

  /** How many windows the material has (what indexing it costs). */
  get windowCount(): number {
    if (this.windows === undefined) {
      this.windows = 0;
      for (const material of this.materials) this.windows += windowsIn(material);
    }
    return this.windows;
  }

  /** Whether the material has at most `max` windows, counted only as far as needed to tell. */
  hasAtMostWindows(max: number): boolean {
    if (this.windows !== undefined) return this.windows <= max;
    let counted = 0;
    for (const material of this.materials) {
      counted += windowsIn(material);
      if (counted > max) return false;
    }
    this.windows = counted;
    return true;
  }

  /** Whether the material's table is built already (then looking messages up in it is cheapest). */
  get indexed(): boolean {
    return this.slotHashes !== undefined;
  }

  /** Where a window of `squeezed` (no white space) that occurs in the material starts; null when none does. */
  coverOf(squeezed: string): Uint8Array | null {
    let starts: Uint8Array | null = null;
    forEachWindowHash(squeezed, (start, hash) => {
      if (this.has(squeezed, start, hash)) (starts ??= new Uint8Array(squeezed.length))[start] = 1;
    });
    return starts;
  }

  /**
   * `coverOf` of each text, found the other way round: the texts' windows are hashed into a table
   * (chained: texts share windows and hashes), and every window of the material is looked up in it
   * once, in order. `windows`: how many windows the texts have together (`windowsIn`).
   */
  coverAgainst(texts: readonly string[], windows: number): Array<Uint8Array | null> {
    let size = 16;
    while (size < windows * 2) size *= 2;
    const mask = size - 1;
    const slotHashes = new Int32Array(size);
    const slotFirst = new Int32Array(size);
    // Entry e: text entryText[e], window start entryStart[e], next entry of its slot entryNext[e] (-1 ends).
    const entryText = new Int32Array(windows);
    const entryStart = new Int32Array(windows);
    const entryNext = new Int32Array(windows);
    let entries = 0;
    texts.forEach((text, t) => {
      forEachWindowHash(text, (start, hash) => {
        let slot = slotOf(hash, mask);
        while (slotHashes[slot] !== 0 && slotHashes[slot] !== hash + 1) slot = (slot + 1) & mask;
        entryText[entries] = t;
        entryStart[entries] = start;
        entryNext[entries] = slotHashes[slot] === 0 ? -1 : slotFirst[slot];
        slotHashes[slot] = hash + 1;
        slotFirst[slot] = entries++;
      });
    });
    const covers: Array<Uint8Array | null> = texts.map(() => null);
    for (const material of this.materials) {
      forEachWindowHash(material, (start, hash) => {
        let slot = slotOf(hash, mask);
        while (slotHashes[slot] !== 0 && slotHashes[slot] !== hash + 1) slot = (slot + 1) & mask;
        if (slotHashes[slot] === 0) return;
        // A covered window leaves its chain: texts of one repeated character put all their windows
        // in one chain, and a material of that character would walk it at every window (28 s for
        // 50 messages beside a 60,000-character "key"). What stays are windows not yet found.
        let previous = -1;
        for (let e = slotFirst[slot]; e !== -1; e = entryNext[e]) {
          const t = entryText[e];
          if (!sameWindow(texts[t], entryStart[e], material, start)) {
            previous = e;
            continue;
          }
          (covers[t] ??= new Uint8Array(texts[t].length))[entryStart[e]] = 1;
          if (previous === -1) slotFirst[slot] = entryNext[e];
          else entryNext[previous] = entryNext[e];
        }
      });
    }
    return covers;
  }

  /** Adds the windows of one compact (white-space free) stretch of material. */
  add(compact: string): void {
    // The same key in several Secrets (one CA in every namespace) adds no windows.
    if (compact.length < KEY_WINDOW || this.seen.has(compact)) return;
    this.seen.add(compact);
    this.materials.push(compact);
    this.slotHashes = undefined;
    this.windows = undefined;
  }

  /** Whether `text`'s window at `start` (no white space in it), whose hash is `hash`, is a window of the material. */
  has(text: string, start: number, hash: number): boolean {
    const slotHashes = (this.slotHashes ??= this.index());
    const mask = slotHashes.length - 1;
    for (let slot = slotOf(hash, mask); slotHashes[slot] !== 0; slot = (slot + 1) & mask) {
      if (slotHashes[slot] !== hash + 1) continue;
      if (sameWindow(text, start, this.joined, this.slotStarts[slot])) return true;
      return this.shared.has(hash) && this.joined.includes(text.slice(start, start + KEY_WINDOW));
    }
    return false;
  }

  private index(): Int32Array {
    this.joined = this.materials.join('\n');
    const windows = this.windowCount;
    let size = 16;
    while (size < windows * 2) size *= 2;
    const slotHashes = new Int32Array(size);
    const slotStarts = new Int32Array(size);
    const mask = size - 1;
    let offset = 0;
    for (const material of this.materials) {
      const base = offset;
      forEachWindowHash(material, (start, hash) => {
        let slot = slotOf(hash, mask);
        while (slotHashes[slot] !== 0 && slotHashes[slot] !== hash + 1) slot = (slot + 1) & mask;
        if (slotHashes[slot] === 0) {
          slotHashes[slot] = hash + 1;
          slotStarts[slot] = base + start;
        } else if (!sameWindow(material, start, this.joined, slotStarts[slot])) this.shared.add(hash);
      });
      offset += material.length + 1;
    }
    this.slotStarts = slotStarts;
    return slotHashes;
  }
}

/** Spreads a polynomial hash over the table (its low bits alone cluster, and linear probing then crawls). */
function slotOf(hash: number, mask: number): number {
  return (Math.imul(hash, 0x9e3779b1) >>> 7) & mask;
}

function sameWindow(a: string, aStart: number, b: string, bStart: number): boolean {
  for (let i = 0; i < KEY_WINDOW; i++) if (a.charCodeAt(aStart + i) !== b.charCodeAt(bStart + i)) return false;
  return true;
}

const HASH_BASE = 131;
/** HASH_BASE ** (KEY_WINDOW - 1) modulo 2 ** 32: what the character leaving a window weighed. */
const HASH_OUTGOING = (() => {
  let power = 1;
  for (let i = 1; i < KEY_WINDOW; i++) power = Math.imul(power, HASH_BASE);
  return power;
})();

/**
 * Calls `visit` with the start and a 30-bit polynomial hash (a small integer, no allocation) of every
 * KEY_WINDOW-character window of `text` made of base64 characters only (exported for the tests that
 * force collisions). Key material is base64 (a PEM body, a Secret's data value), so no other window
 * can be a window of a key; skipping them leaves a message's prose out of the table, and an END-less
 * key block's "rest of the document" matches a message only where both hold base64.
 */
export function forEachWindowHash(text: string, visit: (start: number, hash: number) => void): void {
  const length = text.length;
  let runStart = 0;
  while (runStart + KEY_WINDOW <= length) {
    let runEnd = runStart;
    while (runEnd < length && isBase64Char(text.charCodeAt(runEnd))) runEnd++;
    if (runEnd - runStart >= KEY_WINDOW) {
      let hash = 0;
      for (let i = runStart; i < runStart + KEY_WINDOW; i++) hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i)) | 0;
      visit(runStart, hash & 0x3fffffff);
      for (let start = runStart + 1; start + KEY_WINDOW <= runEnd; start++) {
        hash = (Math.imul(hash - Math.imul(text.charCodeAt(start - 1), HASH_OUTGOING), HASH_BASE) + text.charCodeAt(start + KEY_WINDOW - 1)) | 0;
        visit(start, hash & 0x3fffffff);
      }
    }
    runStart = runEnd + 1;
  }
}

/** How many windows `forEachWindowHash` visits in `text`. */
function windowsIn(text: string): number {
  let windows = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isBase64Char(text.charCodeAt(i))) run = 0;
    else if (++run >= KEY_WINDOW) windows++;
  }
  return windows;
}

/** What `/\s/` matches, without a regular expression per character (printable ASCII first). */
function isWhiteSpace(code: number): boolean {
  if (code > 32 && code < 127) return false;
  return /\s/.test(String.fromCharCode(code));
}

function keyWindows(text: string): KeyWindows {
  const windows = new KeyWindows();
  const addWindows = (material: string): void => {
    windows.add(material.slice(0, MAX_KEY_CHARS * 2).replace(/\s+/g, '').slice(0, MAX_KEY_CHARS));
  };
  for (const body of pemKeyBodies(text)) addWindows(body);
  // A manifest repeats its material (one CA in every Secret): each distinct block is decoded once.
  const tried = new Set<string>();
  for (const block of base64Blocks(text)) {
    if (tried.has(block)) continue;
    tried.add(block);
    const decoded = keyBlockMemo.get(block, decodeKeyBlock, (_, key) => key !== null);
    if (decoded === null) continue;
    addWindows(block);
    for (const body of pemKeyBodies(decoded)) addWindows(body);
  }
  return windows;
}

/**
 * Base64 blocks of `text` in one linear pass (no backtracking regular expression over a whole
 * block: a 200,000-line block must not exhaust the stack): a run of at least MIN_BLOCK_RUN base64
 * characters, extended over white space and further base64 runs (wrapped lines, YAML block scalars).
 * A scan of character codes through a table: a regular expression that looks behind for where a run
 * starts took twice as long over a manifest's 600,000 characters.
 */
export function base64Blocks(text: string): string[] {
  const blocks: string[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (!isBase64Char(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < length && isBase64Char(text.charCodeAt(runEnd))) runEnd++;
    if (runEnd - i < MIN_BLOCK_RUN) {
      i = runEnd;
      continue;
    }
    let end = runEnd;
    let j = runEnd;
    for (;;) {
      while (j < length && isSpace(text.charCodeAt(j))) j++;
      let k = j;
      while (k < length && isBase64Char(text.charCodeAt(k))) k++;
      if (k === j || (k < length && !isSpace(text.charCodeAt(k)))) break; // not a whole base64 line
      end = k;
      j = k;
    }
    blocks.push(text.slice(i, end));
    i = end;
  }
  return blocks;
}

/** 1 for each character code of the base64 alphabet (A-Z a-z 0-9 + / =). */
const BASE64_CODES = (() => {
  const table = new Uint8Array(128);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=') table[c.charCodeAt(0)] = 1;
  return table;
})();

function isBase64Char(code: number): boolean {
  return code < 128 && BASE64_CODES[code] === 1;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The bodies of the private-key PEM blocks in `text`, in one pass (an END-less block runs to the end). */
function pemKeyBodies(text: string): string[] {
  const bodies: string[] = [];
  PEM_KEY_BEGIN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = PEM_KEY_BEGIN.exec(text)) !== null) {
    const start = match.index + match[0].length;
    const end = text.indexOf('-----END', start);
    bodies.push(text.slice(start, end < 0 ? text.length : end).replace(/^[A-Za-z-]+:.*$/gm, ''));
    if (end < 0) break;
    PEM_KEY_BEGIN.lastIndex = end;
  }
  return bodies;
}

// Every values file and Secret of a workspace holds the base64 of the same CA, and every document
// with a finding is searched for keys: a block found to hold no key (a certificate) is not decoded
// again. Only those answers are kept, so the memo never holds key material.
const keyBlockMemo = new TextMemo<string | null>(512, 16 * 1024);
const decodeKeyBlock = (block: string): string | null => decodesToKey(block, 2);

/** The decoded text when a base64 block holds key material (PEM text, or DER), else null. */
function decodesToKey(block: string, depth: number): string | null {
  // Node's base64 decoder passes over white space itself; the bytes are searched and tested as
  // bytes, and made text only when they hold a key or more base64 (most blocks are certificates).
  const bytes = Buffer.from(block, 'base64');
  if (bytes.length === 0) return null;
  if (bytes.includes('PRIVATE KEY-----', 0, 'latin1')) return bytes.toString('latin1');
  if (bytes[0] === 0x30 && bytes.length <= MAX_DER_KEY_BLOCK && isDerPrivateKey(bytes)) return '';
  if (depth > 1 && bytes.length >= 40 && isBase64Text(bytes)) return decodesToKey(bytes.toString('latin1'), depth - 1);
  return null;
}

/** Every byte a base64 character or white space (what /^[A-Za-z0-9+/=\s]+$/ accepts of latin1 text). */
function isBase64Text(bytes: Buffer): boolean {
  for (const byte of bytes) if (!isBase64Char(byte) && !isWhiteSpace(byte)) return false;
  return true;
}

function isDerPrivateKey(der: Buffer): boolean {
  // PKCS#8, PKCS#1 and SEC 1 keys all open with SEQUENCE { INTEGER version (0 or 1) … }, while a
  // certificate or CRL opens with SEQUENCE { SEQUENCE … }: one look at the DER skips the parse
  // attempts (and their exceptions) for every certificate a manifest holds.
  if (!startsWithSmallInteger(der)) return false;
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return true;
    } catch {
      // not this encoding
    }
  }
  return false;
}

/** Several values from a document (SANs, names), each through `echo`, at most `max` of them. */
export function echoList(values: readonly string[], separator = ', ', max = 8): string {
  const shownValues = values.slice(0, max).map((v) => echo(v));
  return values.length > max ? `${shownValues.join(separator)}${separator}… ${values.length - max} more` : shownValues.join(separator);
}

/** A certificate's distinguished name (as X509Certificate prints it) on one line, through `echo`. */
export function echoSubject(subject: string): string {
  return echo(subject.replace(/\n/g, ', '), undefined, 160);
}

/** Whether DER is a SEQUENCE whose first element is INTEGER 0 or 1 (a private key's version). */
function startsWithSmallInteger(der: Buffer): boolean {
  if (der.length < 5 || der[0] !== 0x30) return false;
  const lengthByte = der[1];
  const header = lengthByte < 0x80 ? 2 : 2 + (lengthByte & 0x7f);
  return der[header] === 0x02 && der[header + 1] === 0x01 && der[header + 2] <= 1;
}
