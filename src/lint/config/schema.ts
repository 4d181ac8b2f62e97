// The JSON schema of `.kuma-tls.yaml` (schemas/kuma-tls-config.schema.json), built from the rule
// registry so the editor's YAML extension completes every rule id with its summary. The file is
// written by `node scripts/config-schema.mjs`; a unit test fails when it drifts from this.
import { allRuleMeta } from '../rules';
import { SEVERITY_SETTINGS } from './parse';

export const CONFIG_SCHEMA_ID = 'https://github.com/kuma-tls/vscode-kuma-tls/blob/main/schemas/kuma-tls-config.schema.json';

export function configSchema(): object {
  const severity = (summary: string, defaultSeverity: string) => ({ description: `${summary} (default: ${defaultSeverity})`, enum: [...SEVERITY_SETTINGS] });
  const rules = {
    type: 'object',
    description: 'Severity per rule id: off, info, warning or error. `kuma-tls rules` lists the ids.',
    additionalProperties: false,
    properties: Object.fromEntries(allRuleMeta().map((r) => [r.id, severity(r.summary, r.defaultSeverity)])),
  };
  const globs = {
    description: '.gitignore-style globs relative to the folder of this file.',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  };
  const settings = {
    rules,
    kumaVersion: { type: 'string', description: 'The Kuma release settings are judged against (2.9, 2.9.3). Default: what the files install.', pattern: '^(\\d+\\.\\d+(\\.\\d+)?|master)$' },
    controlPlane: {
      type: 'object',
      description: 'Where the control plane runs: the general certificate must cover <serviceName>.<namespace>[.svc].',
      additionalProperties: false,
      properties: {
        namespace: { type: 'string', description: 'Default: kuma-system.', pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$' },
        serviceName: { type: 'string', description: 'Default: kuma-control-plane.', pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$' },
      },
    },
    expiry: {
      type: 'object',
      description: 'When cert-expiring fires.',
      additionalProperties: false,
      properties: {
        days: { type: 'number', minimum: 0, maximum: 36500, description: 'Days before notAfter (default 30).' },
        lifetimeFraction: { type: 'number', minimum: 0, maximum: 1, description: 'Also in the last fraction of the lifetime (0.2: the last fifth).' },
      },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_ID,
    title: 'Kuma TLS linter configuration (.kuma-tls.yaml)',
    description: 'How kuma-tls lints the files of this folder and below; the nearest .kuma-tls.yaml wins. CLI flags and editor settings override it.',
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      ...settings,
      ignore: { ...globs, description: 'Paths not to lint (.gitignore syntax, relative to this file; they add up with the ignores of config files above).' },
      overrides: {
        type: 'array',
        description: 'Settings for some paths, applied in order over the ones above.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: { files: { ...globs, description: 'The paths this override applies to (.gitignore syntax, relative to this file).' }, ...settings },
        },
      },
    },
  };
}
