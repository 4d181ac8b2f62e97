// One certificate/material model: what a hover or lens says about material agrees with what the
// rules report on it (clock skew, the expiry instant, encrypted keys, base64, certificate labels),
// and the clock is the one of each lint, not of the moment the workspace was created.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace } from '../../../../src/lint/workspace';
import { describeMaterial, validitySummary } from '../../../../src/lint/services/describe';
import { pemCertificateBlocks } from '../../../../src/pki/inspect';
import { b64, makeCert, NOW, rulesOf, secretYaml } from '../fixtures';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function lintFile(path: string, text: string, now: Date): string[] {
  const workspace = new LintWorkspace({ severities: { 'secret-not-found': 'off' } });
  workspace.setDocument(path, text);
  return rulesOf(workspace.lint(path, now));
}

function lensOf(pem: string, now: Date): string {
  const item = describeMaterial(pem)?.items[0];
  assert.ok(item && item.kind === 'certificate');
  return validitySummary(item.facts, now);
}

test('a certificate issued 2 minutes "in the future" (clock skew): neither the rules nor the lens call it not yet valid', () => {
  const cert = makeCert({ notBefore: new Date(NOW.getTime() + 2 * MINUTE), notAfter: new Date(NOW.getTime() + 400 * DAY) });
  assert.ok(!lintFile('/w/tls.crt', cert.certPem, NOW).includes('cert-not-yet-valid'));
  assert.equal(lensOf(cert.certPem, NOW), 'expires in 400 days');
  const later = makeCert({ notBefore: new Date(NOW.getTime() + 2 * DAY), notAfter: new Date(NOW.getTime() + 400 * DAY) });
  assert.ok(lintFile('/w/tls.crt', later.certPem, NOW).includes('cert-not-yet-valid'));
  assert.match(lensOf(later.certPem, NOW), /^not yet valid/);
});

test('at the notAfter instant both say valid (Go: expired once past it); a second later both say expired', () => {
  const cert = makeCert({ notBefore: new Date(NOW.getTime() - DAY), notAfter: NOW });
  assert.ok(!lintFile('/w/tls.crt', cert.certPem, NOW).includes('cert-expired'));
  assert.equal(lensOf(cert.certPem, NOW), 'expires today');
  const after = new Date(NOW.getTime() + 1000);
  assert.ok(lintFile('/w/tls.crt', cert.certPem, after).includes('cert-expired'));
  assert.equal(lensOf(cert.certPem, after), 'expired today');
});

test('the clock is the lint\'s: a certificate that expires while the workspace lives is reported expired, not still expiring', () => {
  const cert = makeCert({ notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 10 * MINUTE) });
  const workspace = new LintWorkspace({});
  workspace.setDocument('/w/tls.crt', cert.certPem);
  assert.deepEqual(rulesOf(workspace.lint('/w/tls.crt', NOW)), ['cert-expiring']);
  assert.deepEqual(rulesOf(workspace.lint('/w/tls.crt', new Date(NOW.getTime() + 20 * MINUTE))), ['cert-expired']);
});

test('an encrypted key (RFC 1421 Proc-Type header) is encrypted to the hover as to the rules', () => {
  const cert = makeCert();
  const body = cert.keyPem.split('\n').filter((l) => l && !l.startsWith('-----')).join('\n');
  const legacy = `-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n${body}\n-----END EC PRIVATE KEY-----\n`;
  const key = describeMaterial(legacy)?.items[0];
  assert.ok(key && key.kind === 'private-key');
  assert.equal(key.state, 'encrypted');
  assert.ok(lintFile('/w/tls.key', legacy, NOW).includes('key-unsupported'));
});

test('base64 the rules reject (a stray vertical tab) is no certificate to the hover either', () => {
  const cert = makeCert();
  const encoded = b64(cert.certPem);
  const damaged = `${encoded.slice(0, 40)}\u000b${encoded.slice(40)}`;
  assert.equal(describeMaterial(damaged), null);
  assert.ok(describeMaterial(encoded));
  const secret = secretYaml('s', { 'tls.crt': `"${damaged.replace('\u000b', '\\v')}"`, 'tls.key': b64(cert.keyPem) });
  assert.ok(lintFile('/w/secret.yaml', secret, NOW).includes('encoding-mismatch'));
});

test('every certificate label the linter reads is a certificate to the commands as well', () => {
  const cert = makeCert();
  for (const label of ['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']) {
    const relabelled = cert.certPem.replace(/CERTIFICATE/g, label);
    assert.equal(pemCertificateBlocks(relabelled).length, 1, label);
  }
  assert.equal(pemCertificateBlocks(cert.keyPem).length, 0);
});
