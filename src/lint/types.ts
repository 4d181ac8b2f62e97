// The linter's public data shapes. Editor-free: the VS Code glue, the CLI and the unit tests
// all consume exactly these. Positions are 0-based with UTF-16 columns (VS Code's convention);
// the CLI converts to 1-based when it prints.

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Pos {
  line: number;
  character: number;
}

export interface Span {
  start: Pos;
  end: Pos;
}

/** Another place involved in a finding (the Secret a values file names, the CA that fails to verify…). */
export interface RelatedLocation {
  /** Absolute path of the file. */
  path: string;
  range: Span;
  message: string;
}

export interface TextEdit {
  /** Absolute path of the file the edit applies to (a fix may edit another file). */
  path: string;
  range: Span;
  newText: string;
}

/**
 * A mechanical repair, computed when the finding is made, so that a quick fix needs no
 * re-analysis (the yaml-language-server pattern of machine-readable diagnostic data).
 */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants; the editor marks it preferred. */
  preferred?: boolean;
}

export interface Finding {
  /** Stable public rule id from lint-rules.md (e.g. `ca-bundle-secret-pair`). */
  rule: string;
  severity: Severity;
  message: string;
  /** Absolute path of the file the finding is reported on. */
  path: string;
  range: Span;
  related: RelatedLocation[];
  fixes: Fix[];
}

export interface ControlPlaneTarget {
  namespace: string;
  serviceName: string;
}

export interface LintOptions {
  /** Per-rule severity overrides; rules not named keep their default. */
  severities?: Record<string, SeveritySetting>;
  /** `cert-expiring` fires for certificates that expire within this many days. */
  expiryWindowDays?: number;
  /**
   * `cert-expiring` also fires when less than this fraction of a certificate's lifetime
   * (notAfter - notBefore) remains; 0 turns that off. Default 0.1;
   * `.kuma-tls.yaml` `expiry.lifetimeFraction`. A Secret that a cert-manager
   * `Certificate` of the workspace produces follows that Certificate's renewBefore instead.
   */
  expiryLifetimeFraction?: number;
  /** Files larger than this are skipped with one info finding. */
  maxFileBytes?: number;
  controlPlane?: ControlPlaneTarget;
  /**
   * The Kuma version settings are judged against (`2.9`, `2.9.3`; `--kuma-version`,
   * `kumaTls.kumaVersion`). Unset: the version the workspace installs, else any catalogued version.
   */
  kumaVersion?: string;
  /** The clock for validity checks; tests pin it. */
  now?: Date;
}

export const DEFAULT_LINT_OPTIONS: Required<Omit<LintOptions, 'now' | 'kumaVersion'>> = {
  severities: {},
  expiryWindowDays: 30,
  expiryLifetimeFraction: 0.1,
  maxFileBytes: 2 * 1024 * 1024,
  controlPlane: { namespace: 'kuma-system', serviceName: 'kuma-control-plane' },
};

/** What the engine recognised a file as; the language status item shows it. */
export type KumaFileKind =
  | 'helm-values'
  | 'secret'
  | 'workload-env'
  | 'kuma-cp-config'
  | 'kumactl-config'
  | 'env-file'
  | 'pem'
  | 'shell'
  | 'markdown';

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One sentence: what the rule catches. */
  summary: string;
}
