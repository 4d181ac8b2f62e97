// The `kumaTls.*` settings as a client sends them through `workspace/configuration` (VS Code's
// nested object, or a Neovim/Helix `settings` table of the same shape), read defensively: a value
// of the wrong type is the default, never an error.
import { DEFAULT_LINT_OPTIONS, LintOptions, SeveritySetting } from '../lint/types';

export interface FolderSettings {
  enable: boolean;
  options: LintOptions;
  debounceMs: number;
  /** Globs the workspace walk skips: `kumaTls.lint.exclude` and the enabled `files.exclude` entries. */
  exclude: string[];
}

export const DEFAULT_SETTINGS: FolderSettings = { enable: true, options: {}, debounceMs: 200, exclude: [] };

type Loose = Record<string, unknown>;

function object(value: unknown): Loose {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {};
}

function number(value: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function string(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

const SEVERITIES = new Set<SeveritySetting>(['off', 'info', 'warning', 'error']);

/** `kumaTls` and `files` sections of one folder's configuration (either may be null). */
export function readSettings(kumaTls: unknown, files: unknown): FolderSettings {
  const root = object(kumaTls);
  const lint = object(root.lint);
  const controlPlane = object(root.controlPlane);
  const severities: Record<string, SeveritySetting> = {};
  for (const [rule, severity] of Object.entries(object(lint.rules))) if (SEVERITIES.has(severity as SeveritySetting)) severities[rule] = severity as SeveritySetting;
  const kumaVersion = string(root.kumaVersion, '').trim();
  const options: LintOptions = {
    severities,
    expiryWindowDays: number(lint.expiryWindowDays, DEFAULT_LINT_OPTIONS.expiryWindowDays, 0),
    maxFileBytes: number(lint.maxFileSizeKB, DEFAULT_LINT_OPTIONS.maxFileBytes / 1024, 1) * 1024,
    controlPlane: {
      namespace: string(controlPlane.namespace, DEFAULT_LINT_OPTIONS.controlPlane.namespace),
      serviceName: string(controlPlane.serviceName, DEFAULT_LINT_OPTIONS.controlPlane.serviceName),
    },
    // An empty setting leaves the version to the workspace.
    ...(kumaVersion === '' ? {} : { kumaVersion }),
  };
  const ours = Array.isArray(lint.exclude) ? lint.exclude.filter((g): g is string => typeof g === 'string') : [];
  const filesExclude = Object.entries(object(object(files).exclude)).filter(([, on]) => on === true).map(([glob]) => glob);
  return {
    enable: lint.enable !== false,
    options,
    debounceMs: number(lint.debounceMs, DEFAULT_SETTINGS.debounceMs, 0, 5000),
    exclude: [...filesExclude, ...ours],
  };
}
