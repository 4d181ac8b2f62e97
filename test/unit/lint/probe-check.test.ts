// `kuma-tls probe`'s judgement of a served chain, without a server: the chain is given as PEM, as
// the TLS client hands it over. The trust check uses the linter's own certificate model and
// signature check (lint/certs.ts issuedBy), so the probe and the rules cannot disagree about who
// issued a certificate. (test/unit/cli/probe.test.ts drives the same code against openssl s_server.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkServedChain, ProbeReport } from '../../../src/lint/lifecycle/probe-check';
import { LintDocument } from '../../../src/lint/model/document';
import { LintWorkspace } from '../../../src/lint/workspace';
import { keys, makeCert, NOW, secretYaml } from './fixtures';

const HOST = 'kuma-control-plane.kuma-system';
const ca = makeCert({ isCA: true, keys: keys(1), commonName: 'kuma-ca' });
const leaf = makeCert({ issuer: ca, keys: keys(2), hosts: [HOST] });
const intermediate = makeCert({ isCA: true, issuer: ca, keys: keys(3), commonName: 'kuma-intermediate' });
const leafOfIntermediate = makeCert({ issuer: intermediate, keys: keys(4), hosts: [HOST] });
const stranger = makeCert({ isCA: true, keys: keys(5), commonName: 'other-ca' });
const leafOfStranger = makeCert({ issuer: stranger, keys: keys(6), hosts: [HOST] });

/** The workspace trusts `ca` for the general channel (ca.crt of the control plane's Secret). */
function workspaceDocs(): LintDocument[] {
  const ws = new LintWorkspace({ now: NOW });
  ws.setDocument('/w/secret.yaml', secretYaml('general-tls-certs', { 'tls.crt': leaf.certPem, 'tls.key': leaf.keyPem, 'ca.crt': ca.certPem }, 'stringData'));
  return ws.paths().flatMap((p) => ws.get(p) ?? []);
}

function probe(chainPem: string[], caPem?: { pem: string; label: string }): ProbeReport {
  return checkServedChain({ chainPem, hostname: HOST, channel: 'general', docs: workspaceDocs(), now: NOW, ...(caPem ? { caPem } : {}) });
}

function check(report: ProbeReport, name: string): { ok: boolean; detail: string } {
  const found = report.checks.find((c) => c.name === name);
  assert.ok(found, `no "${name}" check in ${report.checks.map((c) => c.name).join(', ')}`);
  return found;
}

/** `certPem` with its notAfter's UTCTime digits replaced by letters: OpenSSL loads it ("Bad time value"), Go refuses it. */
function withMalformedNotAfter(certPem: string): string {
  const der = Buffer.from(certPem.replace(/-----[A-Z ]+-----/g, ''), 'base64');
  const utcTimes: number[] = [];
  for (let i = 0; i + 15 <= der.length; i++) if (der[i] === 0x17 && der[i + 1] === 13) utcTimes.push(i);
  assert.ok(utcTimes.length >= 2, 'the validity holds two UTCTimes');
  Buffer.from('99zz01000000Z', 'latin1').copy(der, utcTimes[1] + 2);
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
}

test('probe check: the workspace\'s own leaf, served alone, is the workspace\'s, trusted by its ca.crt, valid, and covers the host', () => {
  const report = probe([leaf.certPem]);
  assert.equal(check(report, 'workspace certificate').ok, true);
  const trusted = check(report, 'trusted');
  assert.equal(trusted.ok, true, trusted.detail);
  assert.match(trusted.detail, /verified by "CN=kuma-ca" from ca\.crt of Secret general-tls-certs in \/w\/secret\.yaml/);
  assert.equal(check(report, 'validity').ok, true);
  assert.equal(check(report, 'host name').ok, true);
  assert.equal(report.ok, true);
});

test('probe check: a leaf of an intermediate is trusted through the intermediate the server sends, and not without it', () => {
  const withIntermediate = probe([leafOfIntermediate.certPem, intermediate.certPem]);
  assert.equal(check(withIntermediate, 'trusted').ok, true, check(withIntermediate, 'trusted').detail);
  assert.deepEqual(withIntermediate.chain.map((c) => c.subject), ['', 'CN=kuma-intermediate']);
  const alone = probe([leafOfIntermediate.certPem]);
  assert.equal(check(alone, 'trusted').ok, false);
  assert.match(check(alone, 'trusted').detail, /x509: certificate signed by unknown authority/);
});

test('probe check: a leaf of another CA is not trusted by the workspace, and is by --ca of that CA', () => {
  const report = probe([leafOfStranger.certPem]);
  assert.equal(check(report, 'workspace certificate').ok, false);
  assert.equal(check(report, 'trusted').ok, false);
  const given = probe([leafOfStranger.certPem], { pem: `${ca.certPem}${stranger.certPem}`, label: 'bundle.pem' });
  assert.equal(check(given, 'trusted').ok, true, check(given, 'trusted').detail);
  assert.match(check(given, 'trusted').detail, /CN=other-ca.*bundle\.pem/);
});

test('probe check: a served certificate with a malformed validity time is reported (validity and trust fail), not an exception', () => {
  const damaged = withMalformedNotAfter(leaf.certPem);
  const report = probe([damaged]);
  const validity = check(report, 'validity');
  assert.equal(validity.ok, false);
  assert.match(validity.detail, /malformed/);
  assert.equal(check(report, 'trusted').ok, false, 'Go cannot parse it, so no CA verifies it');
  assert.equal(report.chain[0].notAfter, 'malformed');
  assert.equal(report.ok, false);
});
