// What sits at a position of a parsed Kuma file: certificate material (a PEM block, a base64
// Secret value, a caBundle) with its partners (the key or CA beside it), a Kuma setting name,
// or a Helm values key. Editor-free: reads the lint core's document model, changes nothing.
import { isMap } from 'yaml';
import { helmValueByPath, HelmValue, settingByEnv, settingByYamlPath, CatalogueSetting } from '../../kuma';
import { slotsOf, MaterialSlot } from '../material';
import { helmSecretNames } from '../model/helm';
import { LintDocument } from '../model/document';
import { YamlDocument, YamlEntry, YamlFile } from '../model/yaml';
import { Pos, Span } from '../types';
import { certificateMatchesKey, describeMaterial, DescribedCertificate, DescribedItem, DescribedValue, issuedByOneOf } from './describe';
import { PairingNote } from './materialMarkdown';
import { ControlPlaneContext, valuesNamespace } from '../crossfile/control-plane';
import { resolveSecret } from '../crossfile/secret-definitions';
import { WorkspaceIndex, workspaceIndex } from '../crossfile/workspace-index';
import { DEFAULT_LINT_OPTIONS } from '../types';

export function contains(span: Span, pos: Pos): boolean {
  const afterStart = pos.line > span.start.line || (pos.line === span.start.line && pos.character >= span.start.character);
  const beforeEnd = pos.line < span.end.line || (pos.line === span.end.line && pos.character <= span.end.character);
  return afterStart && beforeEnd;
}

export interface LocatedItem {
  item: DescribedItem;
  /** Where the item is in the document: its own lines for PEM text, the whole value when encoded. */
  range: Span;
}

export interface DescribedSlot {
  slot: MaterialSlot;
  described: DescribedValue;
  items: LocatedItem[];
}

/** Another value a certificate or key is checked against (same Secret, same values section, a sibling file). */
export interface Partner {
  label: string;
  role: 'cert' | 'key' | 'ca';
  described: DescribedValue;
}

export function describeSlot(slot: MaterialSlot): DescribedSlot | null {
  const described = describeMaterial(slot.value.text);
  if (!described) return null;
  const items = described.items.map((item) => ({
    item,
    range: described.encoding === 'pem' ? slot.value.spanOf(item.start, item.end) : slot.value.range,
  }));
  return { slot, described, items };
}

/** Every described certificate/key slot of a document (code lenses list all of them). */
export function describedSlots(doc: LintDocument): DescribedSlot[] {
  const out: DescribedSlot[] = [];
  for (const slot of slotsOf(doc, new Set())) {
    const described = describeSlot(slot);
    if (described) out.push(described);
  }
  return out;
}

export interface MaterialAt {
  slot: DescribedSlot;
  /** The items under the cursor (all of an encoded value, the one block of PEM text). */
  items: LocatedItem[];
  /** Values in the same Secret / values section, by role. */
  partners: Partner[];
}

export function materialAt(doc: LintDocument, pos: Pos): MaterialAt | null {
  const slots = slotsOf(doc, new Set());
  const slot = slots.find((s) => contains(s.value.range, pos));
  if (!slot) return null;
  const described = describeSlot(slot);
  if (!described) return null;
  const under = described.items.filter((i) => contains(i.range, pos));
  const partners: Partner[] = [];
  for (const other of slots) {
    if (other === slot || other.group !== slot.group || other.role === null) continue;
    const otherDescribed = describeMaterial(other.value.text);
    if (otherDescribed) partners.push({ label: other.label, role: other.role, described: otherDescribed });
  }
  return { slot: described, items: under.length > 0 ? under : described.items, partners };
}

export interface CaBundleCounterparts {
  partners: Partner[];
  /** What could not be checked, and why (the Secret is defined several times, differently). */
  notes: PairingNote[];
}

/** Where a service looks up other files: a workspace's documents and its live index. */
export interface WorkspaceLookup {
  get(path: string): LintDocument | undefined;
  index(): WorkspaceIndex;
}

/**
 * A lookup over a fixed set of documents (tests, and a host without a workspace index): the index
 * is built from all of them on first use, so a host with a workspace passes that instead.
 */
export function documentLookup(documents: Iterable<LintDocument>): WorkspaceLookup {
  const byPath = new Map<string, LintDocument>();
  for (const doc of documents) if (!byPath.has(doc.path)) byPath.set(doc.path, doc);
  let index: WorkspaceIndex | undefined;
  return { get: (p) => byPath.get(p), index: () => (index ??= workspaceIndex(byPath.values())) };
}

/**
 * The certificates a values file's general caBundle must have issued: tls.crt of the Secret that
 * `general.secretName` names, wherever in the workspace that Secret is defined (a manifest or a
 * kubectl line), resolved as the linter resolves it. Several differing definitions give no
 * partner but a note: saying the CA did or did not issue one of them would be a guess.
 */
export function caBundlePartners(doc: LintDocument, slot: MaterialSlot, workspace: WorkspaceLookup, defaultNamespace = DEFAULT_LINT_OPTIONS.controlPlane.namespace): CaBundleCounterparts {
  const none: CaBundleCounterparts = { partners: [], notes: [] };
  const yaml = doc.yaml;
  if (!yaml || !slot.helmDoc || slot.label !== 'controlPlane.tls.general.caBundle') return none;
  const name = helmSecretNames(yaml, slot.helmDoc).find((n) => n.slot === 'general')?.secretName;
  if (!name) return none;
  // The hovered document as the editor shows it, whatever version the lookup holds.
  const lookup: ControlPlaneContext = { get: (p) => (p === doc.path ? doc : workspace.get(p)), index: () => workspace.index(), defaultNamespace };
  const namespace = valuesNamespace(doc.path, lookup);
  const resolution = resolveSecret(lookup, name, namespace);
  if (resolution.kind === 'ambiguous') {
    const where = resolution.inNamespace ? `in ${namespace} or without a namespace` : `none in ${namespace}`;
    const text = `not compared: Secret ${name} is defined ${resolution.definitions.length} times, with different content (${where})`;
    return { partners: [], notes: [{ ok: false, undecided: true, text }] };
  }
  if (resolution.kind !== 'single') return none;
  const content = resolution.secret.keys.get('tls.crt')?.content;
  const described = content ? describeMaterial(content) : null;
  return described && described.items.length > 0 ? { partners: [{ label: `tls.crt of Secret ${name}`, role: 'cert', described }], notes: [] } : none;
}

function certificates(value: DescribedValue): DescribedCertificate[] {
  return value.items.filter((i): i is DescribedCertificate => i.kind === 'certificate');
}

/**
 * How an item pairs with the others: a leaf with its key and CA, a key with its certificate,
 * a CA with the certificate it should have issued. `role` is the role of the item's own slot.
 */
export function pairingNotes(item: DescribedItem, value: DescribedValue, role: MaterialSlot['role'], partners: readonly Partner[]): PairingNote[] {
  const notes: PairingNote[] = [];
  const ownCerts = certificates(value);
  if (item.kind === 'private-key') {
    const candidates: Array<{ label: string; cert: DescribedCertificate }> = [];
    if (ownCerts[0]) candidates.push({ label: 'this value', cert: ownCerts[0] });
    for (const p of partners) if (p.role === 'cert' && certificates(p.described)[0]) candidates.push({ label: p.label, cert: certificates(p.described)[0] });
    for (const { label, cert } of candidates) {
      const match = certificateMatchesKey(cert, item);
      if (match !== undefined) notes.push({ ok: match, text: match ? `matches the certificate in ${label}` : `does not match the certificate in ${label}` });
    }
    return notes;
  }
  if (item.kind !== 'certificate') return notes;
  const isLeafOfValue = ownCerts[0] === item;
  if (role === 'ca') {
    for (const p of partners) {
      const leaf = p.role === 'cert' ? certificates(p.described)[0] : undefined;
      if (!leaf) continue;
      const ok = issuedByOneOf(leaf, [item]) || leaf.publicKeyId === item.publicKeyId;
      notes.push({ ok, text: ok ? `issued the certificate in ${p.label}` : `did not issue the certificate in ${p.label}` });
    }
    return notes;
  }
  if (!isLeafOfValue) return notes;
  const keys = value.items.filter((i) => i.kind === 'private-key');
  for (const key of keys) {
    const match = item.kind === 'certificate' && key.kind === 'private-key' ? certificateMatchesKey(item, key) : undefined;
    if (match !== undefined) notes.push({ ok: match, text: match ? 'matches the private key in this value' : 'does not match the private key in this value' });
  }
  for (const p of partners) {
    if (p.role === 'key') {
      const key = p.described.items.find((i) => i.kind === 'private-key');
      const match = key && key.kind === 'private-key' ? certificateMatchesKey(item, key) : undefined;
      if (match !== undefined) notes.push({ ok: match, text: match ? `matches the private key in ${p.label}` : `does not match the private key in ${p.label}` });
    } else if (p.role === 'ca') {
      const cas = certificates(p.described);
      if (cas.length === 0) continue;
      const ok = issuedByOneOf(item, cas) || cas.some((ca) => ca.pem.replace(/\s/g, '') === item.pem.replace(/\s/g, ''));
      notes.push({ ok, text: ok ? `signed by the CA in ${p.label}` : `not signed by the CA in ${p.label}` });
    }
  }
  return notes;
}

/** The Kuma setting whose name (env variable or kuma-cp YAML key) is at `pos`. */
export function settingAt(doc: LintDocument, pos: Pos): { setting: CatalogueSetting; range: Span } | null {
  for (const scope of doc.settings) {
    for (const occurrence of scope.occurrences) {
      if (!contains(occurrence.nameRange, pos)) continue;
      const setting = occurrence.envName !== null ? settingByEnv(occurrence.envName.toUpperCase()) : occurrence.yamlPath ? settingByYamlPath(occurrence.yamlPath.join('.')) : undefined;
      if (setting) return { setting, range: occurrence.nameRange };
    }
  }
  return null;
}

/** The kuma chart value whose key is at `pos` in a Helm values document. */
export function helmValueAt(doc: LintDocument, pos: Pos): { value: HelmValue; range: Span } | null {
  const yaml = doc.yaml;
  if (!yaml) return null;
  for (const { doc: d } of doc.helmValues) {
    if (!contains(d.range, pos)) continue;
    const entry = entryWithKeyAt(yaml, d, pos);
    if (!entry || !entry.keyRange) continue;
    const value = helmValueByPath(entry.path.join('.'));
    if (value) return { value, range: entry.keyRange };
  }
  return null;
}

const MAX_DEPTH = 8;

function entryWithKeyAt(yaml: YamlFile, doc: YamlDocument, pos: Pos): YamlEntry | null {
  let node = doc.root;
  let path: Array<string | number> = [];
  for (let depth = 0; depth < MAX_DEPTH && node && isMap(node); depth++) {
    const entry = yaml.entries(doc, node, path).find((e) => contains(e.range, pos));
    if (!entry) return null;
    if (entry.keyRange && contains(entry.keyRange, pos)) return entry;
    node = entry.value;
    path = [...entry.path];
  }
  return null;
}
