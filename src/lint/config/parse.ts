// Reads one `.kuma-tls.yaml`: the keys of schemas/kuma-tls-config.schema.json, checked with the
// position of every node, so an invalid file is one clear error naming the file, line, column and
// key path (`rules.cert-expird: unknown rule id, did you mean cert-expired?`). Nothing here
// throws on user input; the result is a config or a ConfigProblem.
import * as path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument, YAMLMap } from 'yaml';
import { closestWithin } from '../../kuma/edit-distance';
import { catalogueRangeText, isCataloguedVersion } from '../../kuma';
import { echo } from '../../pki/redact';
import { allRuleMeta } from '../rules';
import { ControlPlaneTarget, SeveritySetting } from '../types';
import { parsePathPattern, PathPattern, PatternList } from './patterns';

/** The names a config file may have, the first one preferred; one folder may hold only one. */
export const CONFIG_FILE_NAMES = ['.kuma-tls.yaml', '.kuma-tls.yml'] as const;

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/** What a config file (or one of its overrides) sets; every key is optional. */
export interface ConfigSettings {
  rules?: Record<string, SeveritySetting>;
  kumaVersion?: string;
  controlPlane?: Partial<ControlPlaneTarget>;
  expiry?: { days?: number; lifetimeFraction?: number };
}

export interface ConfigOverride {
  files: PatternList;
  settings: ConfigSettings;
}

export interface KumaTlsConfig {
  /** Absolute path of the file. */
  path: string;
  /** The folder it governs; its `ignore` and `files` globs are relative to it. */
  directory: string;
  settings: ConfigSettings;
  ignore: PatternList;
  overrides: ConfigOverride[];
}

/** An invalid config file: where, which key, what is wrong. Values quoted went through echo(). */
export interface ConfigProblem {
  path: string;
  /** 1-based. */
  line: number;
  column: number;
  /** Dotted key path (`overrides[0].rules.cert-expiring`); empty for the whole file. */
  key: string;
  message: string;
}

export function isConfigFileName(filePath: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(filePath));
}

/** `file:line:column: key: message`, what the CLI prints for an invalid config. */
export function formatConfigProblem(problem: ConfigProblem, displayPath: string = problem.path): string {
  return `${displayPath}:${problem.line}:${problem.column}: ${problem.key ? `${problem.key}: ` : ''}${problem.message}`;
}

class Invalid extends Error {
  constructor(
    readonly node: Node | null | undefined,
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

const TOP_KEYS = ['rules', 'ignore', 'kumaVersion', 'controlPlane', 'expiry', 'overrides'] as const;
const OVERRIDE_KEYS = ['files', 'rules', 'kumaVersion', 'controlPlane', 'expiry'] as const;

export function parseConfig(filePath: string, text: string): KumaTlsConfig | ConfigProblem {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const at = (offset: number | undefined): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    return { path: filePath, ...at(error.pos[0]), key: '', message: `not valid YAML (${echo(error.message.split('\n')[0], undefined, 160)})` };
  }
  const directory = path.dirname(filePath);
  try {
    const root = doc.contents;
    if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { path: filePath, directory, settings: {}, ignore: { base: directory, patterns: [] }, overrides: [] };
    const top = mapping(root, '');
    checkKeys(top, '', TOP_KEYS);
    const settings = readSettings(top, '');
    const ignore: PatternList = { base: directory, patterns: patternsOf(top.get('ignore', true), 'ignore') };
    const overrides: ConfigOverride[] = [];
    const overridesNode = top.get('overrides', true) as Node | undefined;
    if (overridesNode !== undefined) {
      if (!isSeq(overridesNode)) throw new Invalid(overridesNode, 'overrides', 'must be a list of {files: [globs], rules: …}');
      overridesNode.items.forEach((item, index) => {
        const key = `overrides[${index}]`;
        const entry = mapping(item as Node, key);
        checkKeys(entry, key, OVERRIDE_KEYS);
        if (!entry.has('files')) throw new Invalid(entry, key, 'needs "files", the globs it applies to');
        const files = patternsOf(entry.get('files', true), `${key}.files`);
        if (files.length === 0) throw new Invalid(entry.get('files', true) as Node, `${key}.files`, 'needs at least one glob');
        overrides.push({ files: { base: directory, patterns: files }, settings: readSettings(entry, key) });
      });
    }
    return { path: filePath, directory, settings, ignore, overrides };
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return { path: filePath, ...at(error.node?.range?.[0]), key: error.key, message: error.message };
  }
}

function readSettings(map: YAMLMap, prefix: string): ConfigSettings {
  const key = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const settings: ConfigSettings = {};
  const rules = map.get('rules', true) as Node | undefined;
  if (rules !== undefined) settings.rules = readRules(rules, key('rules'));
  const version = map.get('kumaVersion', true) as Node | undefined;
  if (version !== undefined) {
    const text = scalarText(version, key('kumaVersion'));
    if (!isCataloguedVersion(text)) throw new Invalid(version, key('kumaVersion'), `"${echo(text)}" is not a Kuma release this version of kuma-tls knows (expected such as 2.9 or 2.9.3, from ${catalogueRangeText()})`);
    settings.kumaVersion = text;
  }
  const controlPlane = map.get('controlPlane', true) as Node | undefined;
  if (controlPlane !== undefined) {
    const cp = mapping(controlPlane, key('controlPlane'));
    checkKeys(cp, key('controlPlane'), ['namespace', 'serviceName']);
    settings.controlPlane = {};
    for (const name of ['namespace', 'serviceName'] as const) {
      const node = cp.get(name, true) as Node | undefined;
      if (node === undefined) continue;
      const text = scalarText(node, key(`controlPlane.${name}`));
      // Kubernetes names (RFC 1123 labels): the host the general certificate must cover is built from them.
      if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(text)) throw new Invalid(node, key(`controlPlane.${name}`), `"${echo(text)}" is not a Kubernetes name (lower-case letters, digits and "-", at most 63)`);
      settings.controlPlane[name] = text;
    }
  }
  const expiry = map.get('expiry', true) as Node | undefined;
  if (expiry !== undefined) {
    const ex = mapping(expiry, key('expiry'));
    checkKeys(ex, key('expiry'), ['days', 'lifetimeFraction']);
    settings.expiry = {};
    const days = ex.get('days', true) as Node | undefined;
    if (days !== undefined) settings.expiry.days = numberIn(days, key('expiry.days'), 0, 36500, 'a number of days from 0 to 36500');
    const fraction = ex.get('lifetimeFraction', true) as Node | undefined;
    if (fraction !== undefined) settings.expiry.lifetimeFraction = numberIn(fraction, key('expiry.lifetimeFraction'), 0, 1, 'a fraction of the lifetime from 0 to 1 (0.2: warn in the last fifth)');
  }
  return settings;
}

function readRules(node: Node, key: string): Record<string, SeveritySetting> {
  const map = mapping(node, key);
  const known = allRuleMeta().map((r) => r.id);
  const out: Record<string, SeveritySetting> = {};
  for (const pair of map.items) {
    const keyNode = pair.key as Node;
    const id = scalarText(keyNode, key);
    if (!known.includes(id)) {
      const near = closestWithin(id, known, 3);
      throw new Invalid(keyNode, `${key}.${echo(id, undefined, 60)}`, `unknown rule id${near ? `, did you mean ${near}?` : ' (kuma-tls rules lists them)'}`);
    }
    const valueNode = pair.value as Node | null;
    const severity = valueNode ? scalarText(valueNode, `${key}.${id}`) : '';
    if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity)) throw new Invalid(valueNode ?? keyNode, `${key}.${id}`, `"${echo(severity)}" is not a severity (expected off, info, warning or error)`);
    out[id] = severity as SeveritySetting;
  }
  return out;
}

function patternsOf(node: unknown, key: string): PathPattern[] {
  if (node === undefined) return [];
  const list = isScalar(node) ? [node] : isSeq(node) ? node.items : null;
  if (list === null) throw new Invalid(node as Node, key, 'must be a glob or a list of globs (.gitignore syntax, relative to the folder of this file)');
  const patterns: PathPattern[] = [];
  list.forEach((item, index) => {
    const text = scalarText(item as Node, isSeq(node) ? `${key}[${index}]` : key);
    const pattern = parsePathPattern(text);
    if (pattern) patterns.push(pattern);
  });
  return patterns;
}

function mapping(node: Node | null | undefined, key: string): YAMLMap {
  if (!isMap(node)) throw new Invalid(node, key, key === '' ? 'the file must be a mapping of settings (rules, ignore, kumaVersion, controlPlane, expiry, overrides)' : 'must be a mapping');
  return node;
}

function checkKeys(map: YAMLMap, prefix: string, allowed: readonly string[]): void {
  for (const pair of map.items) {
    const name = scalarText(pair.key as Node, prefix);
    if (!allowed.includes(name)) {
      const near = closestWithin(name, allowed, 3);
      throw new Invalid(pair.key as Node, prefix ? `${prefix}.${echo(name, undefined, 60)}` : echo(name, undefined, 60), `unknown key${near ? `, did you mean ${near}?` : ` (expected ${allowed.join(', ')})`}`);
    }
  }
}

function scalarText(node: Node | null | undefined, key: string): string {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') throw new Invalid(node, key, 'must be a plain value');
  return String(node.value);
}

function numberIn(node: Node, key: string, min: number, max: number, expected: string): number {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw new Invalid(node, key, `"${echo(isScalar(node) ? String(node.value) : '(not a number)')}" is not ${expected}`);
  return value;
}
