// The Secrets a set of linted files defines, for completing `secretName` values.
import { LintDocument } from './model/document';

export interface DefinedSecret {
  name: string;
  namespace: string | null;
  type: string | null;
  /** The file that defines it. */
  path: string;
  /** Its data/stringData keys (tls.crt, ca.crt…). */
  keys: string[];
}

/** What Kubernetes accepts as a Secret name (a DNS-1123 subdomain). */
const SECRET_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Named Secrets of the documents, first definition per name and namespace, sorted by name. A name
 * Kubernetes would refuse is left out: it is text that ended up in a name slot (a mis-indented key
 * block, say), and offering it would show it.
 */
export function definedSecrets(documents: Iterable<Pick<LintDocument, 'path' | 'secrets'>>): DefinedSecret[] {
  const byKey = new Map<string, DefinedSecret>();
  for (const doc of documents) {
    for (const secret of doc.secrets) {
      if (!secret.name || !SECRET_NAME.test(secret.name)) continue;
      const key = `${secret.namespace ?? ''}/${secret.name}`;
      if (byKey.has(key)) continue;
      byKey.set(key, { name: secret.name, namespace: secret.namespace, type: secret.type, path: doc.path, keys: [...new Set(secret.entries.map((e) => e.key))] });
    }
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.namespace ?? '').localeCompare(b.namespace ?? ''));
}
