import { LintDocument } from '../model/document';
import { Rule, RuleContext } from '../rule';
import { materialAnalysis, materialRule, materialSeverity } from './material-rule';
import { siblingKeyNames } from '../../pki/fileRole';
import { echo } from '../../pki/redact';

const pairedInOneFile = materialRule({
  id: 'cert-key-mismatch',
  defaultSeverity: 'error',
  summary: 'A certificate and the private key it is paired with have different public keys.',
});

/** `x.crt` beside `x.key`, `server.pem` beside `server-key.pem`: the usual ways a pair sits on disk. */
function siblingKeyPaths(path: string): string[] {
  const folder = path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return siblingKeyNames(path).map((name) => folder + name);
}

/** The first sibling key file the workspace has; every candidate is a dependency (it may appear later). */
function siblingKeyDocument(path: string, ctx: RuleContext): LintDocument | undefined {
  for (const candidate of siblingKeyPaths(path)) {
    ctx.dependOn(candidate);
    const found = ctx.workspace.get(candidate);
    if (found) return found;
  }
  return undefined;
}

export const certKeyMismatch: Rule = {
  ...pairedInOneFile,
  check(doc, ctx) {
    pairedInOneFile.check(doc, ctx);
    if (doc.format !== 'pem') return;
    const cert = materialAnalysis(doc, ctx).slots.find((s) => s.certificates.length > 0)?.certificates[0];
    if (!cert) return;
    const keyDoc = siblingKeyDocument(doc.path, ctx);
    if (!keyDoc || keyDoc.format !== 'pem') return;
    const keyPath = keyDoc.path;
    const key = materialAnalysis(keyDoc, ctx).slots.find((s) => s.keys.length > 0)?.keys[0];
    if (!key || cert.parsed.publicKeyId === key.publicKeyId) return;
    const keyName = keyPath.slice(Math.max(keyPath.lastIndexOf('/'), keyPath.lastIndexOf('\\')) + 1);
    ctx.report({
      range: cert.range,
      message: `This certificate does not belong to the private key in ${echo(keyName)} beside it; a server loading the pair fails ("tls: private key does not match public key"). Put the key generated with this certificate in ${echo(keyName)}, or reissue both together.`,
      related: [{ path: keyPath, range: key.range, message: `the private key in ${echo(keyName)}` }],
      severity: materialSeverity(doc, ctx, materialAnalysis(doc, ctx).slots[0]?.slot ?? null),
    });
  },
};
