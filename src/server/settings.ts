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

function optionalNumber(value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
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
  // Only what the user set becomes a host option: a host option overrides `.kuma-tls.yaml`, so a
  // default sent as if it were chosen would silently undo the repository's configuration. (The
  // VS Code client sends only explicitly set values; other clients send what their user wrote.)
  const options: LintOptions = {};
  if (Object.keys(severities).length > 0) options.severities = severities;
  const expiryWindowDays = optionalNumber(lint.expiryWindowDays, 0);
  if (expiryWindowDays !== undefined) options.expiryWindowDays = expiryWindowDays;
  const expiryLifetimeFraction = optionalNumber(lint.expiryLifetimeFraction, 0, 1);
  if (expiryLifetimeFraction !== undefined) options.expiryLifetimeFraction = expiryLifetimeFraction;
  const maxFileSizeKB = optionalNumber(lint.maxFileSizeKB, 1);
  if (maxFileSizeKB !== undefined) options.maxFileBytes = maxFileSizeKB * 1024;
  const namespace = typeof controlPlane.namespace === 'string' && controlPlane.namespace.trim() !== '' ? controlPlane.namespace : undefined;
  const serviceName = typeof controlPlane.serviceName === 'string' && controlPlane.serviceName.trim() !== '' ? controlPlane.serviceName : undefined;
  if (namespace !== undefined || serviceName !== undefined) {
    options.controlPlane = {
      namespace: namespace ?? DEFAULT_LINT_OPTIONS.controlPlane.namespace,
      serviceName: serviceName ?? DEFAULT_LINT_OPTIONS.controlPlane.serviceName,
    };
  }
  // An empty setting leaves the version to the configuration file and the workspace.
  if (kumaVersion !== '') options.kumaVersion = kumaVersion;
  const ours = Array.isArray(lint.exclude) ? lint.exclude.filter((g): g is string => typeof g === 'string') : [];
  const filesExclude = Object.entries(object(object(files).exclude)).filter(([, on]) => on === true).map(([glob]) => glob);
  return {
    enable: lint.enable !== false,
    options,
    debounceMs: number(lint.debounceMs, DEFAULT_SETTINGS.debounceMs, 0, 5000),
    exclude: [...filesExclude, ...ours],
  };
}
