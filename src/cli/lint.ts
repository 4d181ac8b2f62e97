// `kuma-tls lint [--format text|json|sarif] [--rule ID=SEVERITY…] [--max-warnings N] PATH…`:
// everything under the paths is one workspace; exit 0 (no errors), 1 (errors, or more warnings
// than allowed), 2 (usage or internal error).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { discoverFiles } from '../lint/discover';
import { allRuleMeta } from '../lint/rules';
import { Finding, SeveritySetting } from '../lint/types';
import { LintWorkspace, tooLargeReason } from '../lint/workspace';
import { FlagSpecs, parseArgs } from './args';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { toCliFinding } from './format/shape';
import { formatText } from './format/text';
import { CliIo, EXIT_FINDINGS, EXIT_OK, UsageError } from './io';

declare const KUMA_TLS_VERSION: string | undefined;

export const LINT_HELP = `Usage:
  kuma-tls lint [--format text|json|sarif] [--rule ID=SEVERITY]... [--max-warnings N] PATH...
      Lints Kuma TLS configuration (Helm values, Secrets, kuma-cp env and config files, PEM) in
      the files and folders given; everything under them is one workspace. SEVERITY is
      off|info|warning|error. Exit status: 0 no errors, 1 errors (or more than N warnings),
      2 usage or internal error.
`;

const FLAGS: FlagSpecs = {
  format: { kind: 'string' },
  rule: { kind: 'list' },
  'max-warnings': { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
};

const FORMATS = ['text', 'json', 'sarif'] as const;
const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
/** Files read at once: enough to hide I/O latency, few enough to bound memory. */
const READ_CONCURRENCY = 16;

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
  if (parsed.positionals.length === 0) throw new UsageError('lint needs at least one file or folder (see kuma-tls lint --help)');

  const workspace = new LintWorkspace({ severities });
  const roots = parsed.positionals.map((p) => path.resolve(io.cwd, p));
  const missing: string[] = [];
  const pending = new Set<Promise<void>>();
  for await (const file of discoverFiles(roots, (root) => missing.push(root))) {
    const read = load(workspace, file.path, file.size).finally(() => pending.delete(read));
    pending.add(read);
    if (pending.size >= READ_CONCURRENCY) await Promise.race(pending);
  }
  await Promise.all(pending);
  if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.map((m) => path.relative(io.cwd, m) || m).join(', ')}`);

  const findings: Finding[] = [...workspace.lintAll().values()].flat();
  const cliFindings = findings.map((f) => toCliFinding(io.cwd, f)).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column));
  if (format === 'json') io.stdout(formatJson(cliFindings));
  else if (format === 'sarif') io.stdout(formatSarif(cliFindings, allRuleMeta(), typeof KUMA_TLS_VERSION === 'string' ? KUMA_TLS_VERSION : 'development'));
  else io.stdout(formatText(cliFindings));

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (format === 'text' && findings.length > 0) io.stderr(`${findings.length} finding(s): ${errors} error(s), ${warnings} warning(s)\n`);
  if (errors > 0) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`kuma-tls: ${warnings} warning(s), more than --max-warnings ${maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

async function load(workspace: LintWorkspace, file: string, size: number): Promise<void> {
  if (size > workspace.maxFileBytes) {
    workspace.setSkipped(file, tooLargeReason(size, workspace.maxFileBytes));
    return;
  }
  let content: Buffer;
  try {
    content = await fs.readFile(file);
  } catch {
    return; // deleted or unreadable since discovery: nothing to lint
  }
  workspace.setDocument(file, content);
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

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`invalid --max-warnings "${value}" (expected a whole number)`);
  return Number(value);
}
