// What the editor needs from the lint core. The core's LintWorkspace satisfies it; in-editor
// tests and `activate(context, overrides)` may pass another implementation.
import { LintDocument } from '../lint/model/document';
import { Finding, KumaFileKind, LintOptions } from '../lint/types';

export interface LintBackend {
  setDocument(path: string, content: string | Uint8Array): void;
  removeDocument(path: string): void;
  lint(path: string): Finding[];
  /** Files whose findings depend on `path` (a values file naming a Secret in `path`). */
  dependentsOf(path: string): string[];
  kindsOf(path: string): KumaFileKind[];
  /** Every indexed path. */
  paths(): string[];
  /** The parsed model of an indexed file (undefined when skipped or absent). */
  get(path: string): LintDocument | undefined;
}

export type LintBackendFactory = (options: LintOptions) => LintBackend;
