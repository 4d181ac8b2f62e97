// The control plane's TLS settings as the rules compare them with Secrets, whichever way they are
// written: a Helm values document, or `--set` / kumactl `--tls-*` flags on an install command line.
import { isScalar } from 'yaml';
import { base64SubstitutionFile, chartValuesOf, InstallCommand } from '../model/commands';
import { LintDocument } from '../model/document';
import { HELM_SECRET_SLOTS, helmSecretNames, SecretSlot } from '../model/helm';
import { isSet, isTrue, scalarString, YamlDocument } from '../model/yaml';
import type { WorkspaceView } from '../rule';
import { Span } from '../types';
import { FileLookup, resolveWorkspaceFile } from './paths';
import { decodeBase64 } from './pem';
import { resolvesTo, resolveSecret, SecretResolution } from './secret-definitions';
import { workspaceIndex, WorkspaceIndex } from './workspace-index';

export interface SecretNameSetting {
  slot: SecretSlot;
  /** `controlPlane.tls.general.secretName`, or the kumactl flag as written. */
  setting: string;
  secretName: string;
  range: Span;
  /** The chart creates this Secret itself (`kds*.create: true`): nothing to find. */
  chartCreates: boolean;
}

export interface CaBundleSetting {
  range: Span;
  /** The PEM the bundle stands for; null when unknowable (a variable, invalid base64). */
  content: string | null;
  /** The file a `$(base64 -w0 < FILE)` substitution reads, when it is in the workspace. */
  file: LintDocument | null;
  /** The value is a substitution (a fix then replaces the file name, not the value). */
  substitution: { path: string; pathRange: Span } | null;
}

export interface ControlPlaneTls {
  origin: 'values' | 'command';
  /** The control plane's namespace: the install command's -n, else the configured one. */
  namespace: string;
  secretNames: SecretNameSetting[];
  caBundle: CaBundleSetting | null;
  hasCaSecretName: boolean;
}

export interface ControlPlaneContext {
  get: FileLookup;
  /** The workspace index, built on first use. */
  index: () => WorkspaceIndex;
  defaultNamespace: string;
}

const SLOT_BY_VALUE = new Map(HELM_SECRET_SLOTS.map(([slot, path]) => [`controlPlane.tls.${path.join('.')}`, slot]));
const CA_BUNDLE = 'controlPlane.tls.general.caBundle';

// Per lint, as helmValuesOf: the index object is one lint's, and the first reading recorded the
// lint's dependencies; the other rules of the lint (and the referencers they visit) share it.
const tlsByIndex = new WeakMap<object, WeakMap<LintDocument, ControlPlaneTls[]>>();

/** Every control-plane TLS configuration `doc` writes: one per values document and per install line. */
export function controlPlaneTlsOf(doc: LintDocument, ctx: ControlPlaneContext): ControlPlaneTls[] {
  const index = ctx.index();
  let known = tlsByIndex.get(index);
  if (!known) tlsByIndex.set(index, (known = new WeakMap()));
  let out = known.get(doc);
  if (!out) known.set(doc, (out = readControlPlaneTls(doc, ctx)));
  return out;
}

function readControlPlaneTls(doc: LintDocument, ctx: ControlPlaneContext): ControlPlaneTls[] {
  const out: ControlPlaneTls[] = [];
  if (doc.yaml && doc.helmValues.length > 0) {
    const namespace = valuesNamespace(doc.path, ctx);
    for (const { doc: d } of doc.helmValues) out.push(fromValues(doc, d, namespace));
  }
  for (const command of doc.commands) if (command.kind === 'install') out.push(fromCommand(doc, command, ctx));
  return out;
}

function fromValues(doc: LintDocument, d: YamlDocument, namespace: string): ControlPlaneTls {
  const yaml = doc.yaml!;
  const creates = (section: string) => isTrue(yaml.getNode(d, ['controlPlane', 'tls', section, 'create']));
  const secretNames = helmSecretNames(yaml, d).map(({ slot, path, secretName, range }) => ({
    slot,
    setting: `controlPlane.tls.${path.join('.')}`,
    secretName,
    range,
    chartCreates: (slot === 'kdsGlobalServer' || slot === 'kdsZoneClient') && creates(path[0]),
  }));
  const entry = yaml.get(d, ['controlPlane', 'tls', 'general', 'caBundle']);
  let caBundle: CaBundleSetting | null = null;
  if (entry?.value && isScalar(entry.value) && isSet(entry.value)) {
    const text = scalarString(entry.value);
    caBundle = { range: entry.valueRange, content: /[$`{]/.test(text) ? null : decodeBase64(text), file: null, substitution: null };
  }
  return { origin: 'values', namespace, secretNames, caBundle, hasCaSecretName: isSet(yaml.getNode(d, ['controlPlane', 'tls', 'general', 'caSecretName'])) };
}

function fromCommand(doc: LintDocument, command: InstallCommand, ctx: ControlPlaneContext): ControlPlaneTls {
  const settings = chartValuesOf(command);
  const secretNames: SecretNameSetting[] = [];
  let caBundle: CaBundleSetting | null = null;
  for (const { helmValue, setting, value } of settings) {
    const slot = SLOT_BY_VALUE.get(helmValue);
    if (slot && !value.dynamic && value.value !== '') secretNames.push({ slot, setting, secretName: value.value, range: value.range, chartCreates: false });
    if (helmValue !== CA_BUNDLE || value.value === '') continue;
    const path = value.dynamic ? base64SubstitutionFile(value.value) : null;
    const file = path ? resolveWorkspaceFile(ctx.get, doc.path, path) : null;
    const at = path ? value.value.lastIndexOf(path) : -1;
    caBundle = {
      range: value.range,
      content: file ? file.text : value.dynamic ? null : decodeBase64(value.value),
      file,
      substitution: path && at >= 0 ? { path, pathRange: shift(value.range, at, path.length) } : null,
    };
  }
  const namespace = command.namespace && !command.namespace.dynamic ? command.namespace.value : ctx.defaultNamespace;
  return { origin: 'command', namespace, secretNames, caBundle, hasCaSecretName: secretNames.some((s) => s.slot === 'generalCa') };
}

/** A part of a one-line value's range (substitutions never span lines in our model). */
function shift(range: Span, from: number, length: number): Span {
  if (range.start.line !== range.end.line) return range;
  const line = range.start.line;
  return { start: { line, character: range.start.character + from }, end: { line, character: range.start.character + from + length } };
}

/** The namespace the control plane of a values file runs in: the -n of the install line passing it, else the configured one. */
export function valuesNamespace(valuesPath: string, ctx: ControlPlaneContext): string {
  return installNamespaceOf(valuesPath, ctx) ?? ctx.defaultNamespace;
}

/** The -n of an install command in the workspace that passes this values file with -f/--values. */
function installNamespaceOf(valuesPath: string, ctx: ControlPlaneContext): string | null {
  for (const { command } of ctx.index().installLinesPassing(valuesPath)) {
    if (command.namespace && !command.namespace.dynamic) return command.namespace.value;
  }
  return null;
}

// A view without an index of its own (a test double) gets one built from its documents, once:
// the engine gives every rule of one lint(path) call the same view, and nothing changes during it.
const indexByView = new WeakMap<object, WorkspaceIndex>();

/** The index a rule reads: the workspace's, whose answers record dependencies by key. */
export function indexOf(view: Pick<WorkspaceView, 'documents' | 'index'>): WorkspaceIndex {
  if (view.index) return view.index();
  let built = indexByView.get(view);
  if (!built) indexByView.set(view, (built = workspaceIndex(view.documents())));
  return built;
}

/** The control-plane context of a rule: its workspace reads record dependencies. */
export function controlPlaneContext(ctx: { workspace: Pick<WorkspaceView, 'get' | 'documents' | 'index'>; controlPlane: { namespace: string } }): ControlPlaneContext {
  const view = ctx.workspace;
  return { get: (p) => view.get(p), index: () => indexOf(view), defaultNamespace: ctx.controlPlane.namespace };
}

export interface ResolvedSecretName {
  cp: ControlPlaneTls;
  named: SecretNameSetting;
  resolution: SecretResolution;
}

/** Each secretName `doc` sets for a Secret the workspace must provide (not one the chart creates), resolved. */
export function resolvedSecretNames(doc: LintDocument, ctx: ControlPlaneContext): ResolvedSecretName[] {
  return controlPlaneTlsOf(doc, ctx).flatMap((cp) =>
    cp.secretNames.filter((named) => !named.chartCreates).map((named) => ({ cp, named, resolution: resolveSecret(ctx, named.secretName, cp.namespace) })),
  );
}

/**
 * Whether the Secret definition at `path`/`nameRange` is what some control plane of the workspace
 * mounts as its `slot` Secret: a control plane names it there, and in that control plane's
 * namespace it is the one definition (or a copy of it), not one of several that differ.
 */
export function mountedAs(ctx: ControlPlaneContext, slot: SecretSlot, name: string, path: string, nameRange: Span): boolean {
  for (const other of ctx.index().referencers(name)) {
    for (const cp of controlPlaneTlsOf(other, ctx)) {
      if (cp.secretNames.some((s) => s.slot === slot && s.secretName === name) && resolvesTo(resolveSecret(ctx, name, cp.namespace), path, nameRange)) return true;
    }
  }
  return false;
}

/** Keys each referenced Secret must have (reference §2.3). */
export function requiredKeys(slot: SecretSlot, hasCaSecretName: boolean): string[] {
  switch (slot) {
    case 'general':
      return hasCaSecretName ? ['tls.crt', 'tls.key'] : ['tls.crt', 'tls.key', 'ca.crt'];
    case 'generalCa':
    case 'kdsZoneClient':
      return ['ca.crt'];
    case 'apiServer':
    case 'kdsGlobalServer':
      return ['tls.crt', 'tls.key'];
    default:
      return [];
  }
}
