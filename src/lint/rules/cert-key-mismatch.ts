import { Rule } from '../rule';
import { materialAnalysis, materialRule } from './material-rule';
import { echo } from '../../pki/redact';

const pairedInOneFile = materialRule({
  id: 'cert-key-mismatch',
  defaultSeverity: 'error',
  summary: 'A certificate and the private key it is paired with have different public keys.',
});

/** `x.crt` beside `x.key`: the usual way a pair sits on disk. */
function siblingKeyPath(path: string): string | null {
  const lower = path.toLowerCase();
  return lower.endsWith('.crt') || lower.endsWith('.cer') ? `${path.slice(0, -4)}.key` : null;
}

export const certKeyMismatch: Rule = {
  ...pairedInOneFile,
  check(doc, ctx) {
    pairedInOneFile.check(doc, ctx);
    const keyPath = doc.format === 'pem' ? siblingKeyPath(doc.path) : null;
    if (!keyPath) return;
    ctx.dependOn(keyPath);
    const keyDoc = ctx.workspace.get(keyPath);
    if (!keyDoc || keyDoc.format !== 'pem') return;
    const cert = materialAnalysis(doc, ctx).slots.find((s) => s.certificates.length > 0)?.certificates[0];
    const key = materialAnalysis(keyDoc, ctx).slots.find((s) => s.keys.length > 0)?.keys[0];
    if (!cert || !key || cert.parsed.spki === key.spki) return;
    const keyName = keyPath.slice(Math.max(keyPath.lastIndexOf('/'), keyPath.lastIndexOf('\\')) + 1);
    ctx.report({
      range: cert.range,
      message: `This certificate does not belong to the private key in ${echo(keyName)} beside it; a server loading the pair fails ("tls: private key does not match public key"). Put the key generated with this certificate in ${echo(keyName)}, or reissue both together.`,
      related: [{ path: keyPath, range: key.range, message: `the private key in ${echo(keyName)}` }],
    });
  },
};
