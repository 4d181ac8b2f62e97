// Quick fixes that change or add a Kuma setting in whatever form its scope is written in: an env
// line, a container `env:` item, a `controlPlane.envVars`/compose map entry, a compose list item, or a
// key in kuma-cp YAML (creating the missing parent mappings).
import { isMap } from 'yaml';
import { CatalogueSetting } from '../../../kuma';
import { insertLinesBeforeFix, replaceFix } from '../../fixes';
import { LintDocument } from '../../model/document';
import { SettingOccurrence, SettingScope } from '../../model/settings';
import { YamlDocument } from '../../model/yaml';
import { Fix } from '../../types';

/** Replaces an occurrence's value, keeping the quotes it was written with. */
export function replaceValueFix(doc: LintDocument, title: string, occurrence: SettingOccurrence, value: string, preferred = false): Fix {
  const quote = occurrence.quote ?? '';
  return replaceFix(doc, title, occurrence.valueRange, `${quote}${value}${quote}`, preferred);
}

/** Renames an occurrence's env name or last YAML key. */
export function renameFix(doc: LintDocument, title: string, occurrence: SettingOccurrence, newName: string, preferred = false): Fix {
  return replaceFix(doc, title, occurrence.nameRange, newName, preferred);
}

/** Adds a setting to a scope, or undefined when the scope's form cannot take a line safely (flow YAML). */
export function addSettingFix(doc: LintDocument, scope: SettingScope, setting: CatalogueSetting, value: string, title: string, preferred = false): Fix | undefined {
  if (scope.occurrences.length === 0) return undefined;
  if (scope.insertion) {
    const { at, before, after } = scope.insertion;
    return replaceFix(doc, title, at, `${before}${setting.env}=${value}${after}`, preferred);
  }
  // JSON (an ECS task definition) would need commas and braces around an inserted line.
  if (doc.path.toLowerCase().endsWith('.json')) return undefined;
  if (scope.source === 'kuma-cp-config') return addYamlSettingFix(doc, scope, setting.yamlPath.split('.'), value, title, preferred);
  const first = scope.occurrences[0];
  const lineText = doc.lines.lineText(first.line).trimStart();
  let lines: string[];
  if (scope.source === 'env-file') {
    lines = [`${lineText.startsWith('export ') ? 'export ' : ''}${setting.env}=${value}`];
  } else if (lineText.startsWith('- name:')) {
    lines = [`- name: ${setting.env}`, `  value: "${value}"`];
  } else if (lineText.startsWith('- Name:')) {
    // CloudFormation's spelling of an ECS environment item.
    lines = [`- Name: ${setting.env}`, `  Value: "${value}"`];
  } else if (lineText.startsWith('- ')) {
    lines = [`- ${setting.env}=${value}`];
  } else if (lineText.startsWith('{') || lineText.startsWith('[')) {
    return undefined;
  } else {
    lines = [`${setting.env}: "${value}"`];
  }
  return insertLinesBeforeFix(doc, title, first.line, lines, preferred);
}

/**
 * Inserts `path: value` into the kuma-cp config document holding the scope: under the deepest
 * mapping of `path` that exists, before its first key, creating the missing levels.
 */
function addYamlSettingFix(doc: LintDocument, scope: SettingScope, path: string[], value: string, title: string, preferred: boolean): Fix | undefined {
  const file = doc.yaml;
  const yamlDoc = file ? documentAt(doc, scope.range.start.line) : undefined;
  if (!file || !yamlDoc || !yamlDoc.root || !isMap(yamlDoc.root)) return undefined;
  let map = yamlDoc.root;
  let depth = 0;
  while (depth < path.length - 1) {
    const next = file.entries(yamlDoc, map).find((entry) => String(entry.path[0]).toLowerCase() === path[depth].toLowerCase());
    if (!next || !next.value || !isMap(next.value)) break;
    map = next.value;
    depth++;
  }
  if (map.flow) return undefined;
  const firstKey = file.entries(yamlDoc, map)[0];
  if (!firstKey?.keyRange) return undefined;
  const lines: string[] = [];
  for (let level = depth; level < path.length; level++) {
    const indent = '  '.repeat(level - depth);
    lines.push(level === path.length - 1 ? `${indent}${path[level]}: ${value}` : `${indent}${path[level]}:`);
  }
  return insertLinesBeforeFix(doc, title, firstKey.keyRange.start.line, lines, preferred);
}

/** The YAML document of a multi-document file that contains a line. */
export function documentAt(doc: LintDocument, line: number): YamlDocument | undefined {
  // Rules ask once per scope, and a rendered manifest has thousands of documents: a linear find
  // here made linting it quadratic. Documents come in source order, so their end lines ascend;
  // the first one ending at or after `line` is the first that can contain it (what a find returns).
  const documents = doc.yaml?.documents;
  if (!documents) return undefined;
  let low = 0;
  let high = documents.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (documents[mid].range.end.line < line) low = mid + 1;
    else high = mid;
  }
  const candidate = documents[low];
  return candidate && candidate.range.start.line <= line ? candidate : undefined;
}
