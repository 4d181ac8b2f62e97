// Lookups over the kuma-cp and kuma-dp settings: by env name, by YAML path, which versions of Kuma
// read a setting, which names `unknown-setting` may judge, and what a misspelled name most likely
// meant. The settings themselves come from the table generated from Kuma's sources
// (generated/settings.json, scripts/generate-settings-catalogue.mjs); the hand-kept facts of
// cp-settings.ts / dp-settings.ts (kinds, accepted values, pitfalls) and renames.ts lie over it.
import generatedTable from './generated/settings.json';
import { KUMA_CP_SETTINGS } from './cp-settings';
import { KUMA_DP_SETTINGS } from './dp-settings';
import { closestWithin } from './edit-distance';
import { SETTING_RENAMES } from './renames';
import { KumaComponent, KumaSetting, SettingKind } from './setting-types';

export interface CatalogueSetting extends KumaSetting {
  component: KumaComponent;
  /** Catalogue versions that read the setting (`2.0` … `2.14`, `master`), oldest first. */
  readBy: readonly string[];
  /** Per minor, the first patch release that reads it, where that is not the minor's .0 (backports). */
  sincePatch?: Readonly<Record<string, string>>;
  /** What Kuma reads instead of a removed setting (env names), from Kuma's UPGRADE.md. */
  successors?: readonly string[];
}

/** One version the catalogue was generated from: the newest patch of a minor, or master. */
export interface CatalogueVersion {
  label: string;
  ref: string;
  commit: string;
  /** For master: the release it is heading for (its UPGRADE.md's newest section). */
  next?: string;
}

interface GeneratedSetting {
  component: string;
  yamlPath: string;
  env: string | null;
  kind: string;
  defaultValue: string | null;
  versions: string;
  sincePatch?: Record<string, string>;
  description?: string;
}

interface GeneratedTable {
  versions: CatalogueVersion[];
  settings: GeneratedSetting[];
  defaultsFileNames: Array<{ printed: string; reads: string; versions: string }>;
}

const table = generatedTable as GeneratedTable;

export const CATALOGUE_VERSIONS: readonly CatalogueVersion[] = table.versions;
const LABELS = CATALOGUE_VERSIONS.map((version) => version.label);
const MASTER = CATALOGUE_VERSIONS[CATALOGUE_VERSIONS.length - 1];
const NEWEST_RELEASE = CATALOGUE_VERSIONS[CATALOGUE_VERSIONS.length - 2];

/** `2.0-2.3,2.5,master` -> the labels it covers. */
function expandVersions(ranges: string): string[] {
  const out: string[] = [];
  for (const part of ranges.split(',').filter(Boolean)) {
    const [from, to = from] = part.split('-');
    const start = LABELS.indexOf(from);
    const end = LABELS.indexOf(to);
    for (let i = start; i >= 0 && i <= end; i++) out.push(LABELS[i]);
  }
  return out;
}

const GENERATED_KINDS: Record<string, SettingKind> = { bool: 'bool', int: 'int', duration: 'duration', stringList: 'stringList', list: 'list', map: 'map' };

/** How a version is named to a user: master is the release it is heading for. */
export function versionName(label: string): string {
  if (label === MASTER.label) return MASTER.next ? `${MASTER.next} (unreleased, Kuma's master)` : "Kuma's master";
  return label;
}

function sinceOf(readBy: readonly string[], sincePatch: Readonly<Record<string, string>> | undefined): string | undefined {
  // Read by the oldest catalogued version: when it began is before what the catalogue can tell.
  if (readBy.length === 0 || readBy[0] === LABELS[0]) return sincePatch?.[LABELS[0]];
  return sincePatch?.[readBy[0]] ?? versionName(readBy[0]);
}

function removedInOf(readBy: readonly string[]): string | undefined {
  const last = readBy[readBy.length - 1];
  if (last === undefined || last === MASTER.label) return undefined;
  return versionName(LABELS[LABELS.indexOf(last) + 1]);
}

const successorsByEnv = new Map(SETTING_RENAMES.map((rename) => [rename.from, rename.to]));
const overlays = new Map<string, KumaSetting>([
  ...KUMA_CP_SETTINGS.map((setting) => [`kuma-cp|${setting.env}`, setting] as const),
  ...KUMA_DP_SETTINGS.map((setting) => [`kuma-dp|${setting.env}`, setting] as const),
]);

function fromGenerated(entry: GeneratedSetting): CatalogueSetting {
  const component = entry.component as KumaComponent;
  const env = entry.env ?? '';
  const readBy = expandVersions(entry.versions);
  const overlay = env ? overlays.get(`${component}|${env}`) : undefined;
  const generatedFacts: CatalogueSetting = {
    component,
    env,
    yamlPath: entry.yamlPath,
    defaultValue: entry.defaultValue ?? '',
    kind: GENERATED_KINDS[entry.kind] ?? 'string',
    description: entry.description ?? '',
    readBy,
    ...(entry.sincePatch ? { sincePatch: entry.sincePatch } : {}),
    ...(successorsByEnv.has(env) ? { successors: successorsByEnv.get(env) } : {}),
  };
  const since = overlay?.since ?? sinceOf(readBy, entry.sincePatch);
  const removedIn = overlay?.removedIn ?? removedInOf(readBy);
  // The hand facts win where they exist (kinds such as tlsVersion, pitfalls); the generated ones fill the rest.
  return {
    ...generatedFacts,
    ...(overlay ?? {}),
    yamlPath: entry.yamlPath,
    description: overlay?.description || generatedFacts.description,
    ...(since ? { since } : {}),
    ...(removedIn ? { removedIn } : {}),
  };
}

/** Merges entries that are one setting across versions (a YAML key renamed under the same env name). */
function merged(into: CatalogueSetting | undefined, next: CatalogueSetting): CatalogueSetting {
  if (!into) return next;
  const readBy = LABELS.filter((label) => into.readBy.includes(label) || next.readBy.includes(label));
  const newer = LABELS.indexOf(next.readBy[next.readBy.length - 1]) >= LABELS.indexOf(into.readBy[into.readBy.length - 1]) ? next : into;
  const since = sinceOf(readBy, { ...into.sincePatch, ...next.sincePatch });
  const removedIn = removedInOf(readBy);
  const result: CatalogueSetting = { ...newer, readBy, sincePatch: { ...into.sincePatch, ...next.sincePatch } };
  delete result.since;
  delete result.removedIn;
  return { ...result, ...(since ? { since: newer.since ?? since } : {}), ...(removedIn ? { removedIn } : {}) };
}

const byEnvMap = new Map<string, CatalogueSetting>();
// Kuma decodes YAML config through encoding/json (sigs.k8s.io/yaml), whose field matching ignores case.
const byYamlPath: Record<KumaComponent, Map<string, CatalogueSetting>> = { 'kuma-cp': new Map(), 'kuma-dp': new Map() };
const yamlParents: Record<KumaComponent, Set<string>> = { 'kuma-cp': new Set(), 'kuma-dp': new Set() };
/** List- and map-valued settings: keys under them are their value, not settings. */
const yamlContainers: Record<KumaComponent, Set<string>> = { 'kuma-cp': new Set(), 'kuma-dp': new Set() };
for (const entry of table.settings) {
  const setting = fromGenerated(entry);
  const path = setting.yamlPath.toLowerCase();
  byYamlPath[setting.component].set(path, merged(byYamlPath[setting.component].get(path), setting));
  if (setting.kind === 'map' || setting.kind === 'list') yamlContainers[setting.component].add(path);
  const segments = path.split('.');
  for (let length = 1; length < segments.length; length++) yamlParents[setting.component].add(segments.slice(0, length).join('.'));
  if (setting.env) byEnvMap.set(`${setting.component}|${setting.env}`, merged(byEnvMap.get(`${setting.component}|${setting.env}`), setting));
}

/** Every setting with an environment name, kuma-cp first; each once however many versions read it. */
export const ALL_SETTINGS: readonly CatalogueSetting[] = [...byEnvMap.values()].sort((a, b) => (a.component === b.component ? 0 : a.component === 'kuma-cp' ? -1 : 1));

const byEnv = new Map<string, CatalogueSetting>();
for (const setting of ALL_SETTINGS) if (!byEnv.has(setting.env)) byEnv.set(setting.env, setting);

/** The setting an environment variable name denotes in any catalogued version; exact, case-sensitive (as Linux environments are). */
export function settingByEnv(name: string): CatalogueSetting | undefined {
  return byEnv.get(name);
}

/** The setting at a dotted YAML config path in any catalogued version (case-insensitive, as Kuma reads it). */
export function settingByYamlPath(path: string, component: KumaComponent = 'kuma-cp'): CatalogueSetting | undefined {
  return byYamlPath[component].get(path.toLowerCase());
}

/** True for a path that is a setting, a mapping above settings (`apiServer.http`), or inside a list/map value. */
export function isKnownYamlPath(path: string, component: KumaComponent = 'kuma-cp'): boolean {
  const lower = path.toLowerCase();
  return byYamlPath[component].has(lower) || yamlParents[component].has(lower) || containerAbove(lower, component) !== undefined;
}

function containerAbove(lowerPath: string, component: KumaComponent): string | undefined {
  const segments = lowerPath.split('.');
  for (let length = segments.length - 1; length >= 1; length--) {
    const prefix = segments.slice(0, length).join('.');
    if (yamlContainers[component].has(prefix)) return prefix;
  }
  return undefined;
}

// ---- versions ---------------------------------------------------------------------------------

/** A Kuma version as the linter judges against: a catalogued minor (or master) and maybe a patch. */
export interface KumaVersion {
  /** The catalogue label: `2.9`, `master`. */
  label: string;
  /** As the user or the workspace wrote it (`2.9.3`), for messages. */
  text: string;
  patch?: number;
}

/**
 * A version as written (`2.9`, `2.9.3`, `v2.9.3`, `3.0`, `master`) resolved against the catalogue.
 * Versions after the newest release are judged against master; versions before 2.0, or text that
 * is no version, give undefined (then any catalogued version counts).
 */
export function resolveKumaVersion(text: string): KumaVersion | undefined {
  const trimmed = text.trim();
  if (/^(master|main|latest)$/i.test(trimmed)) return { label: MASTER.label, text: versionName(MASTER.label) };
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+][0-9A-Za-z.-]*)?$/.exec(trimmed);
  if (!m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  const patch = m[3] === undefined ? undefined : Number(m[3]);
  const label = `${major}.${minor}`;
  const shown = patch === undefined ? label : `${label}.${patch}`;
  if (LABELS.includes(label)) return { label, text: shown, ...(patch === undefined ? {} : { patch }) };
  const [newestMajor, newestMinor] = NEWEST_RELEASE.label.split('.').map(Number);
  if (major > newestMajor || (major === newestMajor && minor > newestMinor)) return { label: MASTER.label, text: shown };
  return undefined;
}

/** Whether a version string names a version the catalogue can judge against (for option validation). */
export function isCataloguedVersion(text: string): boolean {
  return resolveKumaVersion(text) !== undefined;
}

export type ReadVerdict =
  | { read: true }
  | { read: false; addedIn: string }
  | { read: false; removedIn: string; lastRead: string; successors: readonly string[] };

function patchOf(release: string): number {
  return Number(release.split('.')[2] ?? 0);
}

/** Whether `version` reads the setting, and if not, when it was added or removed. */
export function readVerdict(setting: CatalogueSetting, version: KumaVersion): ReadVerdict {
  const index = LABELS.indexOf(version.label);
  const firstPatch = setting.sincePatch?.[version.label];
  if (setting.readBy.includes(version.label)) {
    // Without a patch, the minor reads it in some release: the benefit of the doubt.
    if (firstPatch === undefined || version.patch === undefined || version.patch >= patchOf(firstPatch)) return { read: true };
    return { read: false, addedIn: firstPatch };
  }
  const later = setting.readBy.find((label) => LABELS.indexOf(label) > index);
  if (later !== undefined) return { read: false, addedIn: setting.sincePatch?.[later] ?? versionName(later) };
  const last = setting.readBy[setting.readBy.length - 1];
  return { read: false, removedIn: versionName(LABELS[LABELS.indexOf(last) + 1]), lastRead: versionName(last), successors: setting.successors ?? [] };
}

/** True when every catalogued version reads the setting in every patch: no version can make it unknown. */
export function isReadByEveryVersion(setting: CatalogueSetting): boolean {
  return setting.readBy.length === LABELS.length && !setting.sincePatch;
}

/** `2.0`–`2.14` and master, for docs and messages. */
export function catalogueRangeText(): string {
  return `${LABELS[0]} to ${NEWEST_RELEASE.label} and ${versionName(MASTER.label)}`;
}

// ---- names Kuma's own files get wrong ---------------------------------------------------------

/**
 * Env namespaces the catalogue's scope covers, so an unknown name under one of them is a mistake.
 * KUMA_ variables outside them (KUMA_XDS_SERVER_*, KUMA_DNS_*, …) are none of this linter's business.
 */
export const COVERED_ENV_PREFIXES: readonly string[] = [
  'KUMA_GENERAL_TLS_',
  'KUMA_API_SERVER_',
  'KUMA_DP_SERVER_',
  'KUMA_BOOTSTRAP_SERVER_PARAMS_XDS_',
  'KUMA_MONITORING_ASSIGNMENT_SERVER_',
  'KUMA_MULTIZONE_',
  'KUMA_DIAGNOSTICS_',
  'KUMA_INTER_CP_',
  'KUMA_RUNTIME_KUBERNETES_ADMISSION_SERVER_',
  'KUMA_STORE_POSTGRES_TLS_',
  'KUMA_CONTROL_PLANE_',
  'KUMA_DATAPLANE_RUNTIME_METRICS_',
];

/** The YAML twins of the covered env namespaces (lower-cased). */
const COVERED_YAML_PREFIXES: Record<KumaComponent, readonly string[]> = {
  'kuma-cp': [
    'general.tls',
    'apiserver.',
    'dpserver.',
    'bootstrapserver.params.xds',
    'monitoringassignmentserver.',
    'multizone.',
    'diagnostics.',
    'intercp.',
    'runtime.kubernetes.admissionserver.',
    'store.postgres.tls.',
  ],
  'kuma-dp': ['controlplane.', 'dataplaneruntime.metrics.'],
};

function hasCoveredPrefix(name: string): boolean {
  const upper = name.toUpperCase();
  return COVERED_ENV_PREFIXES.some((prefix) => upper.startsWith(prefix));
}

/**
 * Names Kuma's own defaults file and docs print but Kuma never reads (reference §3.1), mapped to the
 * names its struct tags really use. The generator finds these as `# ENV:` markers that differ from
 * the struct tag at the same path; the two TLS ones are the ones this linter's scope reaches.
 */
export const MISNAMED: Readonly<Record<string, string>> = Object.fromEntries(
  table.defaultsFileNames.filter((entry) => hasCoveredPrefix(entry.reads)).map((entry) => [entry.printed, entry.reads]),
);

export function isYamlPathInScope(path: string, component: KumaComponent = 'kuma-cp'): boolean {
  const lower = path.toLowerCase();
  return COVERED_YAML_PREFIXES[component].some((prefix) => lower.startsWith(prefix));
}

const coveredSettings = ALL_SETTINGS.filter((setting) => hasCoveredPrefix(setting.env));
const coveredEnvNames = coveredSettings.map((setting) => setting.env);

/** Few enough edits to be a slip of the keyboard, however long the name. */
function suggestionLimit(name: string): number {
  return Math.min(3, Math.max(1, Math.floor(name.length / 8)));
}

/**
 * Whether `unknown-setting` may judge this env name: it starts with a covered namespace, or is a few
 * keystrokes from a covered name (a typo inside the namespace part, `KUMA_API_SERVR_…`). Lower-case
 * spellings count, since Kuma ignores them and the user meant the upper-case one. A name that some
 * catalogued Kuma reads outside the covered namespaces is never in scope, however close it is.
 */
export function isEnvNameInScope(name: string): boolean {
  if (hasCoveredPrefix(name)) return true;
  const upper = name.toUpperCase();
  if (!upper.startsWith('KUMA_') || byEnv.has(upper)) return false;
  return closestWithin(upper, coveredEnvNames, suggestionLimit(upper)) !== undefined;
}

/** Covered env names a version reads (all of them without a version). */
function candidateNames(version: KumaVersion | undefined): readonly string[] {
  if (!version) return coveredEnvNames;
  return coveredSettings.filter((setting) => readVerdict(setting, version).read).map((setting) => setting.env);
}

/**
 * The env name the user most likely meant: the right name for a misnamed one, the upper-case
 * spelling of a lower-case one, or the nearest covered name within a few edits (among the names
 * `version` reads, when one is known). Nothing for names outside the covered namespaces.
 */
export function suggestEnvName(name: string, version?: KumaVersion): string | undefined {
  return remembered(`env\0${name}\0${versionKey(version)}`, () => computeEnvSuggestion(name, version));
}

function computeEnvSuggestion(name: string, version?: KumaVersion): string | undefined {
  if (name in MISNAMED) return MISNAMED[name];
  if (!isEnvNameInScope(name)) return undefined;
  const upper = name.toUpperCase();
  if (upper !== name && byEnv.has(upper)) return upper;
  if (upper in MISNAMED) return MISNAMED[upper];
  return closestWithin(upper, candidateNames(version), suggestionLimit(upper));
}

/** The YAML path the user most likely meant, for a path in a covered section that Kuma does not define. */
export function suggestYamlPath(path: string, component: KumaComponent = 'kuma-cp', version?: KumaVersion): string | undefined {
  if (!isYamlPathInScope(path, component)) return undefined;
  return remembered(`yaml\0${component}\0${path}\0${versionKey(version)}`, () => computeYamlSuggestion(path, component, version));
}

function computeYamlSuggestion(path: string, component: KumaComponent, version?: KumaVersion): string | undefined {
  const candidates = [...byYamlPath[component].values()].filter((setting) => !version || readVerdict(setting, version).read).map((setting) => setting.yamlPath);
  const exact = candidates.find((candidate) => candidate.toLowerCase() === path.toLowerCase());
  if (exact) return exact;
  return closestWithin(path, candidates, suggestionLimit(path));
}

/**
 * Suggestions are a function of the catalogue, which never changes: each unknown name costs its
 * edit distances once per process, however many files write it (a rendered manifest repeats the
 * same kuma-cp config hundreds of times). Bounded, for a hostile file of endless distinct names.
 */
const suggestions = new Map<string, string | undefined>();
const MAX_SUGGESTIONS = 4096;

function remembered(key: string, compute: () => string | undefined): string | undefined {
  if (suggestions.has(key)) return suggestions.get(key);
  const suggestion = compute();
  if (suggestions.size >= MAX_SUGGESTIONS) suggestions.clear();
  suggestions.set(key, suggestion);
  return suggestion;
}

function versionKey(version: KumaVersion | undefined): string {
  return version ? `${version.label}.${version.patch ?? ''}` : '';
}

/** The YAML twin of an env name (for a successor named by env in a YAML config). */
export function yamlPathOfEnv(env: string): string | undefined {
  return byEnv.get(env)?.yamlPath;
}

// ---- TLS facts other rules use ----------------------------------------------------------------

/** A server's certificate and key settings, which Kuma needs both or neither of. */
export interface CertKeyPair {
  cert: string;
  key: string;
  /**
   * kuma-cp's validation errors (checked when the config loads, before defaults are filled in) when only
   * the certificate or only the key is set; absent where Kuma does not check the pair.
   */
  startupErrors?: { certOnly: string; keyOnly: string };
}

const SERVER_PAIR_ERRORS = {
  certOnly: '.TlsKeyFile cannot be empty if TlsCertFile has been set',
  keyOnly: '.TlsCertFile cannot be empty if TlsKeyFile has been set',
};

export const CERT_KEY_PAIRS: readonly CertKeyPair[] = [
  { cert: 'KUMA_GENERAL_TLS_CERT_FILE', key: 'KUMA_GENERAL_TLS_KEY_FILE', startupErrors: SERVER_PAIR_ERRORS },
  {
    cert: 'KUMA_API_SERVER_HTTPS_TLS_CERT_FILE',
    key: 'KUMA_API_SERVER_HTTPS_TLS_KEY_FILE',
    startupErrors: { certOnly: 'Both TlsCertFile and TlsKeyFile has to be specified', keyOnly: 'Both TlsCertFile and TlsKeyFile has to be specified' },
  },
  // dp-server does not check the pair: a lone certificate fails when the server loads it, a lone key is
  // silently replaced by the general pair.
  { cert: 'KUMA_DP_SERVER_TLS_CERT_FILE', key: 'KUMA_DP_SERVER_TLS_KEY_FILE' },
  { cert: 'KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_CERT_FILE', key: 'KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_KEY_FILE', startupErrors: SERVER_PAIR_ERRORS },
  { cert: 'KUMA_MULTIZONE_GLOBAL_KDS_TLS_CERT_FILE', key: 'KUMA_MULTIZONE_GLOBAL_KDS_TLS_KEY_FILE', startupErrors: SERVER_PAIR_ERRORS },
  { cert: 'KUMA_DIAGNOSTICS_TLS_CERT_FILE', key: 'KUMA_DIAGNOSTICS_TLS_KEY_FILE', startupErrors: SERVER_PAIR_ERRORS },
  {
    cert: 'KUMA_STORE_POSTGRES_TLS_CERT_PATH',
    key: 'KUMA_STORE_POSTGRES_TLS_KEY_PATH',
    startupErrors: { certOnly: 'KeyPath cannot be empty when CertPath is provided', keyOnly: 'CertPath cannot be empty when KeyPath is provided' },
  },
  { cert: 'KUMA_DATAPLANE_RUNTIME_METRICS_CERT_PATH', key: 'KUMA_DATAPLANE_RUNTIME_METRICS_KEY_PATH' },
];

/** The general setting that overwrites every per-server TLS minimum when non-empty (reference §3.2). */
export const GENERAL_TLS_MIN_VERSION = 'KUMA_GENERAL_TLS_MIN_VERSION';

/** Per-server `*_TLS_MIN_VERSION` settings, which have no effect while the general one keeps its default. */
export const PER_SERVER_TLS_MIN_VERSIONS: readonly string[] = KUMA_CP_SETTINGS.filter(
  (setting) => setting.env.endsWith('_TLS_MIN_VERSION') && setting.env !== GENERAL_TLS_MIN_VERSION,
).map((setting) => setting.env);

/** Validated by kuma-cp but never applied by the API server's TLS config (reference §3.1). */
export const NEVER_APPLIED_SETTINGS: readonly string[] = ['KUMA_API_SERVER_HTTPS_TLS_MAX_VERSION'];
