// SARIF 2.1.0 for code-scanning UIs: one run, the rule catalogue as the driver's rules, each
// finding a result with its region and related locations.
import { RuleMeta, Severity } from '../../lint/types';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { terminalSafeJson } from './json';
import { CliFinding, CliRange } from './shape';

/** Relative artifact URIs resolve against this base, which `originalUriBaseIds` maps to the folder the CLI ran in. */
export const SRCROOT = '%SRCROOT%';

export const RULE_DOCS_BASE = 'https://github.com/kuma-tls/vscode-kuma-tls/blob/main/docs/rules/';
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Where a rule is explained (the text output's footer, SARIF's helpUri, `kuma-tls rules`). */
export function ruleDocsUri(id: string): string {
  return `${RULE_DOCS_BASE}${id}.md`;
}

/** The key of `partialFingerprints` (versioned: a change of how it is computed takes a new name). */
export const FINGERPRINT_KEY = 'kumaTlsFinding/v1';

/**
 * `fingerprints[i]` belongs to `findings[i]`: stable across runs (lint.ts), so code scanning
 * keeps one alert per problem while lines move.
 */
export function formatSarif(findings: readonly CliFinding[], rules: readonly RuleMeta[], version: string, cwd: string, fingerprints: readonly string[] = []): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kuma-tls',
            version,
            informationUri: 'https://github.com/kuma-tls/vscode-kuma-tls',
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.summary },
              fullDescription: { text: r.summary },
              help: { text: `${r.summary} See ${ruleDocsUri(r.id)}` },
              helpUri: ruleDocsUri(r.id),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(cwd) } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f, i) => ({
          ruleId: f.rule,
          ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [location(f.file, f.range)],
          ...(fingerprints[i] ? { partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] } } : {}),
          ...(f.related.length > 0 ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, ...location(r.file, r.range), message: { text: r.message } })) } : {}),
        })),
      },
    ],
  };
  return `${terminalSafeJson(JSON.stringify(log, null, 2))}\n`;
}

function location(file: string, range: CliRange): { physicalLocation: object } {
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(file),
      region: { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column },
    },
  };
}

/**
 * A file of the CLI's output (relative to the working folder, `/`-separated) as a SARIF artifact
 * location: a relative URI reference against %SRCROOT% with every segment percent-encoded (`#`,
 * `?`, `%`, spaces…), or a file: URI for a file outside the working folder.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file) || file === '..' || file.startsWith('../')) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
