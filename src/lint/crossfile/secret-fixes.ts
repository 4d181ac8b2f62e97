// Quick fixes that edit a Secret manifest in another file: add a missing key from a PEM file
// of the workspace, or move the Secret to the control plane's namespace.
import { relative, dirname } from 'node:path';
import { LintDocument } from '../model/document';
import { SecretManifest } from '../model/secret';
import { Fix, Span } from '../types';
import { FileLookup, resolveWorkspaceFile } from './paths';
import { echo, echoList } from '../../pki/redact';

/**
 * Adds each missing key whose PEM file (named like the key: `ca.crt`, `tls.crt`, `tls.key`, or
 * under `certs/`) is in the workspace next to the Secret, as base64 `data`. Keys without a file
 * get no fix: we never invent certificate material.
 */
export function addSecretKeysFix(get: FileLookup, secretDoc: LintDocument, secret: SecretManifest, missing: string[]): Fix[] {
  const dataEntries = secret.entries.filter((e) => e.field === 'data');
  const last = dataEntries[dataEntries.length - 1];
  if (!last) return [];
  const lines: string[] = [];
  const sources: string[] = [];
  for (const key of missing) {
    const file = resolveWorkspaceFile(get, secretDoc.path, key) ?? resolveWorkspaceFile(get, secretDoc.path, `certs/${key}`);
    if (!file || !file.text.includes('-----BEGIN ')) continue;
    lines.push(`${key}: ${Buffer.from(file.text, 'utf8').toString('base64')}`);
    sources.push(relative(dirname(secretDoc.path), file.path));
  }
  if (lines.length === 0) return [];
  const indent = secretDoc.lines.indentation(last.keyRange.start.line);
  // A block scalar's range ends at the start of the line after it.
  const endsAtLineStart = last.range.end.character === 0 && last.range.end.line > last.range.start.line;
  const insertAt = { line: endsAtLineStart ? last.range.end.line : last.range.end.line + 1, character: 0 };
  const atEnd = insertAt.line >= secretDoc.lines.lineCount;
  const eol = secretDoc.lines.eol;
  const newText = (atEnd && !secretDoc.text.endsWith('\n') ? eol : '') + lines.map((l) => indent + l + eol).join('');
  const range: Span = atEnd ? { start: secretDoc.lines.pos(secretDoc.text.length), end: secretDoc.lines.pos(secretDoc.text.length) } : { start: insertAt, end: insertAt };
  return [{ title: `Add ${missing.length === lines.length ? missing.join(', ') : lines.map((l) => l.slice(0, l.indexOf(':'))).join(', ')} to Secret ${echo(secret.name)} from ${echoList(sources)}`, edits: [{ path: secretDoc.path, range, newText }], preferred: true }];
}

/** Sets the Secret's namespace (manifest `metadata.namespace` or kubectl `-n`) to the control plane's. */
export function moveSecretFix(path: string, namespaceRange: Span, secretName: string, namespace: string): Fix {
  return { title: `Move Secret ${echo(secretName)} to namespace ${echo(namespace)}`, edits: [{ path, range: namespaceRange, newText: namespace }], preferred: true };
}
