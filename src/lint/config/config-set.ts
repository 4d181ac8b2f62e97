// The `.kuma-tls.yaml` files a host knows, and what they make of one path: `optionsFor(path)`
// gives plain LintOptions. Settings: the nearest config file wins (from the file's folder up;
// the CLI reads them up to the repository root, the folder holding `.git`), then its
// `overrides` whose `files` match, in order; the host's own options (CLI flags, editor
// settings) go on top. Ignore globs add up: a path is ignored when any config above it ignores
// it. Every answer names the dependency keys it read, so a host that caches per-file results
// knows which files a changed config file affects.
import * as path from 'node:path';
import { DEFAULT_LINT_OPTIONS, LintOptions } from '../types';
import { CONFIG_FILE_NAMES, ConfigProblem, ConfigSettings, KumaTlsConfig, parseConfig } from './parse';
import { matchesPathOrParent } from './patterns';

/** Dependency keys of config answers; they never collide with the workspace index's keys. */
export const ConfigKey = {
  /** The config file (if any) of one folder. */
  folder: (directory: string) => `config:${directory}`,
  /** Whether any config file is known at all (what a file depends on while there is none). */
  any: 'config:any',
} as const;

export function isConfigKey(key: string): boolean {
  return key.startsWith('config:');
}

export interface ConfigAnswer {
  /** The options the config files give the path, the host's options on top. */
  options: LintOptions;
  /** A config file's `ignore` covers the path (or a folder above it). */
  ignored: boolean;
  /** The config file whose settings apply (nearest, or the explicit one). */
  configFile?: string;
  /** The dependency keys the answer read. */
  keys: string[];
}

export class ConfigSet {
  /** Valid configs by file path; an invalid file has an empty config here and its problem below. */
  private readonly files = new Map<string, KumaTlsConfig>();
  private readonly invalid = new Map<string, ConfigProblem>();
  private readonly texts = new Map<string, string>();
  private explicit: KumaTlsConfig | undefined;
  private readonly revisions = new Map<string, number>();
  private clock = 0;

  get size(): number {
    return this.files.size + (this.explicit ? 1 : 0);
  }

  revision(key: string): number {
    return this.revisions.get(key) ?? 0;
  }

  /** Adds or replaces a config file; returns the keys whose answers changed. */
  set(filePath: string, text: string): string[] {
    // A save or a watcher event with the same text changes no answer.
    if (this.texts.get(filePath) === text) return [];
    this.texts.set(filePath, text);
    const parsed = parseConfig(filePath, text);
    const first = this.size === 0;
    if ('message' in parsed) {
      this.invalid.set(filePath, parsed);
      // An invalid file still governs its folder (with no settings), so a typo does not quietly
      // hand the folder to a config further up.
      this.files.set(filePath, emptyConfig(filePath));
    } else {
      this.invalid.delete(filePath);
      this.files.set(filePath, parsed);
    }
    return this.changed(filePath, first);
  }

  remove(filePath: string): string[] {
    if (!this.files.delete(filePath)) return [];
    this.invalid.delete(filePath);
    this.texts.delete(filePath);
    return this.changed(filePath, false);
  }

  /**
   * One config file for every path (the CLI's `--config`): discovered files no longer count.
   * Returns its problem, if it is invalid.
   */
  useExplicit(filePath: string, text: string): ConfigProblem | undefined {
    const parsed = parseConfig(filePath, text);
    this.explicit = 'message' in parsed ? emptyConfig(filePath) : parsed;
    this.bump(ConfigKey.any);
    return 'message' in parsed ? parsed : undefined;
  }

  /** Problems of the invalid config files known, in no particular order. */
  /** Every config file given, valid or not. */
  paths(): string[] {
    return [...new Set([...this.files.keys(), ...this.invalid.keys()])];
  }

  problems(): ConfigProblem[] {
    return [...this.invalid.values()];
  }

  problemOf(filePath: string): ConfigProblem | undefined {
    return this.invalid.get(filePath);
  }

  /** The options for `filePath`: defaults < config file < overrides < `host`. */
  answer(filePath: string, host: LintOptions = {}): ConfigAnswer {
    const keys: string[] = [ConfigKey.any];
    let nearest: KumaTlsConfig | undefined;
    let ignored = false;
    if (this.explicit) {
      nearest = this.explicit;
      ignored = matchesPathOrParent(this.explicit.ignore, filePath, false);
    } else if (this.files.size > 0) {
      for (let directory = path.dirname(filePath); ; directory = path.dirname(directory)) {
        keys.push(ConfigKey.folder(directory));
        const config = this.inFolder(directory);
        if (config) {
          nearest ??= config;
          if (!ignored && matchesPathOrParent(config.ignore, filePath, false)) ignored = true;
        }
        if (path.dirname(directory) === directory) break;
      }
    }
    const layers: ConfigSettings[] = nearest ? [nearest.settings, ...nearest.overrides.filter((o) => matchesPathOrParent(o.files, filePath, false)).map((o) => o.settings)] : [];
    return { options: merge(layers, host), ignored, ...(nearest ? { configFile: nearest.path } : {}), keys };
  }

  /** Whether a config file above `entryPath` ignores it (the CLI's walker asks for folders too). */
  isIgnored(entryPath: string, isDirectory: boolean): boolean {
    if (this.explicit) return matchesPathOrParent(this.explicit.ignore, entryPath, isDirectory);
    // The walker asks for every entry: with no config file there is nothing to look up.
    if (this.files.size === 0) return false;
    for (let directory = path.dirname(entryPath); ; directory = path.dirname(directory)) {
      const config = this.inFolder(directory);
      if (config && matchesPathOrParent(config.ignore, entryPath, isDirectory)) return true;
      if (path.dirname(directory) === directory) return false;
    }
  }

  private inFolder(directory: string): KumaTlsConfig | undefined {
    for (const name of CONFIG_FILE_NAMES) {
      const config = this.files.get(path.join(directory, name));
      if (config) return config;
    }
    return undefined;
  }

  private changed(filePath: string, first: boolean): string[] {
    const keys = [ConfigKey.folder(path.dirname(filePath))];
    // While no config existed, files depended on `any` alone: the first one changes them all.
    if (first) keys.push(ConfigKey.any);
    for (const key of keys) this.bump(key);
    return keys;
  }

  private bump(key: string): void {
    this.revisions.set(key, ++this.clock);
  }
}

function emptyConfig(filePath: string): KumaTlsConfig {
  const directory = path.dirname(filePath);
  return { path: filePath, directory, settings: {}, ignore: { base: directory, patterns: [] }, overrides: [] };
}

/** Later layers win key by key; rule severities merge rule by rule. */
function merge(layers: readonly ConfigSettings[], host: LintOptions): LintOptions {
  const out: LintOptions = {};
  for (const layer of layers) {
    if (layer.rules) out.severities = { ...out.severities, ...layer.rules };
    if (layer.kumaVersion !== undefined) out.kumaVersion = layer.kumaVersion;
    if (layer.controlPlane) out.controlPlane = { ...DEFAULT_LINT_OPTIONS.controlPlane, ...out.controlPlane, ...layer.controlPlane };
    if (layer.expiry?.days !== undefined) out.expiryWindowDays = layer.expiry.days;
    if (layer.expiry?.lifetimeFraction !== undefined) out.expiryLifetimeFraction = layer.expiry.lifetimeFraction;
  }
  const { severities, ...rest } = host;
  const merged: LintOptions = { ...out, ...definedOnly(rest) };
  if (severities || out.severities) merged.severities = { ...out.severities, ...severities };
  return merged;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
