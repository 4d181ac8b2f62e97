// One way to read Helm values, whether a values file or an install command line writes them
// (lint-rules.md: the `--set` values of an install line form a values document of their own).
// A rule about chart values asks `get(path)` and is written once for both forms; each entry
// knows where it is written, so findings and fixes land on the YAML key or the `--set K=V`.
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { Span } from '../types';
import { chartValuesOf, InstallCommand } from './commands';
import { isUnknowable } from './placeholders';
import { isSet, isTrue, scalarString, YamlDocument, YamlFile } from './yaml';

export interface ValueEntry {
  /** The document that writes the value (a view may read values files an install line passes). */
  path: string;
  origin: 'values' | 'command';
  /** Key and value (`key: value`, `--set K=V`). */
  range: Span;
  keyRange: Span | null;
  /** For an empty value, the empty range after the `:` or `=`. */
  valueRange: Span;
  /** The value as a string; null for a mapping or list. */
  text: string | null;
  /** `true` or `"true"` (what the chart's `eq … true` / YAML truthiness checks read). */
  isTrue: boolean;
  /** What Helm's `if .Values.x` takes as set: a non-empty string, true, non-zero, a non-empty collection. */
  isSet: boolean;
  /** False for substitutions and placeholders (`$(…)`, `{{ … }}`, `<your-…>`). */
  known: boolean;
  /** How a YAML value is quoted, so a replacement keeps the style; '' for command lines and plain scalars. */
  quote: '"' | "'" | '';
}

/** Looks up a full chart path (`['controlPlane', 'tls', 'general', 'caBundle']`). */
export type ValuesLayer = (path: readonly string[]) => ValueEntry | undefined;

export interface HelmValues {
  origin: 'values' | 'command';
  /** The document the view belongs to; findings go only on entries written here. */
  path: string;
  /** Values this view cannot see may set any key: an `-f` file outside the workspace, `--reuse-values`. */
  partial: boolean;
  yamlDoc: YamlDocument | null;
  command: InstallCommand | null;
  /** The value in force: the first layer that has it (command line over `-f` files, later files first). */
  get(path: readonly string[]): ValueEntry | undefined;
}

export function yamlValuesLayer(file: YamlFile, doc: YamlDocument, docPath: string): ValuesLayer {
  return (path) => {
    const entry = file.get(doc, path);
    if (!entry) return undefined;
    const node = entry.value;
    const text = node === null ? '' : isScalar(node) ? scalarString(node) : isMap(node) || isSeq(node) ? null : '';
    return {
      path: docPath,
      origin: 'values',
      range: entry.range,
      keyRange: entry.keyRange,
      valueRange: entry.valueRange,
      text,
      isTrue: isTrue(node),
      isSet: isSet(node),
      known: text === null || !isUnknowable(text),
      quote: node && isScalar(node) ? (node.type === Scalar.QUOTE_DOUBLE ? '"' : node.type === Scalar.QUOTE_SINGLE ? "'" : '') : '',
    };
  };
}

/**
 * The chart values an install line sets: `--set`, `--set-string`, `--set-file` (content unknown
 * here) and kumactl's flags that stand for chart values. The last assignment of a key wins, as in Helm.
 */
export function commandValuesLayer(command: InstallCommand, docPath: string): ValuesLayer {
  const byKey = new Map<string, ValueEntry>();
  const put = (key: string, keyRange: Span, value: { value: string; range: Span; dynamic: boolean }, kind: 'set' | 'string' | 'file') => {
    const text = value.value;
    const known = kind !== 'file' && !value.dynamic;
    byKey.set(key, {
      path: docPath,
      origin: 'command',
      range: { start: keyRange.start, end: value.range.end },
      keyRange,
      valueRange: value.range,
      text: kind === 'file' ? null : text,
      isTrue: known && text === 'true',
      isSet: !known ? text !== '' : kind === 'string' ? text !== '' : helmSetTruthy(text),
      known,
      quote: '',
    });
  };
  for (const set of command.sets) put(set.key, set.keyRange, set.value, set.file ? 'file' : set.string ? 'string' : 'set');
  for (const { helmValue, setting, value } of chartValuesOf(command)) {
    // --env-var NAME=value are settings of their own (model/settings.ts, commandScopes).
    if (setting.startsWith('--') && helmValue !== 'controlPlane.envVars') {
      const flag = command.flags.find((f) => f.value === value);
      if (flag) put(helmValue, flag.keyRange, value, 'string');
    }
  }
  return (path) => byKey.get(path.join('.'));
}

/** `--set` types its values: `false`, `null`, `0` and the empty string are not set. */
function helmSetTruthy(text: string): boolean {
  return !(text === '' || text === 'false' || text === 'null' || /^[-+]?0+$/.test(text));
}

export function layeredValues(base: Omit<HelmValues, 'get'>, layers: readonly ValuesLayer[]): HelmValues {
  return {
    ...base,
    get(path) {
      for (const layer of layers) {
        const entry = layer(path);
        if (entry) return entry;
      }
      return undefined;
    },
  };
}
