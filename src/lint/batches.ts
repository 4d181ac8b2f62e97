// Linting files as a walk reads them, a batch at a time, so that a large tree is never held as
// parse trees all at once. Each batch is linted against the index of every file read so far and
// its trees (and the texts the host can read again) are then released (LintWorkspace.release); the findings record what they read,
// so a file whose findings a later file changes (the values file read before the Secret it
// names) is found stale and linted again when the findings are collected. The result is what
// linting the whole workspace at once gives: the incremental property test pins that equality.
import { Finding } from './types';
import { LintWorkspace } from './workspace';

/** Files per batch: enough that cross-file reads stay inside one (a values file and its Secret sit side by side), few enough that their trees are a small share of a run. */
export const LINT_BATCH_FILES = 256;

export class LintBatches {
  private readonly waiting: string[] = [];

  constructor(
    private readonly workspace: LintWorkspace,
    /** One clock for the whole run: every file is judged at the same moment. */
    private readonly clock: Date,
    private readonly size = LINT_BATCH_FILES,
  ) {}

  /**
   * A file just given to the workspace: linted with its batch. A file that parses nothing (the
   * screen passed over it) is no weight to a batch: a chart monorepo is thousands of them around
   * a few Kuma files, and counting them would lint those few against an index that lacks the
   * files after them, then parse them again when a later file made their findings stale.
   * `findings` gives it its (empty) findings.
   */
  add(path: string): void {
    if (!this.workspace.parsesWhenLinted(path)) return;
    this.waiting.push(path);
    if (this.waiting.length >= this.size) this.lintWaiting();
  }

  /** Files added since the last batch was linted. */
  get waitingFiles(): number {
    return this.waiting.length;
  }

  /** Every file's findings, in workspace order; those a later file made stale are linted again, in batches too. */
  findings(): Finding[] {
    this.lintWaiting();
    const out: Finding[] = [];
    const paths = this.workspace.paths();
    for (let start = 0; start < paths.length; start += this.size) {
      for (const path of paths.slice(start, start + this.size)) for (const finding of this.workspace.lint(path, this.clock)) out.push(finding);
      this.workspace.release();
    }
    return out;
  }

  private lintWaiting(): void {
    if (this.waiting.length === 0) return;
    for (const path of this.waiting) this.workspace.lint(path, this.clock);
    this.waiting.length = 0;
    this.workspace.release();
  }
}
