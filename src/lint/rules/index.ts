// Every rule the engine runs. Add a rule by importing its module here (settings rules go in
// ./settings/index.ts).
import { Rule } from '../rule';
import { RuleMeta } from '../types';
import { caBundleSecretPair } from './ca-bundle-secret-pair';
import { certExpired } from './cert-expired';
import { certExpiring } from './cert-expiring';
import { certHostnameMismatch } from './cert-hostname-mismatch';
import { certInvalid } from './cert-invalid';
import { certKeyMismatch } from './cert-key-mismatch';
import { certManagerConflict } from './cert-manager-conflict';
import { certNoSan } from './cert-no-san';
import { certNotYetValid } from './cert-not-yet-valid';
import { certUntrusted } from './cert-untrusted';
import { certWeak } from './cert-weak';
import { encodingMismatch } from './encoding-mismatch';
import { keyUnsupported } from './key-unsupported';
import { pemMalformed } from './pem-malformed';
import { pemWrongType } from './pem-wrong-type';
import { secretMissingKey } from './secret-missing-key';
import { SETTINGS_RULES } from './settings';
import { CROSSFILE_RULES } from './crossfile';

const CORE_RULES: Rule[] = [
  pemMalformed,
  pemWrongType,
  keyUnsupported,
  certInvalid,
  encodingMismatch,
  certExpired,
  certNotYetValid,
  certExpiring,
  certNoSan,
  certWeak,
  certKeyMismatch,
  certUntrusted,
  certHostnameMismatch,
  caBundleSecretPair,
  certManagerConflict,
  secretMissingKey,
];

export const ALL_RULES: readonly Rule[] = [...CORE_RULES, ...SETTINGS_RULES, ...CROSSFILE_RULES];

/** Findings the engine itself makes; not rules, but users may configure their severity too. */
export const ENGINE_RULES: readonly RuleMeta[] = [
  { id: 'internal-error', defaultSeverity: 'info', summary: 'A rule failed on this file; the other rules still ran.' },
  { id: 'file-skipped', defaultSeverity: 'info', summary: 'The file was not linted (too large or binary).' },
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}

/** Metadata of every id a finding can carry (docs, SARIF, settings validation). */
export function allRuleMeta(): RuleMeta[] {
  // Cross-file forms of a rule share its id; list each id once.
  const rules = ALL_RULES.filter((r, i) => ALL_RULES.findIndex((o) => o.id === r.id) === i);
  return [...rules.map(({ id, defaultSeverity, summary }) => ({ id, defaultSeverity, summary })), ...ENGINE_RULES];
}
