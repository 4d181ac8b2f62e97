// A folder as one lint workspace, read from disk: what renewal, rotation and the probe look at,
// for the CLI and the palette commands alike. Files too large for the linter are recorded as
// skipped; unreadable ones are reported and left out.
import { discoverFiles, DiscoveryProblem, errnoReason } from '../discover';
import { readRegularFileAsync } from '../read-regular-file';
import { LintDocument } from '../model/document';
import { LintWorkspace, tooLargeReason } from '../workspace';

export async function loadFolder(root: string, onProblem: (problem: DiscoveryProblem) => void): Promise<LintWorkspace> {
  const workspace = new LintWorkspace({});
  // .gitignore is not consulted: a repository that does it right ignores its private keys, and
  // renewal and rotation need exactly those (the CA's key signs, a leaf's key may be kept).
  for await (const file of discoverFiles([root], onProblem, { gitignore: false })) {
    if (file.size > workspace.maxFileBytes) {
      workspace.setSkipped(file.path, tooLargeReason(file.size, workspace.maxFileBytes));
      continue;
    }
    const content = await readRegularFileAsync(file.path).catch((error: unknown) => {
      onProblem({ path: file.path, reason: `skipped: it cannot be read (${errnoReason(error)})`, named: false });
      return null;
    });
    if (content) workspace.setDocument(file.path, content);
  }
  return workspace;
}

/** The parsed documents of a workspace (files with no Kuma content are left out). */
export function documentsOf(workspace: LintWorkspace): LintDocument[] {
  return workspace.paths().flatMap((p) => workspace.get(p) ?? []);
}
