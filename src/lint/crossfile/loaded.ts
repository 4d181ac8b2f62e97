// Which certificate material Kuma or its chart will load (lint-rules.md: "severity follows what
// Kuma will load"). A problem there breaks a control plane or a data plane and is an error; PEM
// material that nothing Kuma uses (a repository's deliberately broken test fixtures, another
// program's certificates) is reported at most as a warning, so it never fails a CI run.
import { basename, dirname, join } from 'node:path';
import { KUMA_SECRET_NAMES } from '../../kuma';
import { MaterialSlot } from '../material';
import { base64SubstitutionFile } from '../model/commands';
import { LintDocument } from '../model/document';
import { Severity } from '../types';
import { resolveWorkspacePath } from './paths';
import { WorkspaceIndex } from './workspace-index';

export interface LoadedContext {
  index: () => WorkspaceIndex;
  /** The configured control-plane namespace (a Secret there is the control plane's). */
  controlPlaneNamespace: string;
}

/** The severity a material finding gets: an error only where Kuma loads the material. */
export function severityForMaterial(severity: Severity, slot: MaterialSlot | null, doc: LintDocument, ctx: LoadedContext): Severity {
  if (severity !== 'error' || slot === null || isLoadedByKuma(slot, doc, ctx)) return severity;
  return 'warning';
}

/**
 * Kuma or its chart loads: chart values (a values file, an install line), Kuma settings, a Secret
 * that a control plane of the workspace names, that has one of Kuma's own names or lives in a
 * control plane's namespace, and a PEM file that a Kuma setting, a `kubectl create secret` line or
 * an install line of the workspace reads, or that sits in the layout kumactl and `kuma-tls
 * generate` write (`tls.crt` with `tls.key`, `ca.crt` beside them or with `ca.key`).
 */
export function isLoadedByKuma(slot: MaterialSlot, doc: LintDocument, ctx: LoadedContext): boolean {
  const origin = slot.origin;
  switch (origin.kind) {
    case 'chart':
    case 'setting':
      return true;
    case 'secret':
      return secretIsKumas(origin.name, origin.namespace, ctx);
    case 'file':
      return fileIsKumas(doc.path, ctx.index());
  }
}

function secretIsKumas(name: string | null, namespace: string | null, ctx: LoadedContext): boolean {
  if (name !== null && (KUMA_SECRET_NAMES.has(name) || ctx.index().referencers.has(name))) return true;
  return namespace !== null && (namespace === ctx.controlPlaneNamespace || facts(ctx.index()).installNamespaces.has(namespace));
}

/** The pairs of the layout kumactl and `kuma-tls generate` write: a file is Kuma's when its partner is beside it. */
const LAYOUT_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['tls.crt', 'tls.key'],
  ['ca.crt', 'ca.key'],
];

function fileIsKumas(path: string, index: WorkspaceIndex): boolean {
  const { referencedFiles, paths } = facts(index);
  if (referencedFiles.has(path)) return true;
  const dir = dirname(path);
  const name = basename(path);
  const beside = (file: string) => paths.has(join(dir, file));
  // ca.crt beside a tls.crt/tls.key pair is the CA that issued it (the recipe's layout).
  if (name === 'ca.crt' && beside('tls.crt') && beside('tls.key')) return true;
  return LAYOUT_PAIRS.some((pair) => pair.includes(name) && pair.every(beside));
}

interface WorkspaceFacts {
  /** Absolute paths of workspace files that a Kuma setting or command reads. */
  referencedFiles: Set<string>;
  paths: Set<string>;
  /** The `-n/--namespace` of every install line in the workspace. */
  installNamespaces: Set<string>;
}

const factsByIndex = new WeakMap<WorkspaceIndex, WorkspaceFacts>();

function facts(index: WorkspaceIndex): WorkspaceFacts {
  let known = factsByIndex.get(index);
  if (known) return known;
  const paths = new Set(index.docs.map((d) => d.path));
  const referencedFiles = new Set<string>();
  for (const doc of index.docs) {
    for (const ref of fileReferences(doc)) {
      const target = resolveWorkspacePath((p) => paths.has(p), doc.path, ref);
      if (target) referencedFiles.add(target);
    }
  }
  const installNamespaces = new Set<string>();
  for (const doc of index.installers) {
    for (const command of doc.commands) if (command.kind === 'install' && command.namespace && !command.namespace.dynamic) installNamespaces.add(command.namespace.value);
  }
  known = { referencedFiles, paths, installNamespaces };
  factsByIndex.set(index, known);
  return known;
}

/** Setting names whose value is a file Kuma reads: `*_CERT_FILE`, `*_CA_PATH`, `tlsCertFile`, `rootCaFile`… */
const FILE_SETTING = /(_FILE|_PATH|File|Path)$/;

const referencesCache = new WeakMap<LintDocument, string[]>();

/** The files a document makes Kuma read, as written (relative or absolute). */
function fileReferences(doc: LintDocument): string[] {
  let refs = referencesCache.get(doc);
  if (refs) return refs;
  refs = [];
  for (const scope of doc.settings) {
    for (const s of scope.occurrences) {
      const name = s.envName ?? s.yamlPath?.[s.yamlPath.length - 1] ?? '';
      if (s.known && s.value !== '' && FILE_SETTING.test(s.envName ? name.toUpperCase() : name)) refs.push(s.value);
    }
  }
  for (const command of doc.commands) {
    if (command.kind === 'kubectl-secret') {
      for (const file of command.files) if (!file.path.dynamic) refs.push(file.path.value);
    } else if (command.kind === 'install') {
      for (const set of command.sets) {
        if (set.file && !set.value.dynamic) refs.push(set.value.value);
        const substituted = set.value.dynamic ? base64SubstitutionFile(set.value.value) : null;
        if (substituted) refs.push(substituted);
      }
      for (const flag of command.flags) {
        const substituted = flag.value.dynamic ? base64SubstitutionFile(flag.value.value) : null;
        if (substituted) refs.push(substituted);
      }
    }
  }
  referencesCache.set(doc, refs);
  return refs;
}
