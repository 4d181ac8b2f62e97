// `kuma-tls lint [--format text|json|sarif|gitlab] [--rule ID=SEVERITY…] [--max-warnings N] [--kuma-version X.Y[.Z]] PATH…`:
// everything under the paths is one workspace; exit 0 (no errors), 1 (errors, or more warnings
// than allowed), 2 (usage or internal error, an invalid config file).
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { DiscoveredFile, DiscoveryProblem, discoverFilesSync, errnoReason } from '../lint/discover';
import { formatOf } from '../lint/model/kinds';
import { escapeControlCharacters as terminalSafe } from '../pki/redact';
import { allRuleMeta } from '../lint/rules';
import { catalogueRangeText, isCataloguedVersion } from '../kuma';
import { Finding, SeveritySetting } from '../lint/types';
import { LintBatches } from '../lint/batches';
import { LintWorkspace, tooLargeReason } from '../lint/workspace';
import { FlagSpecs, parseArgs } from './args';
import { readRegularFile } from '../lint/read-regular-file';
import { formatJson } from './format/json';
import { formatGitlab } from './format/gitlab';
import { formatSarif, ruleDocsUri } from './format/sarif';
import { CliFinding, relativeFile, toCliFinding } from './format/shape';
import { formatText, TEXT_COLUMN_UNIT } from './format/text';
import { CliIo, EXIT_FINDINGS, EXIT_OK, UsageError } from './io';
import { loadConfigFile, loadEnclosingConfigs, useExplicitConfig } from './config-files';
import { LintOptions } from '../lint/types';
import { isConfigFileName } from '../lint/config/parse';

declare const KUMA_TLS_VERSION: string | undefined;

export const LINT_HELP = `Usage:
  kuma-tls lint [options] PATH...
  kuma-tls lint [options] --stdin-filename NAME - [PATH...]
  kuma-tls lint [options] --print-config FILE
      Lints Kuma TLS configuration (Helm values, Secrets, kuma-cp env and config files, PEM) in
      the files and folders given; everything under them is one workspace. Folders are walked
      without what .gitignore files and the config's "ignore" list out; files named are linted
      whatever the .gitignore says. "-" reads one file from standard input, linted as NAME (its
      kind, config and overrides follow the name). Lines and columns are 1-based; columns count
      UTF-16 code units. Symbolic links out of the given folders are not followed.

Options (flags win over .kuma-tls.yaml, which wins over the defaults):
  --format text|json|sarif|gitlab  output format (default text; gitlab: GitLab code quality)
  --rule ID=SEVERITY               a rule's severity: off|info|warning|error (repeatable)
  --max-warnings N                 exit 1 when there are more than N warnings (0: any warning fails)
  --expiry-window DAYS|N%          cert-expiring fires this many days before expiry, or in the
                                   last N% of a certificate's lifetime (default 30 days)
  --kuma-version X.Y[.Z]           judge settings against this Kuma release (default: what the
                                   files install, from helm --version, a Chart.yaml dependency or
                                   an image tag; else any release from 2.0 to master)
  --config FILE                    use this config file for every path (no .kuma-tls.yaml lookup)
  --no-ignore                      do not skip what .gitignore files ignore
  --print-config FILE              print the options that apply to FILE (JSON) and exit
  --stdin-filename NAME            the name of the file read from "-"

Exit status: 0 no errors, 1 errors (or more than N warnings), 2 usage or internal error, or an
invalid config file (its key and line on standard error).
`;

const FLAGS: FlagSpecs = {
  format: { kind: 'string' },
  rule: { kind: 'list' },
  'max-warnings': { kind: 'string' },
  'kuma-version': { kind: 'string' },
  'expiry-window': { kind: 'string' },
  config: { kind: 'string' },
  'no-ignore': { kind: 'boolean' },
  'print-config': { kind: 'string' },
  'stdin-filename': { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
};

const FORMATS = ['text', 'json', 'sarif', 'gitlab'] as const;
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
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`invalid --format "${terminalSafe(format)}" (expected text, json, sarif or gitlab)`);
  const hostOptions = flagOptions(parsed.lists.get('rule') ?? [], parsed.strings.get('kuma-version'), parsed.strings.get('expiry-window'));
  const maxWarnings = parseMaxWarnings(parsed.strings.get('max-warnings'));
  // Files are linted in batches as the walk reads them, and each batch's parse trees and texts
  // released (lint/batches.ts): the findings record what they read, so the few that a later file
  // changes (a Secret defined after the values file naming it) are read from disk and linted
  // again at the end. Nobody asks which files depend on which: no reverse map of dependents.
  const workspace = new LintWorkspace(hostOptions, undefined, { tracksDependents: false, reread: readRegularFile });
  const explicitConfig = parsed.strings.get('config');
  if (explicitConfig !== undefined) useExplicitConfig(workspace, io.cwd, explicitConfig);
  const loadedConfigs = new Set<string>();
  const enclosing = async (directory: string): Promise<void> => {
    if (explicitConfig === undefined) await loadEnclosingConfigs(workspace, io.cwd, directory, loadedConfigs);
  };

  const printConfig = parsed.strings.get('print-config');
  if (printConfig !== undefined) {
    const file = path.resolve(io.cwd, printConfig);
    await enclosing(path.dirname(file));
    const answer = workspace.configAnswer(file);
    const shown = { file: relativeFile(io.cwd, file), configFile: answer.configFile ? relativeFile(io.cwd, answer.configFile) : null, ignored: answer.ignored, options: answer.options };
    io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
    return EXIT_OK;
  }

  const stdinIndex = parsed.positionals.indexOf('-');
  const stdinName = parsed.strings.get('stdin-filename');
  if (stdinIndex >= 0 && stdinName === undefined) throw new UsageError('lint - needs --stdin-filename NAME (the name tells the kind of file, and which config and overrides apply)');
  if (stdinIndex < 0 && stdinName !== undefined) throw new UsageError('--stdin-filename names the file read from "-"; add - to the paths');
  if (parsed.positionals.length === 0) throw new UsageError('lint needs at least one file or folder (see kuma-tls lint --help)');
  const stdinPath = stdinName === undefined ? undefined : path.resolve(io.cwd, stdinName);

  const given = parsed.positionals.filter((p) => p !== '-');
  const roots = given.map((p) => path.resolve(io.cwd, p));
  // An error names a path the way the user wrote it, not resolved against the working folder.
  const asGiven = new Map(roots.map((root, i) => [root, given[i]]));
  const unlintable: DiscoveryProblem[] = [];
  const report = (problem: DiscoveryProblem): void => {
    if (problem.named) unlintable.push(problem);
    else io.stderr(`kuma-tls: note: ${terminalSafe(relativeFile(io.cwd, problem.path))}: ${terminalSafe(problem.reason)}\n`);
  };
  for (const root of roots) await enclosing(await folderOf(root));
  if (stdinPath !== undefined) {
    await enclosing(path.dirname(stdinPath));
    const content = await (io.stdin ?? noStdin)();
    if (workspace.isIgnored(stdinPath)) io.stderr(`kuma-tls: note: ${terminalSafe(relativeFile(io.cwd, stdinPath))}: ignored by the config's "ignore" list\n`);
    else workspace.setDocument(stdinPath, content);
  }
  // A synchronous walk and synchronous reads in walk order: a promise per file cost more than the
  // whole gap between linting a tree and parsing it, and the files are read one after another
  // either way (the workspace takes them in walk order, and the batches collect findings in it).
  const clock = new Date();
  const batch = new LintBatches(workspace, clock);
  const walk = discoverFilesSync(roots, report, { gitignore: !parsed.booleans.has('no-ignore'), isIgnored: (p, isDirectory) => workspace.isIgnored(p, isDirectory) });
  for (const file of walk) {
    if (isConfigFileName(file.path)) {
      // The folder's config applies to the rest of the walk below it (discovery yields it first).
      if (explicitConfig === undefined) loadConfigFile(workspace, io.cwd, file.path, loadedConfigs, false);
      continue;
    }
    if (file.path === stdinPath) continue; // standard input stands for this file's content
    if (file.named && workspace.isIgnored(file.path)) {
      io.stderr(`kuma-tls: note: ${terminalSafe(relativeFile(io.cwd, file.path))}: ignored by the config's "ignore" list\n`);
      continue;
    }
    if (load(workspace, file, report)) batch.add(file.path);
  }
  // A path the user named that cannot be linted is an error, never a silent exit 0.
  if (unlintable.length > 0) {
    throw new UsageError(unlintable.map((p) => `cannot lint ${terminalSafe(asGiven.get(p.path) ?? (path.relative(io.cwd, p.path) || p.path))}: ${terminalSafe(p.reason)}`).join('\n'));
  }

  const findings: Finding[] = batch.findings();
  const ordered = findings
    .map((finding) => ({ finding, cli: toCliFinding(io.cwd, finding) }))
    .sort(({ cli: a }, { cli: b }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column));
  const cliFindings = ordered.map((o) => o.cli);
  if (format === 'json') io.stdout(formatJson(cliFindings));
  else if (format === 'sarif') io.stdout(formatSarif(cliFindings, allRuleMeta(), typeof KUMA_TLS_VERSION === 'string' ? KUMA_TLS_VERSION : 'development', io.cwd, fingerprints(workspace, ordered)));
  else if (format === 'gitlab') io.stdout(formatGitlab(cliFindings, fingerprints(workspace, ordered)));
  else io.stdout(formatText(cliFindings));

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const infos = findings.length - errors - warnings;
  if (format === 'text' && findings.length > 0) {
    io.stderr(`${findings.length} finding(s): ${errors} error(s), ${warnings} warning(s), ${infos} info (${TEXT_COLUMN_UNIT})\n`);
    // Standard output keeps one finding a line (the contract); where each rule is explained goes here.
    for (const rule of [...new Set(cliFindings.map((f) => f.rule))]) io.stderr(`  ${rule}: ${ruleDocsUri(rule)}\n`);
  }
  if (errors > 0) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`kuma-tls: ${warnings} warning(s), more than --max-warnings ${maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  // A warning (an expiring certificate) passing CI is a choice, so say how to make it fail.
  if (warnings > 0 && maxWarnings === undefined) io.stderr(`kuma-tls: ${warnings} warning(s) do not fail this run; --max-warnings 0, or the rule at "error" in .kuma-tls.yaml, makes them fail\n`);
  return EXIT_OK;
}

async function noStdin(): Promise<Buffer> {
  throw new UsageError('standard input is not available');
}

async function folderOf(root: string): Promise<string> {
  try {
    return statSync(root).isDirectory() ? root : path.dirname(root);
  } catch {
    return path.dirname(root);
  }
}

/**
 * A key per finding that stays the same across runs while the finding does: the rule, the file and
 * the text it covers (hashed; a moved line keeps its key), numbered among identical ones.
 * SARIF's partialFingerprints and GitLab's fingerprint carry it, so code scanning tracks an alert
 * across commits instead of opening a new one when lines shift.
 */
function fingerprints(workspace: LintWorkspace, findings: ReadonlyArray<{ finding: Finding; cli: CliFinding }>): string[] {
  const seen = new Map<string, number>();
  // Split each file once: a rendered install near the size cap can carry thousands of findings.
  const linesByPath = new Map<string, string[] | undefined>();
  const linesOf = (path: string): string[] | undefined => {
    if (!linesByPath.has(path)) linesByPath.set(path, workspace.textOf(path)?.split('\n'));
    return linesByPath.get(path);
  };
  return findings.map(({ finding: f, cli }) => {
    const lines = linesOf(f.path);
    const covered = lines === undefined ? '' : textOf(lines, f.range).replace(/\s+/g, ' ').trim();
    const base = createHash('sha256').update(`${f.rule}\0${cli.file}\0${covered}`).digest('hex').slice(0, 32);
    const nth = (seen.get(base) ?? 0) + 1;
    seen.set(base, nth);
    return `${base}:${nth}`;
  });
}

function textOf(lines: readonly string[], range: Finding['range']): string {
  if (range.start.line === range.end.line) return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character) || (lines[range.start.line] ?? '');
  return [lines[range.start.line]?.slice(range.start.character) ?? '', ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line]?.slice(0, range.end.character) ?? ''].join('\n');
}

/** Reads `file` into the workspace; false when it was not (unreadable, or a named file of no kind kuma-tls lints). */
function load(workspace: LintWorkspace, file: DiscoveredFile, report: (problem: DiscoveryProblem) => void): boolean {
  // Over the cap, only what the workspace still screens is read: the screen passes over a CRD
  // bundle silently and reports one that may be Kuma's as skipped.
  if (file.size > workspace.maxFileBytes && !workspace.screensOverCap(file.path, file.size)) {
    workspace.setSkipped(file.path, tooLargeReason(file.size, workspace.maxFileBytes));
    return true;
  }
  let content: Buffer;
  try {
    content = readRegularFile(file.path);
  } catch (error) {
    // Deleted since discovery, or unreadable: an error for a named file, a note inside a folder.
    report({ path: file.path, reason: file.named ? errnoReason(error) : `skipped: it cannot be read (${errnoReason(error)})`, named: file.named });
    return false;
  }
  if (file.named && formatOf(file.path, content.subarray(0, SNIFF_BYTES).toString('latin1')) === 'other') {
    report({ path: file.path, reason: 'kuma-tls cannot tell its kind from its name or content (it lints YAML, JSON, env, PEM, shell and Markdown files: *.yaml, *.json, *.env, *.pem/*.crt/*.key, *.sh, *.md)', named: true });
    return false;
  }
  workspace.setDocument(file.path, content, true);
  return true;
}

function flagOptions(rules: readonly string[], kumaVersionFlag: string | undefined, expiryWindow: string | undefined): LintOptions {
  const options: LintOptions = {};
  if (rules.length > 0) options.severities = parseRuleFlags(rules);
  const kumaVersion = parseKumaVersion(kumaVersionFlag);
  if (kumaVersion) options.kumaVersion = kumaVersion;
  if (expiryWindow !== undefined) {
    const days = /^(\d+(?:\.\d+)?)d?$/.exec(expiryWindow);
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(expiryWindow);
    if (days) options.expiryWindowDays = Number(days[1]);
    else if (percent && Number(percent[1]) <= 100) options.expiryLifetimeFraction = Number(percent[1]) / 100;
    else throw new UsageError(`invalid --expiry-window "${terminalSafe(expiryWindow)}" (expected days such as 30, or a share of the lifetime such as 20%)`);
  }
  return options;
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
