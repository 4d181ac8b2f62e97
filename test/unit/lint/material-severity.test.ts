// Severity follows what Kuma will load (issue 11, item 3): errors on material Kuma or its chart
// loads, at most warnings on PEM material nothing Kuma uses (a repository's broken test fixtures).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Finding, LintOptions } from '../../../src/lint/types';
import { LintWorkspace } from '../../../src/lint/workspace';
import { b64, makeCert, only, SINGLE_FILE } from './fixtures';

const noSan = makeCert({ hosts: [], commonName: 'kuma-control-plane' });
/** Valid base64 that is no X.509 certificate: cert-invalid. */
const NOT_X509 = `-----BEGIN CERTIFICATE-----\n${b64('this is text, not a DER certificate')}\n-----END CERTIFICATE-----\n`;

function lintWith(files: Record<string, string>, target: string, options: LintOptions = SINGLE_FILE): Finding[] {
  const workspace = new LintWorkspace(options);
  for (const [path, text] of Object.entries(files)) workspace.setDocument(path, text);
  return workspace.lint(target);
}

const severityOf = (findings: Finding[], rule: string): string[] => only(findings, rule).map((f) => f.severity);

test('a PEM file nothing Kuma uses is reported as a warning, not an error', () => {
  assert.deepEqual(severityOf(lintWith({ '/r/test/fixtures/no-san.crt': noSan.certPem }, '/r/test/fixtures/no-san.crt'), 'cert-no-san'), ['warning']);
  assert.deepEqual(severityOf(lintWith({ '/r/test/fixtures/bad.crt': NOT_X509 }, '/r/test/fixtures/bad.crt'), 'cert-invalid'), ['warning']);
});

test('a PEM file that a Kuma setting, a kubectl line or an install line reads is an error', () => {
  const file = '/r/certs/server.crt';
  const byEnv = { [file]: noSan.certPem, '/r/kuma-cp.env': 'KUMA_GENERAL_TLS_CERT_FILE=certs/server.crt\nKUMA_GENERAL_TLS_KEY_FILE=certs/server.key\n' };
  assert.deepEqual(severityOf(lintWith(byEnv, file), 'cert-no-san'), ['error'], 'KUMA_GENERAL_TLS_CERT_FILE');
  const byKubectl = { [file]: noSan.certPem, '/r/install.sh': 'kubectl create secret tls kds-server-tls -n kuma-system --cert=certs/server.crt --key=certs/server.key\n' };
  assert.deepEqual(severityOf(lintWith(byKubectl, file), 'cert-no-san'), ['error'], 'kubectl --cert');
  const caFile = '/r/certs/root.pem';
  const byInstall = { [caFile]: NOT_X509, '/r/install.sh': 'kumactl install control-plane --set controlPlane.tls.general.secretName=s --set controlPlane.tls.general.caBundle=$(base64 -w0 < certs/root.pem) | kubectl apply -f -\n' };
  assert.deepEqual(severityOf(lintWith(byInstall, caFile), 'cert-invalid'), ['error'], 'caBundle=$(base64 -w0 < FILE)');
});

test('the layout kumactl and kuma-tls generate write (tls.crt with tls.key) is Kuma material', () => {
  const files = { '/r/out/tls.crt': noSan.certPem, '/r/out/tls.key': noSan.keyPem, '/r/out/ca.crt': NOT_X509 };
  assert.deepEqual(severityOf(lintWith(files, '/r/out/tls.crt'), 'cert-no-san'), ['error']);
  assert.deepEqual(severityOf(lintWith(files, '/r/out/ca.crt'), 'cert-invalid'), ['error'], 'ca.crt beside the pair');
  assert.deepEqual(severityOf(lintWith({ '/r/out/tls.crt': noSan.certPem }, '/r/out/tls.crt'), 'cert-no-san'), ['warning'], 'a lone tls.crt');
});

test("a Secret Kuma references, named like Kuma's or in the control plane's namespace gets errors; another Secret warnings", () => {
  const secret = (name: string, namespace: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n  tls.crt: ${b64(NOT_X509)}\n`;
  assert.deepEqual(severityOf(lintWith({ '/r/s.yaml': secret('istio-certs', 'istio-system') }, '/r/s.yaml'), 'cert-invalid'), ['warning']);
  assert.deepEqual(severityOf(lintWith({ '/r/s.yaml': secret('general-tls-certs', 'istio-system') }, '/r/s.yaml'), 'cert-invalid'), ['error'], 'named like Kuma');
  assert.deepEqual(severityOf(lintWith({ '/r/s.yaml': secret('my-certs', 'kuma-system') }, '/r/s.yaml'), 'cert-invalid'), ['error'], "in the control plane's namespace");
  const referenced = { '/r/s.yaml': secret('my-certs', 'mesh'), '/r/values.yaml': 'controlPlane:\n  tls:\n    general:\n      secretName: my-certs\n      caBundle: x\n' };
  assert.deepEqual(severityOf(lintWith(referenced, '/r/s.yaml'), 'cert-invalid'), ['error'], 'named by a values file');
});

test("a severity the user set for the rule wins over the cap", () => {
  const options: LintOptions = { ...SINGLE_FILE, severities: { ...SINGLE_FILE.severities, 'cert-no-san': 'error' } };
  assert.deepEqual(severityOf(lintWith({ '/r/fixtures/no-san.crt': noSan.certPem }, '/r/fixtures/no-san.crt', options), 'cert-no-san'), ['error']);
});
