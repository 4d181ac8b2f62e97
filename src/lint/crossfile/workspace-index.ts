// Which documents define which Secret names and which hold install commands, built once per
// state of the workspace. A rule asks the workspace for its documents anyway (that is what
// makes it re-run after any change); checking that they are the same parsed objects as last
// time is far cheaper than searching every document for every secretName.
import { LintDocument } from '../model/document';
import { apiServerAddresses } from './api-server';
import { zoneConnections } from './kds';
import { definedSecretNames, definesTlsSecret, referencedSecretNames, secretNamesFor } from './names';

export interface WorkspaceIndex {
  docs: LintDocument[];
  definers: Map<string, LintDocument[]>;
  /** Documents with `kumactl install` / `helm install|upgrade` lines. */
  installers: LintDocument[];
  /** Defined Secret names no secretName references. */
  unreferenced: string[];
  /**
   * The workspace keeps Secrets (lint-rules.md, secret-not-found): it defines one that a
   * secretName references, or one a secretName could name (TLS-shaped).
   */
  keepsSecrets: boolean;
  /** Documents where a zone control plane names its global address. */
  zones: LintDocument[];
  /** Secret names used as `kdsGlobalServer.secretName`. */
  kdsGlobalSecrets: Set<string>;
  /** Documents where kumactl is pointed at an https API server address. */
  apiClients: LintDocument[];
  /** Secret names used as `apiServer.secretName`. */
  apiServerSecrets: Set<string>;
  /** Documents that configure a control plane naming each Secret. */
  referencers: Map<string, LintDocument[]>;
}

/** A few recent indexes: one per LintWorkspace in a multi-root editor session. */
const recent: WorkspaceIndex[] = [];
const KEEP = 4;

export function workspaceIndex(documents: Iterable<LintDocument>): WorkspaceIndex {
  const docs = [...documents];
  const hit = recent.find((r) => r.docs.length === docs.length && r.docs.every((d, i) => d === docs[i]));
  if (hit) return hit;
  const definers = new Map<string, LintDocument[]>();
  const used = new Set<string>();
  const installers: LintDocument[] = [];
  const zones: LintDocument[] = [];
  const kdsGlobalSecrets = new Set<string>();
  const apiClients: LintDocument[] = [];
  const apiServerSecrets = new Set<string>();
  const referencers = new Map<string, LintDocument[]>();
  let tlsDefined = false;
  for (const doc of docs) {
    if (!tlsDefined && definesTlsSecret(doc)) tlsDefined = true;
    for (const name of definedSecretNames(doc)) {
      const list = definers.get(name);
      if (!list) definers.set(name, [doc]);
      else if (list[list.length - 1] !== doc) list.push(doc);
    }
    for (const name of referencedSecretNames(doc)) {
      used.add(name);
      const list = referencers.get(name);
      if (!list) referencers.set(name, [doc]);
      else if (list[list.length - 1] !== doc) list.push(doc);
    }
    if (doc.commands.some((c) => c.kind === 'install')) installers.push(doc);
    if (zoneConnections(doc).length > 0) zones.push(doc);
    for (const name of secretNamesFor(doc, 'kdsGlobalServer', 'tls-kds-global-server-secret')) kdsGlobalSecrets.add(name);
    if (apiServerAddresses(doc).length > 0) apiClients.push(doc);
    for (const name of secretNamesFor(doc, 'apiServer', 'tls-api-server-secret')) apiServerSecrets.add(name);
  }
  const unreferenced = [...definers.keys()].filter((n) => !used.has(n));
  const keepsSecrets = tlsDefined || unreferenced.length < definers.size;
  const index = { docs, definers, installers, zones, kdsGlobalSecrets, apiClients, apiServerSecrets, referencers, unreferenced, keepsSecrets };
  recent.unshift(index);
  recent.length = Math.min(recent.length, KEEP);
  return index;
}
