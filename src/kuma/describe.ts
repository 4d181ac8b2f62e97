// Markdown for hovers and completion details, built from the catalogue so editor text and lint
// messages never disagree about a default or a pitfall.
import { HelmValue } from './helm-values';
import { CatalogueSetting } from './settings-catalogue';

function versionLine(entry: { since?: string; removedIn?: string }): string[] {
  const parts: string[] = [];
  if (entry.since) parts.push(`since ${entry.since}`);
  if (entry.removedIn) parts.push(`removed in ${entry.removedIn}`);
  return parts.length > 0 ? [`*${parts.join('; ')}*`] : [];
}

function defaultText(value: string): string {
  return value === '' ? 'empty' : `\`${value}\``;
}

/** A hover for a kuma-cp/kuma-dp setting: both of its names, default, accepted values, pitfalls. */
export function settingMarkdown(setting: CatalogueSetting): string {
  const lines = setting.env
    ? [`**${setting.env}** (${setting.component})`, '', setting.description, '', `YAML: \`${setting.yamlPath}\` · default: ${defaultText(setting.defaultValue)}`]
    : // List-valued keys such as `publicKeys` have no environment variable: YAML config only.
      [`**${setting.yamlPath}** (${setting.component} config file only)`, '', setting.description, '', `default: ${defaultText(setting.defaultValue)}`];
  if (setting.description === '') lines.splice(2, 2);
  if (setting.values) lines.push(`Accepted: ${setting.values.map((value) => `\`${value}\``).join(', ')}`);
  for (const note of setting.notes ?? []) lines.push('', `**Note:** ${note}`);
  const version = versionLine(setting);
  if (version.length > 0) lines.push('', ...version);
  return lines.join('\n');
}

/** A hover for a Helm value of the kuma chart. */
export function helmValueMarkdown(value: HelmValue): string {
  const lines = [`**${value.path}** (kuma Helm chart)`, '', value.description, '', `default: ${defaultText(value.defaultValue)}`];
  for (const note of value.notes ?? []) lines.push('', `**Note:** ${note}`);
  const version = versionLine(value);
  if (version.length > 0) lines.push('', ...version);
  return lines.join('\n');
}
