// The one way values reach a generated file's text: YAML through the yaml library's document
// model, shell words through shellQuote, Helm --set values through helmSetValue. Whatever a value
// holds (quotes, `$()`, newlines, `#`, `: `, `{{`), it stays one scalar or one word.
import { Document } from 'yaml';

/**
 * A YAML document for `value`, with `comment` above it. lineWidth 0: the yaml library never folds
 * a scalar, so a base64 caBundle stays on one line (a wrapped one breaks the chart, reference §2.4).
 */
export function yamlText(value: unknown, comment?: string): string {
  const document = new Document(value);
  if (comment !== undefined) {
    document.commentBefore = comment
      .split('\n')
      .map((line) => ` ${line}`)
      .join('\n');
  }
  return document.toString({ lineWidth: 0 });
}

/** Characters that mean nothing to a POSIX shell in an argument; a word of only these needs no quotes. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** `value` as one shell word: bare when harmless, else single-quoted with `'\''` for each quote. */
export function shellQuote(value: string): string {
  if (PLAIN_WORD.test(value)) {
    return value;
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Comment lines for a shell script; every line of `text` gets its own `#`, so none becomes code. */
export function shellComment(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((line) => `# ${line}`);
}

/**
 * A value for `--set key=value` (Helm's strvals, which kumactl uses too): a backslash escapes the
 * next character, so escaping `,` (next assignment), `{`/`[` (lists) and `\` keeps it one value.
 */
export function helmSetValue(value: string): string {
  return value.replace(/[\\,{}[\]]/g, (character) => `\\${character}`);
}
