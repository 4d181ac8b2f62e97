// How the CLI finds the `.kuma-tls.yaml` files that apply to a run: `--config FILE` alone, or
// the config files of every folder from the repository root (the nearest folder holding `.git`;
// outside a repository, the linted folder itself) down to the linted paths; the walker hands over
// the ones below. An invalid config file stops the run with exit 2 and names the key and line.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from '../lint/discover';
import { readRegularFile } from '../lint/read-regular-file';
import { CONFIG_FILE_NAMES, formatConfigProblem } from '../lint/config/parse';
import { LintWorkspace } from '../lint/workspace';
import { escapeControlCharacters as terminalSafe } from '../pki/redact';
import { relativeFile } from './format/shape';
import { UsageError } from './io';

export function useExplicitConfig(workspace: LintWorkspace, cwd: string, file: string): void {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --config ${terminalSafe(file)}: ${terminalSafe((error as NodeJS.ErrnoException).code ?? 'unreadable')}`);
  }
  const problem = workspace.useConfigFile(absolute, text);
  if (problem) throw new UsageError(`invalid config ${terminalSafe(formatConfigProblem(problem, relativeFile(cwd, absolute)))}`);
}

/** Loads the config files of `start` (a folder) and of every folder above it up to the repository root. */
export async function loadEnclosingConfigs(workspace: LintWorkspace, cwd: string, start: string, loaded: Set<string>): Promise<void> {
  const top = (await repositoryRoot(start)) ?? start;
  for (let directory = start; ; directory = path.dirname(directory)) {
    for (const name of CONFIG_FILE_NAMES) loadConfigFile(workspace, cwd, path.join(directory, name), loaded, true);
    if (directory === top || path.dirname(directory) === directory) return;
  }
}

/** Reads one config file into the workspace (once); an invalid one is a usage error. */
export function loadConfigFile(workspace: LintWorkspace, cwd: string, file: string, loaded: Set<string>, mayBeAbsent: boolean): void {
  if (loaded.has(file)) return;
  loaded.add(file);
  let text: string;
  try {
    // Nobody named it: a named pipe of that name is refused, not waited on.
    text = readRegularFile(file).toString('utf8');
  } catch (error) {
    if (mayBeAbsent && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : 'unreadable');
    throw new UsageError(`cannot read config ${terminalSafe(relativeFile(cwd, file))}: ${terminalSafe(reason)}`);
  }
  workspace.setDocument(file, text);
  const problem = workspace.configProblems().find((p) => p.path === file);
  if (problem) throw new UsageError(`invalid config ${terminalSafe(formatConfigProblem(problem, relativeFile(cwd, file)))}`);
}
