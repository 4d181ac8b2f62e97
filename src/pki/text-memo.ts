// Pure functions of a text that a workspace repeats (one CA in every values file, every Secret and
// every pki folder), worked out once per distinct text instead of once per file that holds it.
// Like certs.ts's caches it is bounded (cleared when full) and keyed by content, so it never goes
// stale; unlike them it keys by the text itself, so a text that holds a private key is never kept:
// key material must not outlive the document it came from.

/** Marks every PEM private key label (PRIVATE KEY, RSA/EC/ENCRYPTED PRIVATE KEY). */
const PRIVATE_KEY = 'PRIVATE KEY';
/** A BEGIN line whose label names a key of any spelling ("PRIVATEKEY", "OPENSSH PRIVATE KEY", a public key too). */
const KEY_BLOCK = /-----BEGIN [^\n]*KEY/;

export class TextMemo<T> {
  private readonly entries = new Map<string, T>();

  /**
   * @param limit distinct texts kept before the memo starts over
   * @param maxLength longer texts are worked out every time (a manifest's own text is not repeated)
   */
  constructor(
    private readonly limit: number,
    private readonly maxLength: number,
  ) {}

  /**
   * `compute(text)`, remembered for `text` unless the text (or, with `keyIn`, what it stands for,
   * such as the PEM a base64 value decodes to) holds a private key.
   */
  get(text: string, compute: (text: string) => T, keyIn: (text: string, value: T) => boolean = holdsPrivateKey): T {
    const known = this.entries.get(text);
    if (known !== undefined) return known;
    const value = compute(text);
    if (text.length <= this.maxLength && !keyIn(text, value)) {
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(text, value);
    }
    return value;
  }
}

/**
 * Whether a text may hold key material, as far as the memos go: a private key's label, or any PEM
 * block whose label names a key, even one mangled so that Go would not load it (its body is still
 * the key's bytes).
 */
export function holdsPrivateKey(text: string | null): boolean {
  return text !== null && (text.includes(PRIVATE_KEY) || KEY_BLOCK.test(text));
}
