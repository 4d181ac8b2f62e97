// Lookups over the kuma-cp and kuma-dp settings: by env name, by YAML path, which names `unknown-setting`
// may judge, and what a misspelled name most likely meant.
import { KUMA_CP_SETTINGS } from './cp-settings';
import { KUMA_DP_SETTINGS } from './dp-settings';
import { closestWithin } from './edit-distance';
import { KumaComponent, KumaSetting } from './setting-types';

export interface CatalogueSetting extends KumaSetting {
  component: KumaComponent;
}

export const ALL_SETTINGS: readonly CatalogueSetting[] = [
  ...KUMA_CP_SETTINGS.map((setting) => ({ ...setting, component: 'kuma-cp' as const })),
  ...KUMA_DP_SETTINGS.map((setting) => ({ ...setting, component: 'kuma-dp' as const })),
];

const byEnv = new Map(ALL_SETTINGS.map((setting) => [setting.env, setting]));
// Kuma decodes YAML config through encoding/json (sigs.k8s.io/yaml), whose field matching ignores case.
const byYamlPath: Record<KumaComponent, Map<string, CatalogueSetting>> = { 'kuma-cp': new Map(), 'kuma-dp': new Map() };
const yamlParents: Record<KumaComponent, Set<string>> = { 'kuma-cp': new Set(), 'kuma-dp': new Set() };
for (const setting of ALL_SETTINGS) {
  const path = setting.yamlPath.toLowerCase();
  byYamlPath[setting.component].set(path, setting);
  const segments = path.split('.');
  for (let length = 1; length < segments.length; length++) {
    yamlParents[setting.component].add(segments.slice(0, length).join('.'));
  }
}

/** The setting an environment variable name denotes; exact, case-sensitive (as Linux environments are). */
export function settingByEnv(name: string): CatalogueSetting | undefined {
  return byEnv.get(name);
}

/** The setting at a dotted YAML config path (case-insensitive, as Kuma reads it). */
export function settingByYamlPath(path: string, component: KumaComponent = 'kuma-cp'): CatalogueSetting | undefined {
  return byYamlPath[component].get(path.toLowerCase());
}

/** True for a path that is a setting or a mapping above settings (`apiServer`, `apiServer.http`). */
export function isKnownYamlPath(path: string, component: KumaComponent = 'kuma-cp'): boolean {
  const lower = path.toLowerCase();
  return byYamlPath[component].has(lower) || yamlParents[component].has(lower);
}

/**
 * Names Kuma's own defaults file and docs print but Kuma never reads (reference §3.1), mapped to the
 * names its struct tags really use.
 */
export const MISNAMED: Readonly<Record<string, string>> = {
  KUMA_API_SERVER_HTTPS_CLIENT_CERTS_CA_FILE: 'KUMA_API_SERVER_HTTPS_TLS_CA_FILE',
  KUMA_STORE_POSTGRES_TLS_ROOT_CERT_PATH: 'KUMA_STORE_POSTGRES_TLS_CA_PATH',
};

/**
 * Env namespaces the catalogue lists completely, so an unknown name under one of them is a mistake.
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

export function isYamlPathInScope(path: string, component: KumaComponent = 'kuma-cp'): boolean {
  const lower = path.toLowerCase();
  return COVERED_YAML_PREFIXES[component].some((prefix) => lower.startsWith(prefix));
}

const coveredEnvNames = ALL_SETTINGS.map((setting) => setting.env).filter(hasCoveredPrefix);

/** Few enough edits to be a slip of the keyboard, however long the name. */
function suggestionLimit(name: string): number {
  return Math.min(3, Math.max(1, Math.floor(name.length / 8)));
}

/**
 * Whether `unknown-setting` may judge this env name: it starts with a covered namespace, or is a few
 * keystrokes from a covered name (a typo inside the namespace part, `KUMA_API_SERVR_…`). Lower-case
 * spellings count, since Kuma ignores them and the user meant the upper-case one. No real Kuma
 * variable outside the covered namespaces is that close to one inside (checked against v2.14.3's
 * struct tags), so unrelated KUMA_ variables stay quiet.
 */
export function isEnvNameInScope(name: string): boolean {
  if (hasCoveredPrefix(name)) return true;
  const upper = name.toUpperCase();
  return upper.startsWith('KUMA_') && closestWithin(upper, coveredEnvNames, suggestionLimit(upper)) !== undefined;
}

/**
 * The env name the user most likely meant: the right name for a misnamed one, the upper-case
 * spelling of a lower-case one, or the nearest covered name within a few edits. Nothing for names
 * outside the covered namespaces.
 */
export function suggestEnvName(name: string): string | undefined {
  if (name in MISNAMED) return MISNAMED[name];
  if (!isEnvNameInScope(name)) return undefined;
  const upper = name.toUpperCase();
  if (upper !== name && byEnv.has(upper)) return upper;
  if (upper in MISNAMED) return MISNAMED[upper];
  return closestWithin(upper, coveredEnvNames, suggestionLimit(upper));
}

/** The YAML path the user most likely meant, for a path in a covered section that Kuma does not define. */
export function suggestYamlPath(path: string, component: KumaComponent = 'kuma-cp'): string | undefined {
  if (!isYamlPathInScope(path, component)) return undefined;
  const candidates = ALL_SETTINGS.filter((setting) => setting.component === component).map((setting) => setting.yamlPath);
  const exact = candidates.find((candidate) => candidate.toLowerCase() === path.toLowerCase());
  if (exact) return exact;
  return closestWithin(path, candidates, suggestionLimit(path));
}

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
