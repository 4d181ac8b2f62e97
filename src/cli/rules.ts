// `kuma-tls rules [--format text|json]`: every rule id with its default severity, what it catches
// and where it is explained; the ids a .kuma-tls.yaml `rules:` map and --rule accept.
import { allRuleMeta } from '../lint/rules';
import { FlagSpecs, noPositionals, parseArgs } from './args';
import { ruleDocsUri } from './format/sarif';
import { CliIo, EXIT_OK, UsageError } from './io';

export const RULES_HELP = `Usage:
  kuma-tls rules [--format text|json]
      Lists every rule: id, default severity, summary and documentation link.
`;

const FLAGS: FlagSpecs = { format: { kind: 'string' }, help: { kind: 'boolean', short: 'h' } };

export function runRules(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, FLAGS);
  if (parsed.booleans.has('help')) {
    io.stdout(RULES_HELP);
    return EXIT_OK;
  }
  noPositionals(parsed, 'rules');
  const format = parsed.strings.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`invalid --format "${format}" for rules (expected text or json)`);
  const rules = allRuleMeta().map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, summary: r.summary, docs: ruleDocsUri(r.id) }));
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ rules }, null, 2)}\n`);
    return EXIT_OK;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  io.stdout(rules.map((r) => `${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  ${r.summary}\n${' '.repeat(width + 11)}${r.docs}\n`).join(''));
  return EXIT_OK;
}
