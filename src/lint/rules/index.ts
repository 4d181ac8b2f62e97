// Every rule the engine runs. Add a rule by importing its module here (settings rules go in
// ./settings/index.ts).
import { Rule } from '../rule';
import { RuleMeta } from '../types';
import { SETTINGS_RULES } from './settings';

const CORE_RULES: Rule[] = [];

export const ALL_RULES: readonly Rule[] = [...CORE_RULES, ...SETTINGS_RULES];

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
  return [...ALL_RULES.map(({ id, defaultSeverity, summary }) => ({ id, defaultSeverity, summary })), ...ENGINE_RULES];
}
