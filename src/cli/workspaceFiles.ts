// The current folder as a lint workspace for renew, rotate-ca and probe, notes on standard error.
import { documentsOf, loadFolder } from '../lint/lifecycle/loadFolder';
import { LintWorkspace } from '../lint/workspace';
import { escapeControlCharacters as terminalSafe } from '../pki/redact';
import { relativeFile } from './format/shape';
import { CliIo } from './io';

export function loadWorkspace(root: string, io: CliIo): Promise<LintWorkspace> {
  return loadFolder(root, (problem) => io.stderr(`kuma-tls: note: ${terminalSafe(relativeFile(io.cwd, problem.path))}: ${terminalSafe(problem.reason)}\n`));
}

export { documentsOf };
