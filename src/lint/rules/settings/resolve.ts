// One view of a setting occurrence whatever its form: `KUMA_API_SERVER_HTTP_INTERFACE=…` in an env
// file and `apiServer.http.interface: …` in kuma-cp YAML resolve to the same catalogue entry, so each
// rule is written once against env names (lint-rules.md: a rule about an env variable applies equally
// to its YAML twin).
import { CatalogueSetting, settingByEnv, settingByYamlPath } from '../../../kuma';
import { SettingOccurrence, SettingScope } from '../../model/settings';
import { Report } from '../../rule';
import { Severity } from '../../types';
import { echo } from '../../../pki/redact';

/** The catalogue entry an occurrence denotes, or undefined for names Kuma does not read. */
export function settingOf(occurrence: SettingOccurrence): CatalogueSetting | undefined {
  if (occurrence.envName !== null) return settingByEnv(occurrence.envName);
  if (occurrence.yamlPath !== null) return settingByYamlPath(occurrence.yamlPath.join('.'), 'kuma-cp');
  return undefined;
}

/** The name as the user wrote it, for messages (through the echo gate: a name is document text). */
export function writtenName(occurrence: SettingOccurrence): string {
  return echo(occurrence.envName ?? (occurrence.yamlPath ?? []).join('.'));
}

/** The user-facing name of a setting in the form this scope uses (env name, or YAML path in kuma-cp config). */
export function nameInScope(scope: SettingScope, setting: CatalogueSetting): string {
  return scope.source === 'kuma-cp-config' ? setting.yamlPath : setting.env;
}

/** The last occurrence of an env setting in a scope (later lines win, as in a shell or env map). */
export function findSetting(scope: SettingScope, env: string): SettingOccurrence | undefined {
  return resolvedScope(scope).lastByEnv.get(env);
}

/** The occurrences of a scope that resolve to catalogue settings, with their entry. */
export function resolvedOccurrences(scope: SettingScope): Iterable<{ occurrence: SettingOccurrence; setting: CatalogueSetting }> {
  return resolvedScope(scope).resolved;
}

interface ResolvedScope {
  resolved: ReadonlyArray<{ occurrence: SettingOccurrence; setting: CatalogueSetting }>;
  lastByEnv: ReadonlyMap<string, SettingOccurrence>;
}

/**
 * Each scope resolved against the catalogue once: a dozen setting rules each ask for several
 * settings, and every question scanned the whole scope again. Scopes do not change once built
 * (model/settings.ts), so the answer is kept with the scope.
 */
const resolvedScopes = new WeakMap<SettingScope, ResolvedScope>();

function resolvedScope(scope: SettingScope): ResolvedScope {
  let known = resolvedScopes.get(scope);
  if (known === undefined) {
    const resolved: Array<{ occurrence: SettingOccurrence; setting: CatalogueSetting }> = [];
    const lastByEnv = new Map<string, SettingOccurrence>();
    for (const occurrence of scope.occurrences) {
      const setting = settingOf(occurrence);
      if (!setting) continue;
      resolved.push({ occurrence, setting });
      lastByEnv.set(setting.env, occurrence);
    }
    known = { resolved, lastByEnv };
    resolvedScopes.set(scope, known);
  }
  return known;
}

/**
 * A value fit to quote in a message (the echo gate: one line, bounded, key material withheld), so a
 * secret pasted into the wrong setting is never echoed.
 */
export function shown(value: string): string {
  return echo(value);
}

export function isTrueValue(value: string): boolean {
  return value.trim().toLowerCase() === 'true';
}

/** True as Kuma's env and flag parser (Go's strconv.ParseBool) reads it: `1`, `t`, `T`, `true`, `TRUE`, `True`. */
export function isParsedTrue(value: string): boolean {
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value.trim());
}

export function isFalseValue(value: string): boolean {
  return value.trim().toLowerCase() === 'false';
}

/** `127.0.0.0/8`, `::1` and `localhost` only accept connections from the same machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/**
 * A report whose severity differs from the rule's default for this one case (api-server-http-exposed's
 * informational "the default binds to 0.0.0.0"). The engine applies `severity` when present.
 */
export type SeverityReport = Report & { severity?: Severity };
