// Expands VS Code snippet syntax to the text a user gets by pressing Tab through every stop
// without typing: placeholders become their default, choices their first option.
// Variables ($NAME / ${NAME}) are rejected: our snippets use none, so one would be an unescaped `$`.

export interface RenderedSnippet {
  text: string;
  /** Default of each tab stop, to check that mirrored stops agree. */
  defaults: Map<number, string[]>;
}

export function renderSnippet(body: string): RenderedSnippet {
  const defaults = new Map<number, string[]>();
  const record = (stop: number, value: string) => {
    const seen = defaults.get(stop) ?? [];
    seen.push(value);
    defaults.set(stop, seen);
  };
  let pos = 0;

  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${pos} of ${JSON.stringify(body)}`);
  };

  const readNumber = (): number => {
    const start = pos;
    while (pos < body.length && body[pos] >= '0' && body[pos] <= '9') pos++;
    return Number(body.slice(start, pos));
  };

  const readChoice = (): string[] => {
    const options: string[] = [];
    let current = '';
    for (;;) {
      if (pos >= body.length) fail('unterminated choice');
      const ch = body[pos];
      if (ch === '\\' && pos + 1 < body.length && ',|\\$}'.includes(body[pos + 1])) {
        current += body[pos + 1];
        pos += 2;
      } else if (ch === ',') {
        options.push(current);
        current = '';
        pos++;
      } else if (ch === '|' && body[pos + 1] === '}') {
        options.push(current);
        pos += 2;
        return options;
      } else {
        current += ch;
        pos++;
      }
    }
  };

  const readText = (insidePlaceholder: boolean): string => {
    let out = '';
    while (pos < body.length) {
      const ch = body[pos];
      if (ch === '\\' && pos + 1 < body.length && '$}\\'.includes(body[pos + 1])) {
        out += body[pos + 1];
        pos += 2;
      } else if (ch === '}' && insidePlaceholder) {
        pos++;
        return out;
      } else if (ch === '$' && /[0-9]/.test(body[pos + 1] ?? '')) {
        pos++;
        readNumber();
      } else if (ch === '$' && body[pos + 1] === '{') {
        pos += 2;
        if (!/[0-9]/.test(body[pos] ?? '')) fail('snippet variable (unescaped ${)');
        const stop = readNumber();
        const kind = body[pos];
        if (kind === '}') {
          pos++;
        } else if (kind === ':') {
          pos++;
          const value = readText(true);
          record(stop, value);
          out += value;
        } else if (kind === '|') {
          pos++;
          const [first] = readChoice();
          record(stop, first);
          out += first;
        } else {
          fail('malformed tab stop');
        }
      } else if (ch === '$' && /[A-Za-z_]/.test(body[pos + 1] ?? '')) {
        fail('snippet variable (unescaped $)');
      } else {
        out += ch;
        pos++;
      }
    }
    if (insidePlaceholder) fail('unterminated placeholder');
    return out;
  };

  const text = readText(false);
  return { text, defaults };
}
