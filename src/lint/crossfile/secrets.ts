// Every Secret the workspace defines: manifests (`kind: Secret`) and `kubectl create secret`
// command lines, with where each key's content comes from.
import { LintDocument } from '../model/document';
import { SecretManifest } from '../model/secret';
import { Span } from '../types';
import { FileLookup, resolveWorkspaceFile } from './paths';
import { decodeBase64 } from './pem';
import { WorkspaceIndex } from './workspace-index';

export interface SecretKeySource {
  key: string;
  /** Where the key is written: the manifest key, or the `--from-file` / `--cert` flag. */
  range: Span;
  /**
   * The key's content (PEM text), or null when it cannot be known here (a path outside the
   * workspace, a substitution, invalid base64: other rules report the latter).
   */
  content: string | null;
  /** The workspace file the content comes from (kubectl `--from-file`), if any. */
  file: LintDocument | null;
  /** The value as written (a manifest's value, a kubectl path or literal): compares unknowable content. */
  written: string;
}

export interface SecretSource {
  name: string;
  /** null: not written (the namespace of whoever applies it). */
  namespace: string | null;
  namespaceRange: Span | null;
  path: string;
  nameRange: Span;
  origin: 'manifest' | 'kubectl';
  keys: Map<string, SecretKeySource>;
  manifest: SecretManifest | null;
}

/** The Secrets named `name` anywhere in the workspace. */
export function secretsNamed(index: WorkspaceIndex, get: FileLookup, name: string): SecretSource[] {
  const out: SecretSource[] = [];
  for (const doc of index.definers(name)) {
    for (const secret of doc.secrets) if (secret.name === name) out.push(manifestSource(doc, secret));
    for (const command of doc.commands) {
      if (command.kind !== 'kubectl-secret' || command.name?.value !== name) continue;
      const keys = new Map<string, SecretKeySource>();
      for (const file of command.files) {
        const target = file.path.dynamic ? null : resolveWorkspaceFile(get, doc.path, file.path.value);
        keys.set(file.key, { key: file.key, range: file.path.range, content: target?.text ?? null, file: target, written: file.path.value });
      }
      for (const literal of command.literals) keys.set(literal.key, { key: literal.key, range: literal.keyRange, content: literal.value.dynamic ? null : literal.value.value, file: null, written: literal.value.value });
      out.push({
        name,
        namespace: command.namespace && !command.namespace.dynamic ? command.namespace.value : null,
        namespaceRange: command.namespace?.range ?? null,
        path: doc.path,
        nameRange: command.name.range,
        origin: 'kubectl',
        keys,
        manifest: null,
      });
    }
  }
  return out;
}

// A manifest never changes (a new version is a new parse): its keys are decoded once, not by each
// rule of each values file that names it.
const manifestSources = new WeakMap<SecretManifest, SecretSource>();

export function manifestSource(doc: Pick<LintDocument, 'path' | 'yaml'>, secret: SecretManifest): SecretSource {
  const known = manifestSources.get(secret);
  if (known?.path === doc.path) return known;
  const source = readManifestSource(doc, secret);
  manifestSources.set(secret, source);
  return source;
}

function readManifestSource(doc: Pick<LintDocument, 'path' | 'yaml'>, secret: SecretManifest): SecretSource {
  const keys = new Map<string, SecretKeySource>();
  for (const entry of secret.entries) {
    const content = entry.field === 'data' ? decodeBase64(entry.value) : entry.value;
    keys.set(entry.key, { key: entry.key, range: entry.keyRange, content, file: null, written: entry.value });
  }
  return {
    name: secret.name ?? '',
    namespace: secret.namespace,
    namespaceRange: doc.yaml?.get(secret.doc, ['metadata', 'namespace'])?.valueRange ?? null,
    path: doc.path,
    nameRange: secret.nameRange,
    origin: 'manifest',
    keys,
    manifest: secret,
  };
}
