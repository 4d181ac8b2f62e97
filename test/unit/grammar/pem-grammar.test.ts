import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, IGrammar, Registry, StateStack, parseRawGrammar } from 'vscode-textmate';
import { generateTlsCertificate } from '../../../src/pki/generate';

const repoRoot = path.resolve(__dirname, '../../../..');
const grammarPath = path.join(repoRoot, 'syntaxes/pem.tmLanguage.json');

interface Token {
  text: string;
  scopes: string[];
}

let grammar: IGrammar;
let certPem: string;
let keyPem: string;

before(async () => {
  const wasm = readFileSync(path.join(repoRoot, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => oniguruma.createOnigScanner(patterns),
      createOnigString: (text) => oniguruma.createOnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.pem' ? parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const loaded = await registry.loadGrammar('source.pem');
  assert.ok(loaded, 'grammar loads');
  grammar = loaded;
  ({ certPem, keyPem } = await generateTlsCertificate({ type: 'server', hostnames: ['kuma-control-plane.kuma-system'], keyType: 'ecdsa' }));
});

function tokenize(text: string): Token[][] {
  let state: StateStack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The innermost scopes of the token holding `text` on a line (the first such token). */
function scopesOf(line: Token[], text: string): string[] {
  const token = line.find((t) => t.text === text);
  assert.ok(token, `a token ${JSON.stringify(text)} in ${JSON.stringify(line.map((t) => t.text))}`);
  return token.scopes;
}

test('certificate markers: dashes, BEGIN/END keywords and the label are scoped', () => {
  const lines = tokenize(certPem.trimEnd());
  const first = lines[0];
  assert.deepEqual(first.map((t) => t.text), ['-----', 'BEGIN', ' ', 'CERTIFICATE', '-----']);
  assert.ok(scopesOf(first, 'BEGIN').includes('keyword.control.begin.pem'));
  assert.ok(scopesOf(first, 'CERTIFICATE').includes('entity.name.type.pem'));
  assert.ok(scopesOf(first, '-----').includes('punctuation.definition.marker.pem'));
  assert.ok(scopesOf(first, 'CERTIFICATE').includes('meta.marker.begin.pem'));
  const last = lines[lines.length - 1];
  assert.ok(scopesOf(last, 'END').includes('keyword.control.end.pem'));
  assert.ok(scopesOf(last, 'CERTIFICATE').includes('entity.name.type.pem'));
  assert.ok(!last.some((t) => t.scopes.some((s) => s.startsWith('invalid'))));
});

test('base64 body lines are one constant token inside the block', () => {
  const lines = tokenize(certPem.trimEnd());
  const body = lines.slice(1, -1);
  assert.ok(body.length > 3);
  for (const line of body) {
    assert.equal(line.length, 1);
    assert.deepEqual(line[0].scopes, ['source.pem', 'meta.block.pem', 'constant.other.base64.pem']);
  }
});

test('private key blocks from Node (PKCS#8, SEC 1, PKCS#1) carry their label', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const samples: [string, string][] = [
    [ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'PRIVATE KEY'],
    [ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string, 'EC PRIVATE KEY'],
    [ec.publicKey.export({ type: 'spki', format: 'pem' }) as string, 'PUBLIC KEY'],
    [keyPem, 'EC PRIVATE KEY'],
  ];
  for (const [pem, label] of samples) {
    const lines = tokenize(pem.trimEnd());
    assert.ok(scopesOf(lines[0], label).includes('entity.name.type.pem'), label);
    assert.ok(scopesOf(lines[lines.length - 1], label).includes('entity.name.type.pem'), label);
    assert.ok(lines[1][0].scopes.includes('constant.other.base64.pem'), label);
  }
});

test('encapsulated headers get key and value scopes', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const body = (ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string).split('\n').slice(1, -2);
  const text = [
    '-----BEGIN EC PRIVATE KEY-----',
    'Proc-Type: 4,ENCRYPTED',
    'DEK-Info: AES-256-CBC,0123456789ABCDEF0123456789ABCDEF',
    '',
    ...body,
    '-----END EC PRIVATE KEY-----',
  ].join('\n');
  const lines = tokenize(text);
  assert.ok(scopesOf(lines[1], 'Proc-Type').includes('variable.other.header-name.pem'));
  assert.ok(scopesOf(lines[1], ':').includes('punctuation.separator.key-value.pem'));
  assert.ok(scopesOf(lines[1], '4,ENCRYPTED').includes('string.unquoted.header-value.pem'));
  assert.ok(scopesOf(lines[2], 'DEK-Info').includes('variable.other.header-name.pem'));
  assert.ok(scopesOf(lines[2], 'AES-256-CBC,0123456789ABCDEF0123456789ABCDEF').includes('meta.header.pem'));
  assert.ok(lines[4][0].scopes.includes('constant.other.base64.pem'));
});

test('characters that are not base64 inside a body are invalid', () => {
  const lines = tokenize('-----BEGIN CERTIFICATE-----\nMIIB*Cg AA\u00e9==\n-----END CERTIFICATE-----');
  assert.deepEqual(lines[1].map((t) => t.text), ['MIIB', '*', 'Cg', ' ', 'AA', '\u00e9', '==']);
  assert.ok(scopesOf(lines[1], '*').includes('invalid.illegal.character.pem'));
  assert.ok(scopesOf(lines[1], '\u00e9').includes('invalid.illegal.character.pem'));
  assert.ok(scopesOf(lines[1], 'Cg').includes('constant.other.base64.pem'));
});

test('text outside blocks is a comment, between and around blocks', () => {
  const text = ['Bag Attributes', '    friendlyName: kuma', certPem.trimEnd(), 'subject=', '', certPem.trimEnd()].join('\n');
  const lines = tokenize(text);
  assert.deepEqual(scopesOf(lines[0], 'Bag Attributes'), ['source.pem', 'comment.line.explanatory-text.pem']);
  assert.ok(scopesOf(lines[1], 'friendlyName: kuma').includes('comment.line.explanatory-text.pem'));
  const between = lines.find((l) => l.some((t) => t.text === 'subject='));
  assert.ok(between);
  assert.deepEqual(scopesOf(between, 'subject='), ['source.pem', 'comment.line.explanatory-text.pem']);
  const secondBegin = lines.filter((l) => l.some((t) => t.text === 'BEGIN'));
  assert.equal(secondBegin.length, 2);
});

test('an END with another label is invalid but closes the block; a stray END is invalid', () => {
  const lines = tokenize('-----BEGIN CERTIFICATE-----\nMIIB\n-----END PRIVATE KEY-----\nafter\n-----END CERTIFICATE-----');
  assert.ok(scopesOf(lines[2], 'PRIVATE KEY').includes('invalid.illegal.mismatched-label.pem'));
  assert.deepEqual(scopesOf(lines[3], 'after'), ['source.pem', 'comment.line.explanatory-text.pem']);
  assert.ok(scopesOf(lines[4], '-----END CERTIFICATE-----').includes('invalid.illegal.unmatched-end.pem'));
});

test('a BEGIN inside an open block is marked as the start of an unterminated block', () => {
  const lines = tokenize('-----BEGIN CERTIFICATE-----\nMIIB\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');
  assert.ok(scopesOf(lines[2], '-----BEGIN CERTIFICATE-----').includes('invalid.illegal.unterminated-block.pem'));
  assert.ok(scopesOf(lines[4], 'END').includes('keyword.control.end.pem'));
});

test('CRLF line endings and indented markers still tokenise as blocks', () => {
  const lines = tokenize('  -----BEGIN CERTIFICATE-----\r\n  MIIB\r\n  -----END CERTIFICATE-----\r');
  assert.ok(scopesOf(lines[0], 'CERTIFICATE').includes('entity.name.type.pem'));
  assert.ok(scopesOf(lines[1], 'MIIB').includes('constant.other.base64.pem'));
  assert.ok(scopesOf(lines[2], 'END').includes('keyword.control.end.pem'));
});

test('the language configuration folds per block and auto-closes nothing', () => {
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'syntaxes/pem.language-configuration.json'), 'utf8'));
  assert.deepEqual(config.autoClosingPairs, []);
  assert.deepEqual(config.brackets, []);
  const start = new RegExp(config.folding.markers.start);
  const end = new RegExp(config.folding.markers.end);
  const lines = certPem.trimEnd().split('\n');
  assert.deepEqual(lines.map((l) => start.test(l)).indexOf(true), 0);
  assert.deepEqual(lines.map((l) => end.test(l)).lastIndexOf(true), lines.length - 1);
  assert.equal(lines.filter((l) => start.test(l) || end.test(l)).length, 2);
});
