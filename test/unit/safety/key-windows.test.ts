// The findings guard looks a message's 16-character windows up in the document's key material by
// a rolling hash (src/pki/redact.ts, KeyWindows). Hashes collide; these tests pin that the answer
// is still exactly "the window occurs in the material", the rule the guard had as a Set of strings.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { DocumentKeyMaterial, forEachWindowHash, KEY_WINDOW, WITHHELD } from '../../../src/pki/redact';
import { seededRandom } from '../../fuzz/prng';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const isBase64Window = (window: string): boolean => /^[A-Za-z0-9+/=]+$/.test(window);

/** The guard's rule written plainly: every base64 window of every compact key stretch, as strings. */
function referenceRedact(materials: readonly string[], message: string): string {
  const windows = new Set<string>();
  for (const m of materials) for (let i = 0; i + KEY_WINDOW <= m.length; i++) if (isBase64Window(m.slice(i, i + KEY_WINDOW))) windows.add(m.slice(i, i + KEY_WINDOW));
  const compact: number[] = [];
  for (let i = 0; i < message.length; i++) if (!/\s/.test(message[i])) compact.push(i);
  const squeezed = compact.map((i) => message[i]).join('');
  const covered = new Uint8Array(message.length);
  for (let i = 0; i + KEY_WINDOW <= squeezed.length; i++) {
    if (!windows.has(squeezed.slice(i, i + KEY_WINDOW))) continue;
    for (let j = compact[i]; j <= compact[i + KEY_WINDOW - 1]; j++) covered[j] = 1;
  }
  let out = '';
  for (let i = 0; i < message.length; i++) {
    if (!covered[i]) out += message[i];
    else if (i === 0 || !covered[i - 1]) out += WITHHELD;
  }
  return out;
}

const pemKey = (body: string): string => `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;

function hashOf(window: string): number {
  let hash = -1;
  forEachWindowHash(window, (_, h) => (hash = h));
  return hash;
}

/** Two different base64 windows with the same hash, found by a seeded birthday search. */
function collidingWindows(): [string, string] {
  const random = seededRandom(7);
  const byHash = new Map<number, string>();
  for (;;) {
    let w = '';
    for (let i = 0; i < KEY_WINDOW; i++) w += BASE64[random.int(64)];
    const h = hashOf(w);
    const other = byHash.get(h);
    if (other !== undefined && other !== w) return [other, w];
    byHash.set(h, w);
  }
}

test('windows whose hashes collide: only the one in the material is withheld, and a material holding both withholds both', () => {
  const [a, b] = collidingWindows();
  assert.equal(hashOf(a), hashOf(b));
  const onlyA = new DocumentKeyMaterial(pemKey(a));
  assert.equal(onlyA.redact(`value ${a} here`), `value ${WITHHELD} here`);
  assert.equal(onlyA.redact(`value ${b} here`), `value ${b} here`);
  const both = new DocumentKeyMaterial(pemKey(`${a}\n${b}`));
  assert.equal(both.redact(`first ${b}`), `first ${WITHHELD}`);
  assert.equal(both.redact(`second ${a}`), `second ${WITHHELD}`);
});

test('random messages made of key pieces, white space and other text redact exactly as the plain set of windows does', () => {
  const random = seededRandom(12);
  const keyBodies = Array.from({ length: 4 }, (_, i) => {
    const key = i % 2 === 0 ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey : generateKeyPairSync('ed25519').privateKey;
    return (key.export({ format: 'pem', type: 'pkcs8' }) as string).split('\n').filter((l) => l !== '' && !l.startsWith('-----')).join('');
  });
  for (let round = 0; round < 300; round++) {
    const inDocument = keyBodies.filter(() => random.next() < 0.6);
    const document = `kind: Secret\n${inDocument.map((body, i) => `k${i}: |\n  ${pemKey(body).replace(/\n/g, '\n  ')}`).join('\n')}`;
    let message = 'The value ';
    for (let piece = 0; piece < 6; piece++) {
      const body = random.pick(keyBodies);
      const start = random.int(body.length);
      const slice = body.slice(start, start + 4 + random.int(40));
      // White space inside a piece: the guard matches across it, as the plain rule does.
      const cut = random.int(slice.length + 1);
      message += random.next() < 0.5 ? `${slice.slice(0, cut)} \n${slice.slice(cut)}` : slice;
      message += random.pick([' and ', '', ', ', 'camelCaseName', '\t']);
    }
    const expected = referenceRedact(inDocument, message);
    assert.equal(new DocumentKeyMaterial(document).redact(message), expected, `round ${round}`);
    for (const side of ['material', 'messages'] as const) assert.deepEqual(new DocumentKeyMaterial(document).redactAll([message, 'no key here'], side), [expected, 'no key here'], `round ${round}, ${side} indexed`);
  }
});

test('with the messages indexed and the material streamed, colliding hashes still withhold only what the material holds', () => {
  const [a, b] = collidingWindows();
  const onlyA = new DocumentKeyMaterial(pemKey(a));
  assert.deepEqual(onlyA.redactAll([`value ${a} here`, `value ${b} here`, `both ${b} ${a}`], 'messages'), [`value ${WITHHELD} here`, `value ${b} here`, `both ${b} ${WITHHELD}`]);
  const both = new DocumentKeyMaterial(pemKey(`${a}\n${b}`));
  assert.deepEqual(both.redactAll([`first ${b}`, `second ${a}`], 'messages'), [`first ${WITHHELD}`, `second ${WITHHELD}`]);
});

test('many messages against many keys: either side indexed gives the answer of the plain rule for every message', () => {
  const random = seededRandom(31);
  const bodies = Array.from({ length: 12 }, () => (generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string).split('\n').filter((l) => l !== '' && !l.startsWith('-----')).join(''));
  const inDocument = bodies.slice(0, 8);
  const document = inDocument.map((body, i) => `k${i}: |\n  ${pemKey(body).replace(/\n/g, '\n  ')}`).join('\n');
  // The same fragment in several messages, fragments of keys the document does not hold, plain text.
  const shared = bodies[2].slice(10, 40);
  const messages = Array.from({ length: 40 }, (_, i) => {
    const body = random.pick(bodies);
    const start = random.int(body.length - 30);
    return `Message ${i}: ${body.slice(start, start + 16 + random.int(30))} then ${i % 5 === 0 ? shared : 'LongCamelCaseIdentifierWithoutKeys'}`;
  });
  const expected = messages.map((m) => referenceRedact(inDocument, m));
  assert.ok(expected.some((m, i) => m !== messages[i]) && expected.some((m, i) => m === messages[i]), 'some messages are redacted and some are not');
  assert.deepEqual(new DocumentKeyMaterial(document).redactAll(messages, 'messages'), expected);
  assert.deepEqual(new DocumentKeyMaterial(document).redactAll(messages, 'material'), expected);
  assert.deepEqual(new DocumentKeyMaterial(document).redactAll(messages), expected);
});

test('texts and material of one repeated character: every window found, in both directions', () => {
  // All windows share one hash chain; found windows leave it, so this also stays fast (bench, not asserted).
  const material = 'A'.repeat(5000);
  const document = pemKey(material);
  const messages = Array.from({ length: 20 }, (_, i) => `Message ${i}: ${'A'.repeat(20 + i * 7)} and ${'A'.repeat(15)} end`);
  const expected = messages.map((m) => referenceRedact([material], m));
  assert.ok(expected.every((m) => m.includes(WITHHELD) && m.includes(`and ${'A'.repeat(15)} end`)), 'runs of 16 or more are withheld, a run of 15 is not');
  assert.deepEqual(new DocumentKeyMaterial(document).redactAll(messages, 'messages'), expected);
  assert.deepEqual(new DocumentKeyMaterial(document).redactAll(messages, 'material'), expected);
});

test('an END-less key block: the key in a message is withheld, the names after it in the document are not, as the plain rule of base64 windows says', () => {
  const random = seededRandom(41);
  const body = (generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string).split('\n').filter((l) => l !== '' && !l.startsWith('-----')).join('\n');
  // The key's END line is lost, so its "body" runs to the end of the text, names and all.
  // (Indented: a line that starts with a word and a colon reads as a PEM header and leaves the body.)
  const rest = '  labels:\n    name: general-tls-certs-with-a-long-name\n    namespace: kuma-system-and-more\n  type: kubernetes.io/tls\n';
  const document = `kind: Secret\ndata:\n  tls.key: |\n    -----BEGIN PRIVATE KEY-----\n    ${body.replace(/\n/g, '\n    ')}\n${rest}`;
  const material = `${body}${rest}`.replace(/\s+/g, '');
  const named = 'Secret general-tls-certs-with-a-long-name in kuma-system-and-more';
  assert.equal(new DocumentKeyMaterial(document).redact(named), named, 'a name after the key, with a hyphen every few characters, is not key material');
  const keyPiece = body.replace(/\n/g, '').slice(20, 60);
  assert.equal(new DocumentKeyMaterial(document).redact(`value ${keyPiece} end`), `value ${WITHHELD} end`);
  for (let round = 0; round < 100; round++) {
    let message = 'From the document: ';
    for (let piece = 0; piece < 4; piece++) {
      const start = random.int(material.length);
      message += `${material.slice(start, start + 8 + random.int(40))}${random.pick([' ', '-', ': ', ''])}`;
    }
    const expected = referenceRedact([material], message);
    for (const side of ['material', 'messages'] as const) assert.equal(new DocumentKeyMaterial(document).redactAll([message], side)[0], expected, `round ${round}, ${side} indexed`);
  }
});
