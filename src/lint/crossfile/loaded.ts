// Which certificate material Kuma or its chart will load (lint-rules.md: "severity follows what
// Kuma will load"). A problem there breaks a control plane or a data plane and is an error; PEM
// material that nothing Kuma uses (a repository's deliberately broken test fixtures, another
// program's certificates) is reported at most as a warning, so it never fails a CI run.
import { basename, dirname, join } from 'node:path';
import { KUMA_SECRET_NAMES } from '../../kuma';
import { MaterialSlot } from '../material';
import { LintDocument } from '../model/document';
import { Severity } from '../types';
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
  if (name !== null && (KUMA_SECRET_NAMES.has(name) || ctx.index().references(name))) return true;
  return namespace !== null && (namespace === ctx.controlPlaneNamespace || ctx.index().installsInto(namespace));
}

/** The pairs of the layout kumactl and `kuma-tls generate` write: a file is Kuma's when its partner is beside it. */
const LAYOUT_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['tls.crt', 'tls.key'],
  ['ca.crt', 'ca.key'],
];

function fileIsKumas(path: string, index: WorkspaceIndex): boolean {
  if (index.fileReferenced(path)) return true;
  const dir = dirname(path);
  const name = basename(path);
  const beside = (file: string) => index.exists(join(dir, file));
  // ca.crt beside a tls.crt/tls.key pair is the CA that issued it (the recipe's layout).
  if (name === 'ca.crt' && beside('tls.crt') && beside('tls.key')) return true;
  return LAYOUT_PAIRS.some((pair) => pair.includes(name) && pair.every(beside));
}
