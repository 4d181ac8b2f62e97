// One language status item (not notifications) that says what Kuma TLS checks in the current
// file and how many findings it has: the vscode-eslint pattern.
import * as vscode from 'vscode';
import { Finding, KumaFileKind } from '../lint/types';

export const STATUS_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml' },
  { language: 'dotenv' },
  { language: 'properties' },
  { language: 'shellscript' },
  { language: 'markdown' },
  { language: 'pem' },
  { language: 'plaintext' },
];

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

export class KumaLanguageStatus implements vscode.Disposable {
  readonly item = vscode.languages.createLanguageStatusItem('kumaTls.status', STATUS_SELECTOR);

  constructor() {
    this.item.name = 'Kuma TLS';
    this.show(undefined, [], []);
  }

  show(uri: vscode.Uri | undefined, findings: readonly Finding[], kinds: readonly KumaFileKind[]): void {
    const item = this.item;
    if (!uri || kinds.length === 0) {
      item.text = 'Kuma TLS';
      item.detail = 'not a Kuma file: nothing to check';
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.command = undefined;
      return;
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    const count = findings.length;
    item.text = count === 0 ? `$(check) Kuma TLS` : `$(shield) Kuma TLS: ${count} ${count === 1 ? 'finding' : 'findings'}`;
    item.detail = `checks this ${describeKinds(kinds)}`;
    item.severity =
      errors > 0 ? vscode.LanguageStatusSeverity.Error : count > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    item.command = count > 0 ? { command: 'workbench.actions.view.problems', title: 'Show Problems' } : undefined;
  }

  /** Workspace indexing shows here, not in a notification: busy spinner plus a count. */
  indexing(state: { done: number; total: number } | undefined): void {
    this.item.busy = state !== undefined;
    if (state) this.item.detail = `indexing the workspace: ${state.done}/${state.total} files`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
