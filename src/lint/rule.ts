// The contract between the engine and a rule module. A rule is a small module exporting one
// `Rule`; the registry (rules/index.ts) lists them. Rules never throw on purpose, but if one
// does the engine reports it once as `internal-error` and the other rules still run.
import type { WorkspaceIndex } from './crossfile/workspace-index';
import { LintDocument } from './model/document';
import { SecretSlot } from './model/helm';
import { ControlPlaneTarget, Fix, KumaFileKind, LintOptions, RelatedLocation, RuleMeta, Severity, Span } from './types';

export interface Rule extends RuleMeta {
  /** A paragraph for the docs page and hovers: why Kuma cares. */
  description?: string;
  /**
   * Run only on documents recognised as one of these kinds. Omit to run on every Kuma
   * document (a document with no kind never reaches any rule).
   */
  kinds?: readonly KumaFileKind[];
  check(doc: LintDocument, ctx: RuleContext): void;
}

/** What a rule says about a problem; the engine adds rule id, severity, path and the disable fix. */
export interface Report {
  range: Span;
  message: string;
  related?: RelatedLocation[];
  /** Mechanical repairs, computed now so the editor needs no re-analysis (see fixes.ts helpers). */
  fixes?: Fix[];
  /**
   * A weaker form of the problem may report below the rule's default (api-server-http-exposed's
   * "the default binds to 0.0.0.0" is info). Ignored when the user configured the rule's severity.
   */
  severity?: Severity;
}

export type ResolvedLintOptions = Required<Omit<LintOptions, 'now' | 'kumaVersion' | 'expiryLifetimeFraction'>> & { now: Date; kumaVersion?: string; expiryLifetimeFraction?: number };

/** What a rule may read about the rest of the workspace (cross-file rules; see issue 5). */
export interface WorkspaceView {
  /** The parsed document at an absolute path, if the workspace has it. */
  get(path: string): LintDocument | undefined;
  /**
   * Every document of the workspace (parsed lazily). Iterating it makes the findings depend on
   * every file: ask `index()` instead, whose answers are dependencies by key.
   */
  documents(): Iterable<LintDocument>;
  /**
   * The workspace index (Secret definers and referencers, install lines by values file, files
   * settings read…), the same object for every rule of one lint; each answer it gives becomes a
   * dependency of exactly what was asked. Optional: test doubles get one built from documents().
   */
  index?(): WorkspaceIndex;
}

export interface RuleContext {
  readonly options: ResolvedLintOptions;
  /** The clock for validity checks (options.now or the real time). */
  readonly now: Date;
  readonly controlPlane: ControlPlaneTarget;
  readonly workspace: WorkspaceView;
  /** The severity this rule runs at (after user overrides). */
  readonly severity: Severity;
  report(report: Report): void;
  /** Declares that this document's findings depend on another file, so editing it re-lints this one. */
  dependOn(path: string): void;
}

export type { SecretSlot };

/** A Helm values setting that names a Secret (`controlPlane.tls.<slot>.secretName`). */
export interface SecretReference {
  /** Absolute path of the values file. */
  path: string;
  slot: SecretSlot;
  secretName: string;
  /** The `secretName` value. */
  range: Span;
}
