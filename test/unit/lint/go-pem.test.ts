// Our PEM reading agrees with Go's encoding/pem.Decode, which Kuma and Kubernetes load PEM with.
// Each row is a case measured with go1.19 (the table in src/lint/model/pem.ts): `go` says whether
// Go finds the block. Where Go finds none, a slot Kuma loads gets pem-malformed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPemBlocks } from '../../../src/lint/model/pem';
import { Finding } from '../../../src/lint/types';
import { LintWorkspace, lintText } from '../../../src/lint/workspace';
import { indentBlock, lineOf, makeCert, only, SINGLE_FILE } from './fixtures';

const { certPem: cert, keyPem: key } = makeCert();
const [begin, ...rest] = cert.trimEnd().split('\n');
const end = rest.pop()!;
const body = rest;
const lf = (lines: string[]) => `${lines.join('\n')}\n`;

const CASES: Array<{ name: string; text: string; go: boolean }> = [
  { name: 'plain, LF', text: cert, go: true },
  { name: 'CRLF line ends', text: cert.replace(/\n/g, '\r\n'), go: true },
  { name: 'lone CR line ends', text: cert.replace(/\n/g, '\r'), go: false },
  { name: 'BEGIN line indented by spaces', text: lf([`  ${begin}`, ...body, end]), go: false },
  { name: 'BEGIN line indented by a tab', text: lf([`\t${begin}`, ...body, end]), go: false },
  { name: 'text before BEGIN on its line', text: lf([`xx${begin}`, ...body, end]), go: false },
  { name: 'a preamble on earlier lines', text: lf(['subject=CN=x', begin, ...body, end]), go: true },
  { name: 'END line indented', text: lf([begin, ...body, `  ${end}`]), go: false },
  { name: 'body lines indented', text: lf([begin, ...body.map((l) => `  ${l}`), end]), go: true },
  { name: 'every line indented (copied out of YAML)', text: lf([begin, ...body, end].map((l) => `    ${l}`)), go: false },
  { name: 'trailing blanks after the BEGIN dashes', text: lf([`${begin}  \t`, ...body, end]), go: true },
  { name: 'trailing blanks after the END dashes', text: lf([begin, ...body, `${end}   `]), go: true },
  { name: 'text after the END dashes', text: lf([begin, ...body, `${end}xyz`]), go: false },
  { name: 'body on the BEGIN line', text: lf([`${begin}${body[0]}`, ...body.slice(1), end]), go: false },
  { name: 'blank line inside the body', text: lf([begin, body[0], '', ...body.slice(1), end]), go: true },
  { name: 'no line break after END', text: [begin, ...body, end].join('\n'), go: true },
];

/** tls.crt beside its tls.key, as kumactl and kuma-tls generate lay them out: material Kuma loads. */
function lintInKumaLayout(certText: string): Finding[] {
  const workspace = new LintWorkspace(SINGLE_FILE);
  workspace.setDocument('/w/tls.crt', certText);
  workspace.setDocument('/w/tls.key', key);
  return workspace.lint('/w/tls.crt');
}

for (const c of CASES) {
  test(`Go PEM agreement: ${c.name} -> ${c.go ? 'a block' : 'no block'}`, () => {
    const [block] = findPemBlocks(c.text);
    assert.ok(block, 'the block is still found, so its other problems can be reported');
    assert.equal(block.goRejects === null, c.go, `goRejects = ${block.goRejects}`);
    const malformed = only(lintInKumaLayout(c.text), 'pem-malformed');
    assert.equal(malformed.length, c.go ? 0 : 1, malformed.map((f) => f.message).join('\n'));
    if (!c.go) {
      assert.match(malformed[0].message, /Go's PEM decoder/);
      assert.equal(malformed[0].severity, 'error');
    }
  });
}

test('an indented certificate in a Secret stringData block is fine (YAML removes the indentation)', () => {
  const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  ca.crt: |\n${indentBlock(cert, '    ')}\n`;
  assert.deepEqual(only(lintText('/w/s.yaml', text, SINGLE_FILE), 'pem-malformed'), []);
});

test('an indented END inside a literal block is reported on the block', () => {
  const indented = lf([begin, ...body, `  ${end}`]);
  const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  ca.crt: |\n${indentBlock(indented, '    ')}\n`;
  const [finding] = only(lintText('/w/s.yaml', text, SINGLE_FILE), 'pem-malformed');
  assert.ok(finding);
  assert.match(finding.message, /END" line is indented/);
  assert.deepEqual(finding.range.start, { line: lineOf(text, '-----BEGIN'), character: 4 });
  assert.equal(finding.range.end.line, lineOf(text, '-----END'));
});

test('KUMA_CONTROL_PLANE_CA_CERT with an indented PEM is reported (kuma-dp parses it with Go)', () => {
  const text = `KUMA_CONTROL_PLANE_CA_CERT="${lf([begin, ...body, `  ${end}`]).trimEnd()}"\n`;
  const [finding] = only(lintText('/w/kuma-dp.env', text, SINGLE_FILE), 'pem-malformed');
  assert.ok(finding);
  assert.match(finding.message, /END" line is indented/);
});
