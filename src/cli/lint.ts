// `kuma-tls lint [--format text|json|sarif] [--rule ID=SEVERITY…] [--max-warnings N] [--kuma-version X.Y[.Z]] PATH…`:
// everything under the paths is one workspace; exit 0 (no errors), 1 (errors, or more warnings
// than allowed), 2 (usage or internal error).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiscoveredFile, DiscoveryProblem, discoverFiles, errnoReason } from '../lint/discover';
import { formatOf } from '../lint/model/kinds';
import { escapeControlCharacters as terminalSafe } from '../pki/redact';
import { allRuleMeta } from '../lint/rules';
import { catalogueRangeText, isCataloguedVersion } from '../kuma';
import { Finding, SeveritySetting } from '../lint/types';
import { LintWorkspace, tooLargeReason } from '../lint/workspace';
import { FlagSpecs, parseArgs } from './args';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { relativeFile, toCliFinding } from './format/shape';
import { formatText, TEXT_COLUMN_UNIT } from './format/text';
import { CliIo, EXIT_FINDINGS, EXIT_OK, UsageError } from './io';

declare const KUMA_TLS_VERSION: string | undefined;

export const LINT_HELP = `Usage:
  kuma-tls lint [--format text|json|sarif] [--rule ID=SEVERITY]... [--max-warnings N] [--kuma-version X.Y[.Z]] PATH...
      Lints Kuma TLS configuration (Helm values, Secrets, kuma-cp env and config files, PEM) in
      the files and folders given; everything under them is one workspace. SEVERITY is
      off|info|warning|error. Lines and columns are 1-based; columns count UTF-16 code units.
      --kuma-version judges settings against that Kuma release (default: the version the files
      install, from a helm --version, a Chart.yaml dependency or a kuma-cp/kuma-dp image tag;
      else any release from 2.0 to master). Symbolic links out of the given folders are not followed. Exit status: 0 no errors, 1 errors (or more than N warnings),
      2 usage or internal error.
`;

const FLAGS: FlagSpecs = {
  format: { kind: 'string' },
  rule: { kind: 'list' },
  'max-warnings': { kind: 'string' },
  'kuma-version': { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
};

const FORMATS = ['text', 'json', 'sarif'] as const;
const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
/** Enough of a file to see whether its first non-blank line is a PEM BEGIN line. */
const SNIFF_BYTES = 4096;

export async function runLint(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, FLAGS);
  if (parsed.booleans.has('help')) {
    io.stdout(LINT_HELP);
    return EXIT_OK;
  }
  const format = parsed.strings.get('format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`invalid --format "${format}" (expected text, json or sarif)`);
  const severities = parseRuleFlags(parsed.lists.get('rule') ?? []);
  const maxWarnings = parseMaxWarnings(parsed.strings.get('max-warnings'));
  const kumaVersion = parseKumaVersion(parsed.strings.get('kuma-version'));
  if (parsed.positionals.length === 0) throw new UsageError('lint needs at least one file or folder (see kuma-tls lint --help)');

  const workspace = new LintWorkspace({ severities, ...(kumaVersion ? { kumaVersion } : {}) });
  const roots = parsed.positionals.map((p) => path.resolve(io.cwd, p));
  // An error names a path the way the user wrote it, not resolved against the working folder.
  const asGiven = new Map(roots.map((root, i) => [root, parsed.positionals[i]]));
  const unlintable: DiscoveryProblem[] = [];
  const report = (problem: DiscoveryProblem): void => {
    if (problem.named) unlintable.push(problem);
    else io.stderr(`kuma-tls: note: ${terminalSafe(relativeFile(io.cwd, problem.path))}: ${terminalSafe(problem.reason)}\n`);
  };
  // Synchronous reads in walk order: a promise per file cost more than the whole gap between
  // linting a tree and parsing it, and the files are read one after another either way (the
  // workspace takes them in walk order, and lintAll reports in that order).
  for await (const file of discoverFiles(roots, report)) load(workspace, file, report);
  // A path the user named that cannot be linted is an error, never a silent exit 0.
  if (unlintable.length > 0) {
    throw new UsageError(unlintable.map((p) => `cannot lint ${terminalSafe(asGiven.get(p.path) ?? (path.relative(io.cwd, p.path) || p.path))}: ${terminalSafe(p.reason)}`).join('\n'));
  }

  const findings: Finding[] = [...workspace.lintAll().values()].flat();
  const cliFindings = findings.map((f) => toCliFinding(io.cwd, f)).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column));
  if (format === 'json') io.stdout(formatJson(cliFindings));
  else if (format === 'sarif') io.stdout(formatSarif(cliFindings, allRuleMeta(), typeof KUMA_TLS_VERSION === 'string' ? KUMA_TLS_VERSION : 'development', io.cwd));
  else io.stdout(formatText(cliFindings));

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const infos = findings.length - errors - warnings;
  if (format === 'text' && findings.length > 0) io.stderr(`${findings.length} finding(s): ${errors} error(s), ${warnings} warning(s), ${infos} info (${TEXT_COLUMN_UNIT})\n`);
  if (errors > 0) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`kuma-tls: ${warnings} warning(s), more than --max-warnings ${maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

function load(workspace: LintWorkspace, file: DiscoveredFile, report: (problem: DiscoveryProblem) => void): void {
  if (file.size > workspace.maxFileBytes) {
    workspace.setSkipped(file.path, tooLargeReason(file.size, workspace.maxFileBytes));
    return;
  }
  let content: Buffer;
  try {
    content = readFileSync(file.path);
  } catch (error) {
    // Deleted since discovery, or unreadable: an error for a named file, a note inside a folder.
    report({ path: file.path, reason: file.named ? errnoReason(error) : `skipped: it cannot be read (${errnoReason(error)})`, named: file.named });
    return;
  }
  if (file.named && formatOf(file.path, content.subarray(0, SNIFF_BYTES).toString('latin1')) === 'other') {
    report({ path: file.path, reason: 'kuma-tls cannot tell its kind from its name or content (it lints YAML, JSON, env, PEM, shell and Markdown files: *.yaml, *.json, *.env, *.pem/*.crt/*.key, *.sh, *.md)', named: true });
    return;
  }
  workspace.setDocument(file.path, content);
}

function parseRuleFlags(values: readonly string[]): Record<string, SeveritySetting> {
  const known = new Set(allRuleMeta().map((r) => r.id));
  const out: Record<string, SeveritySetting> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const id = eq < 0 ? value : value.slice(0, eq);
    const severity = eq < 0 ? '' : value.slice(eq + 1);
    if (!known.has(id)) throw new UsageError(`unknown rule "${id}" in --rule ${value}`);
    if (!(SEVERITIES as readonly string[]).includes(severity)) throw new UsageError(`invalid severity in --rule ${value} (expected ID=off|info|warning|error)`);
    out[id] = severity as SeveritySetting;
  }
  return out;
}

function parseKumaVersion(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isCataloguedVersion(value)) throw new UsageError(`invalid --kuma-version "${terminalSafe(value)}" (expected a Kuma release such as 2.9 or 2.9.3, from ${catalogueRangeText()})`);
  return value;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`invalid --max-warnings "${value}" (expected a whole number)`);
  return Number(value);
}
