// The Secrets a set of linted files defines, for completing `secretName` values.
import { distinctDefinitions } from './crossfile/secret-definitions';
import { manifestSource, SecretSource } from './crossfile/secrets';
import { buildDocument, LintDocument } from './model/document';

export interface DefinedSecret {
  name: string;
  namespace: string | null;
  type: string | null;
  /** The file that defines it (the first, when several do). */
  path: string;
  /** Its data/stringData keys (tls.crt, ca.crt…); empty when the definitions differ. */
  keys: string[];
  /** Every file that defines this name in this namespace, once each. */
  paths: string[];
  /** How many times this name is defined in this namespace. */
  definitions: number;
  /** Whether those definitions differ in content (identical copies do not). */
  differ: boolean;
}

/** What Kubernetes accepts as a Secret name (a DNS-1123 subdomain). */
const SECRET_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Named Secrets of the documents, one per name and namespace, sorted by name. Several differing
 * definitions are not described by one of them: the same helper as the linter's decides. A name
 * Kubernetes would refuse is left out: it is text that ended up in a name slot (a mis-indented key
 * block, say), and offering it would show it.
 */
export function definedSecrets(documents: Iterable<Pick<LintDocument, 'path' | 'secrets' | 'yaml'>>): DefinedSecret[] {
  const byKey = new Map<string, { first: DefinedSecret; sources: SecretSource[] }>();
  for (const doc of documents) {
    for (const secret of doc.secrets) {
      if (!secret.name || !SECRET_NAME.test(secret.name)) continue;
      const key = `${secret.namespace ?? ''}/${secret.name}`;
      const source = manifestSource(doc, secret);
      const known = byKey.get(key);
      if (known) {
        known.sources.push(source);
        continue;
      }
      const first = { name: secret.name, namespace: secret.namespace, type: secret.type, path: doc.path, keys: [...new Set(secret.entries.map((e) => e.key))], paths: [], definitions: 1, differ: false };
      byKey.set(key, { first, sources: [source] });
    }
  }
  return [...byKey.values()]
    .map(({ first, sources }) => {
      const differ = distinctDefinitions(sources).length > 1;
      return { ...first, keys: differ ? [] : first.keys, paths: [...new Set(sources.map((s) => s.path))], definitions: sources.length, differ };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || (a.namespace ?? '').localeCompare(b.namespace ?? ''));
}

/**
 * Every Secret name the files define (manifests and `kubectl create secret` lines, any
 * namespace) → the files that define it. The channel setup asks this to propose a name nobody
 * uses: a second definition of a name makes every check of it undecidable (secret-ambiguous).
 */
export function secretNamesDefinedIn(files: Iterable<{ path: string; text: string }>): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  const add = (name: string, path: string): void => {
    const paths = byName.get(name) ?? [];
    if (!paths.includes(path)) paths.push(path);
    byName.set(name, paths);
  };
  for (const { path, text } of files) {
    const doc = buildDocument(path, text, 0);
    for (const secret of doc.secrets) if (secret.name && SECRET_NAME.test(secret.name)) add(secret.name, path);
    for (const command of doc.commands) {
      if (command.kind === 'kubectl-secret' && command.name && !command.name.dynamic) add(command.name.value, path);
    }
  }
  return byName;
}
