// The PEM/certificate rules share one analysis per document (material.ts); each rule module
// reports its own rule id's share of it.
import { controlPlaneContext, indexOf } from '../crossfile/control-plane';
import { LoadedContext, severityForMaterial } from '../crossfile/loaded';
import { certManagerRenewBeforeMs } from '../crossfile/renewal';
import { analyzeMaterial, MaterialAnalysis, MaterialSlot } from '../material';
import { LintDocument } from '../model/document';
import { Rule, RuleContext, WorkspaceView } from '../rule';
import { KumaFileKind, RuleMeta, Severity } from '../types';

const SERVER_SLOTS = new Set(['general', 'apiServer', 'kdsGlobalServer']);

/** Names of Secrets in `doc` that a values file uses as a server certificate Secret. */
export function serverSecretNames(doc: LintDocument, ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  const defined = doc.secrets.flatMap((s) => (s.name === null ? [] : [s.name]));
  for (const command of doc.commands) if (command.kind === 'kubectl-secret' && command.name && !command.name.dynamic) defined.push(command.name.value);
  if (defined.length === 0) return names;
  const index = indexOf(ctx.workspace);
  for (const name of defined) {
    if (index.secretReferences(name).some((r) => SERVER_SLOTS.has(r.slot))) names.add(name);
  }
  return names;
}

export function materialAnalysis(doc: LintDocument, ctx: RuleContext): ReturnType<typeof analyzeMaterial> {
  // A dozen material rules ask for the same analysis in one lint: the workspace questions behind
  // it (server Secrets, cert-manager renewals) are asked once per lint, through its view, whose
  // answers cannot change while it lasts.
  let perLint = analysesByView.get(ctx.workspace);
  if (perLint === undefined || perLint.options !== ctx.options || perLint.now !== ctx.now) {
    perLint = { options: ctx.options, now: ctx.now, analyses: new WeakMap() };
    analysesByView.set(ctx.workspace, perLint);
  }
  let analysis = perLint.analyses.get(doc);
  if (analysis === undefined) {
    const clock = { now: ctx.now, expiryWindowDays: ctx.options.expiryWindowDays, expiryLifetimeFraction: ctx.options.expiryLifetimeFraction, renewBeforeMs: certManagerRenewals(doc, ctx) };
    analysis = analyzeMaterial(doc, clock, serverSecretNames(doc, ctx));
    perLint.analyses.set(doc, analysis);
  }
  return analysis;
}

const analysesByView = new WeakMap<WorkspaceView, { options: RuleContext['options']; now: Date; analyses: WeakMap<LintDocument, MaterialAnalysis> }>();

/** For each Secret `doc` holds that a cert-manager Certificate of the workspace produces: when cert-manager renews it. */
function certManagerRenewals(doc: LintDocument, ctx: RuleContext): Map<string, number> {
  const renewals = new Map<string, number>();
  if (doc.secrets.length === 0) return renewals;
  const index = indexOf(ctx.workspace);
  for (const secret of doc.secrets) {
    if (secret.name === null || renewals.has(secret.name)) continue;
    const renewBefore = certManagerRenewBeforeMs(index, secret.name);
    if (renewBefore !== undefined) renewals.set(secret.name, renewBefore);
  }
  return renewals;
}

const MATERIAL_KINDS: readonly KumaFileKind[] = ['secret', 'helm-values', 'pem', 'env-file', 'workload-env', 'kuma-cp-config', 'shell', 'markdown'];

export function materialRule(meta: RuleMeta & { description?: string }): Rule {
  return {
    ...meta,
    kinds: MATERIAL_KINDS,
    check(doc, ctx) {
      for (const { rule, slot, ...problem } of materialAnalysis(doc, ctx).problems) {
        if (rule === meta.id) ctx.report({ ...problem, severity: materialSeverity(doc, ctx, slot) });
      }
    },
  };
}

/** The severity of a finding on material: an error only where Kuma loads it (crossfile/loaded.ts). */
export function materialSeverity(doc: LintDocument, ctx: RuleContext, slot: MaterialSlot | null): Severity {
  const loaded: LoadedContext = { index: () => controlPlaneContext(ctx).index(), controlPlaneNamespace: ctx.controlPlane.namespace };
  return severityForMaterial(ctx.severity, slot, doc, loaded);
}
