// The material rules on shell and Markdown command lines: `--set …caBundle=`, kumactl's
// `--tls-general-ca-bundle`, and `kubectl create secret … --from-literal=KEY=V`, with ranges on
// the command line; shell substitutions are left alone except the `$(… base64 …)` wrapping trap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../../src/lint/workspace';
import { Finding } from '../../../src/lint/types';
import { applyFix, b64, caAndLeaf, only, SINGLE_FILE } from './fixtures';

const { ca, leaf } = caAndLeaf();
const opts = SINGLE_FILE;
const material = (findings: Finding[]) => findings.filter((f) => /^(pem-|encoding-|key-|cert-)/.test(f.rule));

/** The text at a finding's range in a one-line text. */
function at(text: string, f: Finding): string {
  assert.equal(f.range.start.line, f.range.end.line);
  return text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character);
}

test('a private key in --set controlPlane.tls.general.caBundle is pem-wrong-type, on the value', () => {
  const value = b64(leaf.keyPem);
  const text = `helm install kuma kuma/kuma -n kuma-system --set controlPlane.tls.general.secretName=general-tls --set controlPlane.tls.general.caBundle=${value}\n`;
  const [finding] = only(lintText('/w/install.sh', text, opts), 'pem-wrong-type');
  assert.ok(finding, 'reported');
  assert.equal(at(text, finding), value);
  assert.match(finding.message, /private key/);
  assert.doesNotMatch(finding.message, /BEGIN EC|MHc/);
});

test('a good one-line caBundle on a command line has no material findings', () => {
  const text = `kumactl install control-plane --tls-general-secret=general-tls --tls-general-ca-bundle=${b64(ca.certPem)} | kubectl apply -f -\n`;
  assert.deepEqual(material(lintText('/w/install.sh', text, opts)), []);
});

test('a line-wrapped caBundle on a command line: encoding-mismatch, the fix joins it', () => {
  const wrapped = (b64(ca.certPem).match(/.{1,76}/g) ?? []).join('\n');
  const text = `helm upgrade kuma kuma/kuma --set controlPlane.tls.general.secretName=general-tls --set "controlPlane.tls.general.caBundle=${wrapped}"\n`;
  const [finding] = only(lintText('/w/install.sh', text, opts), 'encoding-mismatch');
  assert.ok(finding);
  assert.match(finding.message, /one line/);
  assert.deepEqual(finding.range.start, { line: 0, character: text.indexOf('LS0t') });
  assert.equal(finding.range.end.line, wrapped.split('\n').length - 1);
  assert.deepEqual(material(lintText('/w/install.sh', applyFix(text, finding.fixes[0]), opts)), []);
});

test('a double-encoded --tls-general-ca-bundle in a Markdown fence: encoding-mismatch with a decode-once fix', () => {
  const value = b64(b64(ca.certPem));
  const text = `# Install\n\n\`\`\`sh\nkumactl install control-plane \\\n  --tls-general-secret=general-tls \\\n  --tls-general-ca-bundle=${value}\n\`\`\`\n`;
  const [finding] = only(lintText('/w/README.md', text, opts), 'encoding-mismatch');
  assert.ok(finding);
  assert.match(finding.message, /twice/);
  assert.equal(finding.range.start.line, 5);
  assert.equal(at(text, finding), value);
  assert.ok(applyFix(text, finding.fixes[0]).includes(`--tls-general-ca-bundle=${b64(ca.certPem)}\n`));
});

test('--from-literal: a private key in ca.crt is pem-wrong-type; base64 where kubectl wants the PEM is encoding-mismatch', () => {
  const text = `kubectl create secret generic general-tls -n kuma-system --from-literal=ca.crt="${leaf.keyPem.trimEnd()}" --from-literal=tls.crt=${b64(leaf.certPem)}\n`;
  const findings = lintText('/w/secrets.sh', text, opts);
  const [wrongType] = only(findings, 'pem-wrong-type');
  assert.ok(wrongType);
  assert.equal(wrongType.range.start.line, 0);
  assert.equal(wrongType.range.start.character, text.indexOf('-----BEGIN'));
  assert.equal(wrongType.range.end.line, leaf.keyPem.trimEnd().split('\n').length - 1);
  const [encoding] = only(findings, 'encoding-mismatch');
  assert.ok(encoding);
  assert.match(encoding.message, /tls\.crt of kubectl create secret general-tls/);
  assert.deepEqual(encoding.fixes.filter((f) => !f.title.startsWith('Disable')), [], 'no multi-line PEM is pasted into a command line');
});

test('--from-literal with raw PEM certificate and key that belong together is clean', () => {
  const text = `kubectl create secret generic general-tls --from-literal=tls.crt='${leaf.certPem}' --from-literal=tls.key='${leaf.keyPem}' --from-literal=ca.crt='${ca.certPem}'\n`;
  assert.deepEqual(material(lintText('/w/secrets.sh', text, opts)), []);
});

test('substitutions, variables and placeholders are left alone', () => {
  for (const value of ['"$(cat ca.b64)"', '${CA_BUNDLE}', '$CA_BUNDLE', '`cat ca.b64`', '<your-ca-bundle>', "'{{ .caBundle }}'"]) {
    const text = `helm install kuma kuma/kuma --set controlPlane.tls.general.secretName=general-tls --set controlPlane.tls.general.caBundle=${value}\n`;
    assert.deepEqual(material(lintText('/w/install.sh', text, opts)), [], value);
  }
  const literal = 'kubectl create secret generic general-tls --from-literal=ca.crt="$(cat ca.crt)" --from-literal=tls.key=$KEY\n';
  assert.deepEqual(material(lintText('/w/secrets.sh', literal, opts)), []);
});

test('the $(… base64 …) trap: without -w0 the caBundle wraps; the fix adds -w0', () => {
  const text = 'helm install kuma kuma/kuma --set controlPlane.tls.general.secretName=general-tls --set controlPlane.tls.general.caBundle="$(cat ca.crt | base64)"\n';
  const [finding] = only(lintText('/w/install.sh', text, opts), 'encoding-mismatch');
  assert.ok(finding);
  assert.equal(at(text, finding), '$(cat ca.crt | base64)');
  assert.match(finding.message, /-w0/);
  const fixed = applyFix(text, finding.fixes[0]);
  assert.ok(fixed.includes('"$(cat ca.crt | base64 -w0)"'), fixed);
  assert.deepEqual(only(lintText('/w/install.sh', fixed, opts), 'encoding-mismatch'), []);
  for (const ok of ['$(base64 -w0 < ca.crt)', '$(base64 -w 0 ca.crt)', "$(base64 ca.crt | tr -d '\\n')", '$(base64 --wrap=0 ca.crt)']) {
    const line = `kumactl install control-plane --tls-general-secret=general-tls --tls-general-ca-bundle="${ok}"\n`;
    assert.deepEqual(only(lintText('/w/install.sh', line, opts), 'encoding-mismatch'), [], ok);
  }
});
