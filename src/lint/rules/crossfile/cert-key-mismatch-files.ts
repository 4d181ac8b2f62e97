// cert-key-mismatch where the certificate and its key are files that another file pairs:
// `kubectl create secret tls --cert/--key` (or `--from-file=tls.crt/tls.key`) and the
// `*_TLS_CERT_FILE` / `*_TLS_KEY_FILE` settings (env or kuma-cp YAML).
import { dirname, relative } from 'node:path';
import { resolveWorkspaceFile } from '../../crossfile/paths';
import { firstBlockRange, firstCertificate, privateKeyPublicHalf } from '../../crossfile/pem';
import { LintDocument } from '../../model/document';
import { Rule, RuleContext } from '../../rule';
import { Span } from '../../types';
import { echo } from '../../../pki/redact';

interface PairEnd {
  setting: string;
  ref: string;
  range: Span;
}

export const certKeyMismatchFiles: Rule = {
  id: 'cert-key-mismatch',
  defaultSeverity: 'error',
  summary: 'A certificate and the private key it is paired with have different public keys.',
  kinds: ['shell', 'markdown', 'env-file', 'workload-env', 'kuma-cp-config', 'helm-values'],
  check(doc, ctx) {
    for (const [cert, key] of pairs(doc)) compare(doc, ctx, cert, key);
  },
};

function pairs(doc: LintDocument): Array<[PairEnd, PairEnd]> {
  const out: Array<[PairEnd, PairEnd]> = [];
  for (const command of doc.commands) {
    if (command.kind !== 'kubectl-secret') continue;
    const crt = command.files.find((f) => f.key === 'tls.crt');
    const key = command.files.find((f) => f.key === 'tls.key');
    if (crt && key && !crt.path.dynamic && !key.path.dynamic) {
      out.push([
        { setting: 'tls.crt', ref: crt.path.value, range: crt.path.range },
        { setting: 'tls.key', ref: key.path.value, range: key.path.range },
      ]);
    }
  }
  for (const scope of doc.settings) {
    for (const s of scope.occurrences) {
      if (!s.known) continue;
      const name = s.envName ?? s.yamlPath?.join('.') ?? '';
      const keyName = /_TLS_CERT_FILE$/i.test(name) ? name.replace(/CERT_FILE$/i, (m) => (m === m.toUpperCase() ? 'KEY_FILE' : 'key_file')) : /tlsCertFile$/.test(name) ? name.replace(/tlsCertFile$/, 'tlsKeyFile') : null;
      if (!keyName) continue;
      const k = scope.occurrences.find((o) => o.known && (o.envName ?? o.yamlPath?.join('.')) === keyName);
      if (k && s.value !== '' && k.value !== '') out.push([{ setting: name, ref: s.value, range: s.valueRange }, { setting: keyName, ref: k.value, range: k.valueRange }]);
    }
  }
  return out;
}

function compare(doc: LintDocument, ctx: RuleContext, certEnd: PairEnd, keyEnd: PairEnd): void {
  const get = (p: string) => ctx.workspace.get(p);
  const certFile = resolveWorkspaceFile(get, doc.path, certEnd.ref);
  const keyFile = resolveWorkspaceFile(get, doc.path, keyEnd.ref);
  if (!certFile || !keyFile || certFile.path === keyFile.path) return;
  const cert = firstCertificate(certFile.text);
  const keyId = privateKeyPublicHalf(keyFile.text);
  // Unreadable material is the PEM rules' business on the files themselves.
  if (!cert || !keyId || cert.publicKeyId === keyId) return;
  const rel = (p: string) => relative(dirname(doc.path), p);
  ctx.report({
    range: certEnd.range,
    message: `${rel(certFile.path)} (${echo(certEnd.setting)}) and ${rel(keyFile.path)} (${echo(keyEnd.setting)}) are not a pair: the certificate's public key is not the key's. Go's tls.X509KeyPair fails with "tls: private key does not match public key", so the server does not start. Use the key the certificate was issued for, or re-issue the certificate.`,
    related: [
      { path: keyFile.path, range: firstBlockRange(keyFile), message: `the private key (${echo(keyEnd.setting)})` },
      { path: certFile.path, range: firstBlockRange(certFile), message: `the certificate (${echo(certEnd.setting)})` },
      { path: doc.path, range: keyEnd.range, message: `${echo(keyEnd.setting)} is set here` },
    ],
  });
}
