// Which definition of a Secret name a control plane gets. Kubernetes keeps one Secret per name
// and namespace: when the workspace defines a name twice, the cluster holds whichever was
// applied last, and no rule can know which. This module is the one place that decides "the
// single definition, or ambiguous"; rules that compare a Secret's content ask it and stay
// silent on ambiguity (secret-ambiguous reports it) instead of each picking the first found.
import { Span } from '../types';
import { FileLookup } from './paths';
import { SecretSource, secretsNamed } from './secrets';
import { WorkspaceIndex } from './workspace-index';

export type SecretResolution =
  | { kind: 'none' }
  /** One definition, or identical copies of it (`copies`, `secret` first): any of them will do. */
  | { kind: 'single'; secret: SecretSource; copies: SecretSource[]; inNamespace: boolean }
  /** Definitions that differ; `definitions` lists every one in the scope. */
  | { kind: 'ambiguous'; definitions: SecretSource[]; inNamespace: boolean };

export interface SecretLookup {
  index: () => WorkspaceIndex;
  get: FileLookup;
}

/**
 * The Secret `name` as a control plane in `namespace` mounts it. The scope is the definitions in
 * that namespace or with none written (kubectl without -n, a manifest without
 * metadata.namespace: they land wherever they are applied); definitions in other namespaces do
 * not compete with them. When none is in scope, the scope is every definition
 * (`inNamespace: false`): the rules still compare with a Secret that secret-namespace says is in
 * the wrong place.
 */
export function resolveSecret(lookup: SecretLookup, name: string, namespace: string): SecretResolution {
  const all = secretsNamed(lookup.index(), lookup.get, name);
  if (all.length === 0) return { kind: 'none' };
  const inScope = all.filter((s) => s.namespace === null || s.namespace === namespace);
  const scope = inScope.length > 0 ? inScope : all;
  const inNamespace = inScope.length > 0;
  const variants = distinctDefinitions(scope);
  if (variants.length === 1) return { kind: 'single', secret: scope[0], copies: scope, inNamespace };
  return { kind: 'ambiguous', definitions: scope, inNamespace };
}

/** The definitions rules may check: all copies of a single one, none when ambiguous. */
export function checkableCopies(resolution: SecretResolution): SecretSource[] {
  return resolution.kind === 'single' ? resolution.copies : [];
}

/** Whether `resolution` is one definition and the one at `path`/`nameRange` is a copy of it. */
export function resolvesTo(resolution: SecretResolution, path: string, nameRange: Span): boolean {
  return resolution.kind === 'single' && resolution.copies.some((s) => s.path === path && samePosition(s.nameRange, nameRange));
}

/**
 * The definitions grouped by content, first of each group. Two definitions are the same when they
 * have the same keys and each key the same content; content that cannot be known here (a file
 * outside the workspace, a substitution) is the same only when written the same way. Type and
 * namespace do not count: they do not change what a rule would compare.
 */
export function distinctDefinitions(definitions: readonly SecretSource[]): SecretSource[] {
  const out: SecretSource[] = [];
  for (const d of definitions) if (!out.some((o) => sameContent(o, d))) out.push(d);
  return out;
}

/** Keys whose content differs between the definitions (or that some of them lack), sorted. */
export function differingKeys(definitions: readonly SecretSource[]): string[] {
  const keys = new Set(definitions.flatMap((d) => [...d.keys.keys()]));
  const [first, ...rest] = definitions;
  return [...keys].filter((k) => rest.some((d) => !sameKey(first, d, k))).sort();
}

function sameContent(a: SecretSource, b: SecretSource): boolean {
  if (a.keys.size !== b.keys.size) return false;
  for (const key of a.keys.keys()) if (!sameKey(a, b, key)) return false;
  return true;
}

function sameKey(a: SecretSource, b: SecretSource, key: string): boolean {
  const x = a.keys.get(key);
  const y = b.keys.get(key);
  if (!x || !y) return false;
  if (x.content !== null && y.content !== null) return normalized(x.content) === normalized(y.content);
  return x.content === null && y.content === null && x.written === y.written;
}

/** A PEM file and the same PEM in a manifest differ only in line ends and the final newline. */
function normalized(content: string): string {
  return content.replace(/\r\n/g, '\n').trim();
}

function samePosition(a: Span, b: Span): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}
