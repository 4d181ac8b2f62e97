// The current folder as a lint workspace, for the commands that read it as a whole (renew,
// rotate-ca, probe): the same discovery and loading as `kuma-tls lint`, notes on standard error.
import { discoverFiles } from '../lint/discover';
import { LintDocument } from '../lint/model/document';
import { LintWorkspace } from '../lint/workspace';
import { escapeControlCharacters as terminalSafe } from '../pki/redact';
import { relativeFile } from './format/shape';
import { CliIo } from './io';
import { load } from './lint';

export async function loadWorkspace(root: string, io: CliIo): Promise<LintWorkspace> {
  const workspace = new LintWorkspace({});
  const report = (problem: { path: string; reason: string }): void => io.stderr(`kuma-tls: note: ${terminalSafe(relativeFile(io.cwd, problem.path))}: ${terminalSafe(problem.reason)}\n`);
  for await (const file of discoverFiles([root], report)) load(workspace, file, report);
  return workspace;
}

/** The parsed documents (files with no Kuma content are left out). */
export function documentsOf(workspace: LintWorkspace): LintDocument[] {
  return workspace.paths().flatMap((p) => workspace.get(p) ?? []);
}
