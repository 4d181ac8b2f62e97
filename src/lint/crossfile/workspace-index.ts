// What the cross-file rules ask about the rest of the workspace: which documents define and name
// which Secret, which install lines pass which values file, which files Kuma settings read, where
// zones and kumactl connect, which Kuma versions are installed. The index keeps one contribution
// per file and patches it when that file changes, so a change costs that file's work, not the
// workspace's. Every answer belongs to a dependency key (a Secret name, a values file, a path);
// a change reports the keys whose answers it may have changed, and the workspace re-lints exactly
// the files that asked under those keys.
import { InstallCommand } from '../model/commands';
import { LintDocument } from '../model/document';
import { helmSecretNames } from '../model/helm';
import type { KumaVersion } from '../../kuma';
import { agreeWith, kumaVersionsIn, NOTHING_AGREED, VersionAgreement } from '../kuma-version';
import type { SecretReference } from '../rule';
import { apiServerAddresses } from './api-server';
import { fileReferences } from './file-references';
import { zoneConnections } from './kds';
import { definedSecretNames, definesTlsSecret, referencedSecretNames, secretNamesFor } from './names';
import { addMember, removeMember } from '../multimap';
import { resolveWorkspacePath } from './paths';

/** What a rule may ask; each question is recorded as a dependency of the file being linted. */
export interface WorkspaceIndex {
  /** Documents that define Secret `name` (manifests, kubectl lines, producers), in workspace order. */
  definers(name: string): LintDocument[];
  defines(name: string): boolean;
  /** Documents that configure a control plane naming Secret `name`, in workspace order. */
  referencers(name: string): LintDocument[];
  references(name: string): boolean;
  /** Helm values settings naming Secret `name`. */
  secretReferences(name: string): SecretReference[];
  /** Some control plane uses `name` as `kdsGlobalServer.secretName`. */
  isKdsGlobalSecret(name: string): boolean;
  /** Some control plane uses `name` as `apiServer.secretName`. */
  isApiServerSecret(name: string): boolean;
  /** Install lines in the workspace that pass `valuesPath` with -f/--values, in workspace order. */
  installLinesPassing(valuesPath: string): Array<{ command: InstallCommand; path: string }>;
  /** Some install line of the workspace installs into `namespace` (`-n`). */
  installsInto(namespace: string): boolean;
  /**
   * The workspace keeps Secrets (lint-rules.md, secret-not-found): it defines one that a
   * secretName references, or one a secretName could name (TLS-shaped).
   */
  keepsSecrets(): boolean;
  /** The first SUGGESTION_POOL_SIZE defined Secret names no secretName references, in workspace order. */
  suggestionPool(): readonly string[];
  /** Documents where a zone control plane names its global address. */
  zones(): LintDocument[];
  /** Documents where kumactl is pointed at an https API server address. */
  apiClients(): LintDocument[];
  /** A Kuma setting or command of the workspace reads the file at `path`. */
  fileReferenced(path: string): boolean;
  /** The workspace has a (parsed) document at `path`. */
  exists(path: string): boolean;
  /** The version the Kuma versions of the workspace's files agree on (kuma-version.ts agreedVersion), kept up to date by the index. */
  agreedKumaVersion(): KumaVersion | undefined;
}

/**
 * Suggestions compare a name with this many unreferenced Secrets at most: a file of thousands
 * of values documents against thousands of Secrets would otherwise cost millions of edit
 * distances, and a typo's target is among the first hundred in any real workspace.
 */
export const SUGGESTION_POOL_SIZE = 100;

/** The dependency keys; the aggregates are bumped only when their value changes. */
export const IndexKey = {
  definers: (name: string) => `definers:${name}`,
  referencers: (name: string) => `referencers:${name}`,
  valuesUsers: (path: string) => `values-users:${path}`,
  fileReferenced: (path: string) => `file-referenced:${path}`,
  exists: (path: string) => `exists:${path}`,
  installNamespace: (namespace: string) => `install-namespace:${namespace}`,
  keepsSecrets: 'keeps-secrets',
  suggestionPool: 'suggestion-pool',
  zones: 'zones',
  apiClients: 'api-clients',
  kumaVersion: 'kuma-version',
} as const;

type Aggregate = typeof IndexKey.keepsSecrets | typeof IndexKey.suggestionPool | typeof IndexKey.zones | typeof IndexKey.apiClients | typeof IndexKey.kumaVersion;

/** What one file's change did: keys whose answers changed, aggregates whose inputs changed. */
export interface IndexChange {
  keys: Set<string>;
  aggregates: Set<Aggregate>;
}

/** A yes/no answer kept as a count: its key counts as changed only if the answer differs after the whole update. */
interface Watched {
  key: string;
  counts: Map<string, number>;
  item: string;
  had: boolean;
}

/** A file another names (an install line's -f, a setting's path), resolved to a workspace file. */
interface Reference {
  kind: 'values' | 'file';
  /** Where it may resolve, in the order resolveWorkspacePath tries them. */
  candidates: string[];
  target: string | null;
}

interface Contribution {
  seq: number;
  defined: readonly string[];
  referenced: ReadonlySet<string>;
  helmReferences: SecretReference[];
  kdsGlobalNames: ReadonlySet<string>;
  apiServerNames: ReadonlySet<string>;
  tlsDefined: boolean;
  installNamespaces: ReadonlySet<string>;
  references: Reference[];
  zoneSignature: string | null;
  apiClientSignature: string | null;
  versions: readonly string[];
}

export class WorkspaceIndexState {
  private readonly files = new Map<string, Contribution>();
  private readonly definersByName = new Map<string, Set<string>>();
  private readonly referencersByName = new Map<string, Set<string>>();
  private readonly kdsGlobalCount = new Map<string, number>();
  private readonly apiServerCount = new Map<string, number>();
  private readonly definerFiles = new Set<string>();
  private tlsDefiners = 0;
  /** Names both defined and referenced somewhere: keepsSecrets without a scan. */
  private definedAndReferenced = 0;
  /** values file -> installer path -> how many of its references resolve there. */
  private readonly valuesUsers = new Map<string, Map<string, number>>();
  private readonly fileReferenceCount = new Map<string, number>();
  private readonly installNamespaceCount = new Map<string, number>();
  /** candidate path -> files with a reference that may resolve there once it exists. */
  private readonly byCandidate = new Map<string, Set<string>>();
  private readonly zoneFiles = new Set<string>();
  private readonly apiClientFiles = new Set<string>();
  private readonly versionFiles = new Set<string>();
  private readonly revisions = new Map<string, number>();
  /** The answers counted during one update, by count and item. */
  private readonly watched = new Map<Map<string, number>, Map<string, Watched>>();
  private clock = 0;
  private keeps = false;
  private pool: string[] | null = null;
  private poolDirty = false;
  private versionTexts: string[] = [];
  /**
   * The files naming versions in workspace order while each new one came last (a walk adds them so,
   * and the CLI settles after every batch): the texts are then appended, not gathered and sorted
   * again. Null after anything else (a removal, an earlier file): the next settle sorts.
   */
  private versionOrder: string[] | null = [];
  private versionAppended: string[] = [];
  private agreed = '';
  private agreement: VersionAgreement = NOTHING_AGREED;
  private versionsDirty = false;
  private zoneOrder: string[] | null = null;
  private zonesDirty = false;
  private apiClientOrder: string[] | null = null;
  private apiClientsDirty = false;
  /** Files visited by index maintenance (contributions, re-resolutions, pool rebuilds): O(N) for N files. */
  work = 0;

  constructor(private readonly document: (path: string) => LintDocument | undefined) {}

  /** The revision of a dependency key: a lint records it, and its findings are fresh while it stays. */
  revision(key: string): number {
    return this.revisions.get(key) ?? 0;
  }

  /** Replaces the contribution of `path` by that of `doc` (undefined: the file is gone or not parsed). */
  update(path: string, doc: LintDocument | undefined, seq: number): IndexChange {
    const change: IndexChange = { keys: new Set(), aggregates: new Set() };
    this.watched.clear();
    const old = this.files.get(path);
    const next = doc ? this.contributionOf(doc, seq) : undefined;
    if (old) this.remove(path, old, change);
    if (next) this.files.set(path, next);
    if (!!old !== !!next) {
      change.keys.add(IndexKey.exists(path));
      this.resolveAgainst(path, change);
    }
    if (next) this.add(path, next, change);
    // A file removed and added again before the index saw it moves to the end of the workspace order.
    const moved = old !== undefined && next !== undefined && old.seq !== next.seq;
    if (old?.zoneSignature !== next?.zoneSignature || (moved && next.zoneSignature !== null)) {
      change.aggregates.add(IndexKey.zones);
      this.zonesDirty = true;
    }
    if (old?.apiClientSignature !== next?.apiClientSignature || (moved && next.apiClientSignature !== null)) {
      change.aggregates.add(IndexKey.apiClients);
      this.apiClientsDirty = true;
    }
    if (!sameList(old?.versions ?? [], next?.versions ?? []) || (moved && next.versions.length > 0)) {
      change.aggregates.add(IndexKey.kumaVersion);
      this.versionsDirty = true;
    }
    if (!sameList(old?.defined ?? [], next?.defined ?? []) || !sameSet(old?.referenced, next?.referenced) || (moved && next.defined.length > 0)) {
      change.aggregates.add(IndexKey.suggestionPool);
      this.poolDirty = true;
    }
    change.aggregates.add(IndexKey.keepsSecrets);
    // Removing the old content and adding the new one may pass a count through zero: only a
    // different final answer is a change.
    for (const watched of this.watched.values()) for (const { key, counts, item, had } of watched.values()) if (counts.has(item) !== had) change.keys.add(key);
    for (const key of change.keys) this.bump(key);
    return change;
  }

  /** Recomputes the aggregates after a batch of updates; returns those whose value changed (now bumped). */
  settle(): Set<Aggregate> {
    const bumped = new Set<Aggregate>();
    const keeps = this.tlsDefiners > 0 || this.definedAndReferenced > 0;
    if (keeps !== this.keeps) {
      this.keeps = keeps;
      bumped.add(IndexKey.keepsSecrets);
    }
    // Nobody has asked for the pool yet: nobody depends on it, build it on the first question.
    if (this.poolDirty && this.pool !== null) {
      const pool = this.buildPool();
      if (!sameList(pool, this.pool)) bumped.add(IndexKey.suggestionPool);
      this.pool = pool;
    }
    this.poolDirty = false;
    if (this.versionsDirty) {
      // In workspace order, as a from-scratch scan lists them: agreement keeps the first text of a minor.
      if (this.versionOrder === null) {
        this.versionOrder = this.inOrder(this.versionFiles);
        this.versionTexts = this.versionOrder.flatMap((p) => this.files.get(p)!.versions);
        this.agreement = agreeWith(NOTHING_AGREED, this.versionTexts);
        this.work += this.versionFiles.size;
      } else {
        this.versionTexts = this.versionTexts.concat(this.versionAppended);
        this.agreement = agreeWith(this.agreement, this.versionAppended);
        this.work += this.versionAppended.length;
      }
      this.versionAppended = [];
      const version = this.agreement.version;
      const agreed = version ? `${version.label} ${version.text} ${version.patch ?? ''}` : '';
      if (agreed !== this.agreed) bumped.add(IndexKey.kumaVersion);
      this.agreed = agreed;
      this.versionsDirty = false;
    }
    // Zones and kumactl addresses are read whole: any change of one is a change of the list.
    if (this.zonesDirty) {
      bumped.add(IndexKey.zones);
      this.zoneOrder = null;
      this.zonesDirty = false;
    }
    if (this.apiClientsDirty) {
      bumped.add(IndexKey.apiClients);
      this.apiClientOrder = null;
      this.apiClientsDirty = false;
    }
    for (const key of bumped) this.bump(key);
    return bumped;
  }

  definers(name: string): LintDocument[] {
    return this.documentsOf(this.definersByName.get(name));
  }

  defines(name: string): boolean {
    return this.definersByName.has(name);
  }

  referencers(name: string): LintDocument[] {
    return this.documentsOf(this.referencersByName.get(name));
  }

  references(name: string): boolean {
    return this.referencersByName.has(name);
  }

  secretReferences(name: string): SecretReference[] {
    const paths = this.inOrder(this.referencersByName.get(name));
    return paths.flatMap((p) => this.files.get(p)!.helmReferences.filter((r) => r.secretName === name));
  }

  isKdsGlobalSecret(name: string): boolean {
    return this.kdsGlobalCount.has(name);
  }

  isApiServerSecret(name: string): boolean {
    return this.apiServerCount.has(name);
  }

  installLinesPassing(valuesPath: string): Array<{ command: InstallCommand; path: string }> {
    const out: Array<{ command: InstallCommand; path: string }> = [];
    for (const path of this.inOrder(this.valuesUsers.get(valuesPath)?.keys())) {
      const installer = this.document(path);
      if (!installer) continue;
      for (const command of installer.commands) {
        if (command.kind !== 'install') continue;
        if (command.valuesFiles.some((v) => !v.dynamic && resolveWorkspacePath((p) => this.files.has(p), path, v.value) === valuesPath)) out.push({ command, path });
      }
    }
    return out;
  }

  installsInto(namespace: string): boolean {
    return this.installNamespaceCount.has(namespace);
  }

  keepsSecrets(): boolean {
    return this.keeps;
  }

  suggestionPool(): readonly string[] {
    if (this.pool === null) this.pool = this.buildPool();
    return this.pool;
  }

  zones(): LintDocument[] {
    this.zoneOrder ??= this.inOrder(this.zoneFiles);
    return this.documentsOf(this.zoneOrder);
  }

  apiClients(): LintDocument[] {
    this.apiClientOrder ??= this.inOrder(this.apiClientFiles);
    return this.documentsOf(this.apiClientOrder);
  }

  fileReferenced(path: string): boolean {
    return this.fileReferenceCount.has(path);
  }

  exists(path: string): boolean {
    return this.files.has(path);
  }

  /** The Kuma versions the files name, in workspace order (what the agreed version is folded from; tests pin the order). */
  kumaVersionTexts(): readonly string[] {
    return this.versionTexts;
  }

  agreedKumaVersion(): KumaVersion | undefined {
    return this.agreement.version;
  }

  private bump(key: string): void {
    this.revisions.set(key, ++this.clock);
  }

  private contributionOf(doc: LintDocument, seq: number): Contribution {
    this.work++;
    const helmReferences: SecretReference[] = [];
    if (doc.yaml) {
      for (const { doc: d } of doc.helmValues) {
        for (const { slot, secretName, range } of helmSecretNames(doc.yaml, d)) helmReferences.push({ path: doc.path, slot, secretName: own(secretName), range });
      }
    }
    const installNamespaces: string[] = [];
    const written: Array<{ kind: Reference['kind']; ref: string }> = [];
    for (const command of doc.commands) {
      if (command.kind !== 'install') continue;
      if (command.namespace && !command.namespace.dynamic) installNamespaces.push(own(command.namespace.value));
      for (const file of command.valuesFiles) if (!file.dynamic) written.push({ kind: 'values', ref: file.value });
    }
    for (const ref of fileReferences(doc)) written.push({ kind: 'file', ref });
    const seen = new Set<string>();
    const references: Reference[] = [];
    for (const { kind, ref } of written) {
      if (seen.has(`${kind} ${ref}`)) continue;
      seen.add(`${kind} ${ref}`);
      references.push({ kind, candidates: candidatesOf(doc.path, ref), target: null });
    }
    const zones = zoneConnections(doc);
    const clients = apiServerAddresses(doc);
    return {
      seq,
      defined: definedSecretNames(doc).map(own),
      referenced: setOf(referencedSecretNames(doc).map(own)),
      helmReferences,
      kdsGlobalNames: setOf(secretNamesFor(doc, 'kdsGlobalServer', 'tls-kds-global-server-secret').map(own)),
      apiServerNames: setOf(secretNamesFor(doc, 'apiServer', 'tls-api-server-secret').map(own)),
      tlsDefined: definesTlsSecret(doc),
      installNamespaces: setOf(installNamespaces),
      references,
      zoneSignature: zones.length > 0 ? JSON.stringify(zones.map((z) => [z.host, z.addressRange, z.ca])) : null,
      apiClientSignature: clients.length > 0 ? JSON.stringify(clients.map((c) => [c.host, c.range])) : null,
      versions: doc.format === 'markdown' ? [] : kumaVersionsIn(doc).map(own),
    };
  }

  private add(path: string, c: Contribution, change: IndexChange): void {
    for (const name of c.defined) this.addName(this.definersByName, this.referencersByName, name, path, IndexKey.definers(name), change);
    for (const name of c.referenced) this.addName(this.referencersByName, this.definersByName, name, path, IndexKey.referencers(name), change);
    if (c.defined.length > 0) this.definerFiles.add(path);
    for (const name of c.kdsGlobalNames) this.count(this.kdsGlobalCount, name, 1, IndexKey.referencers(name));
    for (const name of c.apiServerNames) this.count(this.apiServerCount, name, 1, IndexKey.referencers(name));
    if (c.tlsDefined) this.tlsDefiners++;
    for (const namespace of c.installNamespaces) this.count(this.installNamespaceCount, namespace, 1, IndexKey.installNamespace(namespace));
    for (const ref of c.references) {
      for (const candidate of ref.candidates) addMember(this.byCandidate, candidate, path);
      ref.target = ref.candidates.find((p) => this.files.has(p)) ?? null;
      if (ref.target !== null) this.addTarget(path, ref, change);
    }
    if (c.zoneSignature !== null) this.zoneFiles.add(path);
    if (c.apiClientSignature !== null) this.apiClientFiles.add(path);
    if (c.versions.length > 0) {
      this.versionFiles.add(path);
      const last = this.versionOrder?.[this.versionOrder.length - 1];
      if (this.versionOrder !== null && (last === undefined || this.files.get(last)!.seq < c.seq)) {
        this.versionOrder.push(path);
        for (const text of c.versions) this.versionAppended.push(text);
      } else this.versionOrder = null;
    }
  }

  private remove(path: string, c: Contribution, change: IndexChange): void {
    this.files.delete(path);
    for (const name of c.defined) this.removeName(this.definersByName, this.referencersByName, name, path, IndexKey.definers(name), change);
    for (const name of c.referenced) this.removeName(this.referencersByName, this.definersByName, name, path, IndexKey.referencers(name), change);
    this.definerFiles.delete(path);
    for (const name of c.kdsGlobalNames) this.count(this.kdsGlobalCount, name, -1, IndexKey.referencers(name));
    for (const name of c.apiServerNames) this.count(this.apiServerCount, name, -1, IndexKey.referencers(name));
    if (c.tlsDefined) this.tlsDefiners--;
    for (const namespace of c.installNamespaces) this.count(this.installNamespaceCount, namespace, -1, IndexKey.installNamespace(namespace));
    for (const ref of c.references) {
      for (const candidate of ref.candidates) removeMember(this.byCandidate, candidate, path);
      if (ref.target !== null) this.removeTarget(path, ref, change);
    }
    this.zoneFiles.delete(path);
    this.apiClientFiles.delete(path);
    if (this.versionFiles.delete(path)) this.versionOrder = null;
  }

  /** `path` appeared or went: references of other files that may resolve there are resolved again. */
  private resolveAgainst(path: string, change: IndexChange): void {
    for (const other of this.byCandidate.get(path) ?? []) {
      const c = this.files.get(other);
      if (!c || other === path) continue;
      this.work++;
      for (const ref of c.references) {
        const target = ref.candidates.find((p) => this.files.has(p)) ?? null;
        if (target === ref.target) continue;
        if (ref.target !== null) this.removeTarget(other, ref, change);
        ref.target = target;
        if (target !== null) this.addTarget(other, ref, change);
      }
    }
  }

  private addTarget(path: string, ref: Reference, change: IndexChange): void {
    const target = ref.target!;
    if (ref.kind === 'file') {
      this.count(this.fileReferenceCount, target, 1, IndexKey.fileReferenced(target));
      return;
    }
    let users = this.valuesUsers.get(target);
    if (!users) this.valuesUsers.set(target, (users = new Map()));
    users.set(path, (users.get(path) ?? 0) + 1);
    change.keys.add(IndexKey.valuesUsers(target));
  }

  private removeTarget(path: string, ref: Reference, change: IndexChange): void {
    const target = ref.target!;
    if (ref.kind === 'file') {
      this.count(this.fileReferenceCount, target, -1, IndexKey.fileReferenced(target));
      return;
    }
    const users = this.valuesUsers.get(target);
    const count = users?.get(path) ?? 0;
    if (users && count <= 1) users.delete(path);
    else users?.set(path, count - 1);
    if (users?.size === 0) this.valuesUsers.delete(target);
    change.keys.add(IndexKey.valuesUsers(target));
  }

  /** Adds `delta` to the count of `item`; `key` is reported if its yes/no answer differs at the end of the update. */
  private count(counts: Map<string, number>, item: string, delta: number, key: string): void {
    let watched = this.watched.get(counts);
    if (!watched) this.watched.set(counts, (watched = new Map()));
    if (!watched.has(item)) watched.set(item, { key, counts, item, had: counts.has(item) });
    const next = (counts.get(item) ?? 0) + delta;
    if (next <= 0) counts.delete(item);
    else counts.set(item, next);
  }

  private addName(own: Map<string, Set<string>>, other: Map<string, Set<string>>, name: string, path: string, key: string, change: IndexChange): void {
    change.keys.add(key);
    const set = own.get(name);
    if (set) set.add(path);
    else {
      own.set(name, new Set([path]));
      if (other.has(name)) this.definedAndReferenced++;
    }
  }

  private removeName(own: Map<string, Set<string>>, other: Map<string, Set<string>>, name: string, path: string, key: string, change: IndexChange): void {
    change.keys.add(key);
    const set = own.get(name);
    if (!set?.delete(path) || set.size > 0) return;
    own.delete(name);
    if (other.has(name)) this.definedAndReferenced--;
  }

  /** Defined names in first-seen workspace order that nothing references, the first SUGGESTION_POOL_SIZE. */
  private buildPool(): string[] {
    const pool: string[] = [];
    const seen = new Set<string>();
    for (const path of this.inOrder(this.definerFiles)) {
      this.work++;
      for (const name of this.files.get(path)!.defined) {
        if (seen.has(name) || this.referencersByName.has(name)) continue;
        seen.add(name);
        pool.push(name);
        if (pool.length === SUGGESTION_POOL_SIZE) return pool;
      }
    }
    return pool;
  }

  private inOrder(paths: Iterable<string> | undefined): string[] {
    if (!paths) return [];
    return [...paths].sort((a, b) => this.files.get(a)!.seq - this.files.get(b)!.seq);
  }

  private documentsOf(paths: Iterable<string> | undefined): LintDocument[] {
    const out: LintDocument[] = [];
    for (const path of paths instanceof Array ? paths : this.inOrder(paths)) {
      const doc = this.document(path);
      if (doc) out.push(doc);
    }
    return out;
  }
}

/**
 * Most files name no Secret and install nothing: their contributions share one empty set instead
 * of four of their own each (an empty Set is a hash table; 20,000 files kept 9 MB of them).
 */
const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * A copy of a name that holds no reference to the file it was read from. V8 keeps a substring of
 * 13 or more characters as a slice of its parent string, so a Secret name or version tag kept in
 * the index would keep its whole file's text alive after the workspace released it.
 */
function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

function setOf(items: Iterable<string>): ReadonlySet<string> {
  const set = new Set(items);
  return set.size === 0 ? NO_NAMES : set;
}

/** The index as one lint sees it: every question records its key through `record`. */
export function recordingIndex(state: WorkspaceIndexState, record: (key: string) => void): WorkspaceIndex {
  return {
    definers: (name) => (record(IndexKey.definers(name)), state.definers(name)),
    defines: (name) => (record(IndexKey.definers(name)), state.defines(name)),
    referencers: (name) => (record(IndexKey.referencers(name)), state.referencers(name)),
    references: (name) => (record(IndexKey.referencers(name)), state.references(name)),
    secretReferences: (name) => (record(IndexKey.referencers(name)), state.secretReferences(name)),
    isKdsGlobalSecret: (name) => (record(IndexKey.referencers(name)), state.isKdsGlobalSecret(name)),
    isApiServerSecret: (name) => (record(IndexKey.referencers(name)), state.isApiServerSecret(name)),
    installLinesPassing: (path) => (record(IndexKey.valuesUsers(path)), state.installLinesPassing(path)),
    installsInto: (namespace) => (record(IndexKey.installNamespace(namespace)), state.installsInto(namespace)),
    keepsSecrets: () => (record(IndexKey.keepsSecrets), state.keepsSecrets()),
    suggestionPool: () => (record(IndexKey.suggestionPool), state.suggestionPool()),
    zones: () => (record(IndexKey.zones), state.zones()),
    apiClients: () => (record(IndexKey.apiClients), state.apiClients()),
    fileReferenced: (path) => (record(IndexKey.fileReferenced(path)), state.fileReferenced(path)),
    exists: (path) => (record(IndexKey.exists(path)), state.exists(path)),
    agreedKumaVersion: () => (record(IndexKey.kumaVersion), state.agreedKumaVersion()),
  };
}

/** An index of a fixed set of documents, built from scratch (hovers, test doubles without an index). */
export function workspaceIndex(documents: Iterable<LintDocument>): WorkspaceIndex {
  const byPath = new Map<string, LintDocument>();
  for (const doc of documents) if (!byPath.has(doc.path)) byPath.set(doc.path, doc);
  const state = new WorkspaceIndexState((p) => byPath.get(p));
  let seq = 0;
  for (const [path, doc] of byPath) state.update(path, doc, seq++);
  state.settle();
  return recordingIndex(state, () => undefined);
}

/** Every path `ref` may resolve to from `fromPath`, in the order resolution tries them. */
function candidatesOf(fromPath: string, ref: string): string[] {
  const out: string[] = [];
  resolveWorkspacePath((p) => (out.push(p), false), fromPath, ref);
  return out;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameSet(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return (a?.size ?? 0) === (b?.size ?? 0);
  if (a.size !== b.size) return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
}
