// What the language status item says about a file: which Kuma file it is and how many findings
// it has (the vscode-eslint pattern: one quiet item, no notifications). Plain data; the editor
// only picks the icon.
import { Finding, KumaFileKind, Severity } from '../types';

const KIND_LABELS: Record<KumaFileKind, string> = {
  'helm-values': 'Helm values',
  secret: 'Kubernetes Secret',
  'workload-env': 'workload env',
  'kuma-cp-config': 'kuma-cp config',
  'kumactl-config': 'kumactl config',
  'env-file': 'env file',
  pem: 'PEM',
  shell: 'install script',
  markdown: 'runbook',
};

export function describeKinds(kinds: readonly KumaFileKind[]): string {
  return kinds.map((k) => KIND_LABELS[k]).join(', ');
}

export interface FileStatus {
  /** False for a file that is not a Kuma file: the item says there is nothing to check. */
  kuma: boolean;
  findings: number;
  errors: number;
  /** The worst severity among the findings (info when none). */
  severity: Severity;
  text: string;
  detail: string;
}

export function fileStatus(findings: readonly Pick<Finding, 'severity'>[], kinds: readonly KumaFileKind[]): FileStatus {
  if (kinds.length === 0) return { kuma: false, findings: 0, errors: 0, severity: 'info', text: 'Kuma TLS', detail: 'not a Kuma file: nothing to check' };
  const errors = findings.filter((f) => f.severity === 'error').length;
  const count = findings.length;
  return {
    kuma: true,
    findings: count,
    errors,
    severity: errors > 0 ? 'error' : count > 0 ? 'warning' : 'info',
    text: count === 0 ? 'Kuma TLS' : `Kuma TLS: ${count} ${count === 1 ? 'finding' : 'findings'}`,
    detail: `checks this ${describeKinds(kinds)}`,
  };
}
