// Runs the rules over one parsed document: severities, suppressions, the standard "disable"
// fix, and isolation (a rule that throws becomes one internal-error finding).
import { echo } from '../pki/redact';
import { disableForLineFix } from './fixes';
import { LintDocument } from './model/document';
import { ResolvedLintOptions, Rule, RuleContext, WorkspaceView } from './rule';
import { anchorLines, isSuppressed, readSuppressions } from './suppress';
import { DEFAULT_LINT_OPTIONS, Finding, KumaFileKind, LintOptions, Severity, SeveritySetting } from './types';

export function resolveOptions(options: LintOptions = {}): ResolvedLintOptions {
  return {
    severities: { ...DEFAULT_LINT_OPTIONS.severities, ...(options.severities ?? {}) },
    expiryWindowDays: options.expiryWindowDays ?? DEFAULT_LINT_OPTIONS.expiryWindowDays,
    expiryLifetimeFraction: options.expiryLifetimeFraction ?? DEFAULT_LINT_OPTIONS.expiryLifetimeFraction,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_LINT_OPTIONS.maxFileBytes,
    controlPlane: options.controlPlane ?? DEFAULT_LINT_OPTIONS.controlPlane,
    now: options.now ?? new Date(),
    ...(options.kumaVersion ? { kumaVersion: options.kumaVersion } : {}),
    ...(options.expiryLifetimeFraction !== undefined ? { expiryLifetimeFraction: options.expiryLifetimeFraction } : {}),
  };
}

export function effectiveSeverity(options: ResolvedLintOptions, id: string, defaultSeverity: Severity): SeveritySetting {
  return options.severities[id] ?? defaultSeverity;
}

export interface DependencySink {
  dependOn(path: string): void;
}

const MAX_ERROR_TEXT = 200;

export function runRules(doc: LintDocument, rules: readonly Rule[], options: ResolvedLintOptions, workspace: WorkspaceView, deps: DependencySink): Finding[] {
  if (doc.kinds.length === 0) return [];
  const raw: Finding[] = [];
  const failures: string[] = [];
  // One context for the document, its rule fields set before each rule runs: rules run one after
  // another and keep nothing of it, and a context with its closures per rule and document was the
  // largest single cost of this loop.
  let current: { id: string; severity: Severity; userConfigured: boolean } = { id: '', severity: 'info', userConfigured: false };
  const ctx: { -readonly [K in keyof RuleContext]: RuleContext[K] } = {
    options,
    now: options.now,
    controlPlane: options.controlPlane,
    workspace,
    severity: 'info',
    report: (r) => raw.push({ rule: current.id, severity: r.severity && !current.userConfigured ? r.severity : current.severity, message: r.message, path: doc.path, range: r.range, related: r.related ?? [], fixes: r.fixes ?? [] }),
    dependOn: (path) => deps.dependOn(path),
  };
  for (const rule of rules) {
    const severity = effectiveSeverity(options, rule.id, rule.defaultSeverity);
    if (severity === 'off') continue;
    if (rule.kinds && !appliesTo(rule.kinds, doc.kinds)) continue;
    current = { id: rule.id, severity, userConfigured: options.severities[rule.id] !== undefined };
    ctx.severity = severity;
    const before = raw.length;
    try {
      rule.check(doc, ctx);
    } catch (error) {
      raw.length = before;
      const text = error instanceof Error ? error.message : String(error);
      failures.push(`${rule.id} (${echo(text, undefined, MAX_ERROR_TEXT)})`);
    }
  }
  if (failures.length > 0) {
    const severity = effectiveSeverity(options, 'internal-error', 'info');
    if (severity !== 'off') {
      raw.push({
        rule: 'internal-error',
        severity,
        message: `kuma-tls could not finish checking this file: rule ${failures.join(', ')} failed. The other rules ran; please report this with the file's shape (not its keys).`,
        path: doc.path,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        related: [],
        fixes: [],
      });
    }
  }
  return finish(doc, raw);
}

/** Whether a rule for `ruleKinds` runs on a document of `documentKinds` (both lists are a few entries long). */
function appliesTo(ruleKinds: readonly KumaFileKind[], documentKinds: readonly KumaFileKind[]): boolean {
  for (const kind of ruleKinds) if (documentKinds.includes(kind)) return true;
  return false;
}

/**
 * Findings of one rule listed per file; the rest are counted in one closing finding. A file of
 * 71,000 truncated PEM blocks is one problem 71,000 times: listing every one costs hundreds of MB
 * in the CLI and the editor, and tells the user nothing the first 200 do not.
 */
export const MAX_FINDINGS_PER_RULE = 200;

function finish(doc: LintDocument, raw: Finding[]): Finding[] {
  if (raw.length === 0) return raw;
  const suppressions = readSuppressions(doc);
  const anchors = anchorLines(doc, new Set(raw.map((f) => f.range.start.line)));
  const kept: Finding[] = [];
  for (const finding of raw) {
    const anchor = anchors.get(finding.range.start.line) ?? finding.range.start.line;
    if (isSuppressed(suppressions, finding.rule, anchor)) continue;
    kept.push(finding);
  }
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule));
  const listed = new Map<string, number>();
  const out: Finding[] = [];
  const overflow = new Map<string, { first: Finding; count: number }>();
  for (const finding of kept) {
    const n = (listed.get(finding.rule) ?? 0) + 1;
    listed.set(finding.rule, n);
    if (n > MAX_FINDINGS_PER_RULE) {
      const more = overflow.get(finding.rule);
      if (more) more.count++;
      else overflow.set(finding.rule, { first: finding, count: 1 });
      continue;
    }
    // JSON has no comments, so a suppression comment cannot go there.
    if (finding.rule !== 'internal-error' && !doc.path.toLowerCase().endsWith('.json')) finding.fixes = [...finding.fixes, disableForLineFix(doc, finding.rule, anchors.get(finding.range.start.line) ?? finding.range.start.line)];
    out.push(finding);
  }
  for (const [rule, { first, count }] of overflow) {
    out.push({
      ...first,
      message: `…and ${count} more ${rule} finding(s) in this file, not listed: only the first ${MAX_FINDINGS_PER_RULE} of a rule are. Fix those and lint again.`,
      related: [],
      fixes: [],
    });
  }
  return out;
}
