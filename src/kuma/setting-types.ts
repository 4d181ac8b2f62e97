// The shape of one Kuma setting as the linter, hovers and completions see it.

/** How a setting's value is read by Kuma; drives validation, hovers and completions. */
export type SettingKind =
  | 'bool'
  | 'tlsVersion'
  | 'cipherSuites'
  | 'path'
  | 'dir'
  | 'interface'
  | 'port'
  | 'url'
  | 'string'
  | 'enum'
  | 'duration'
  | 'int'
  | 'stringList'
  /** A list of structured items (`publicKeys: [{kid, key}]`): what is under it is its value. */
  | 'list'
  /** A free-form mapping (`envVars: {…}`): its keys are its value, not settings. */
  | 'map'
  | 'pem';

export type KumaComponent = 'kuma-cp' | 'kuma-dp';

export interface KumaSetting {
  /** Upper-case environment variable name, exactly as Kuma's envconfig tag reads it. */
  env: string;
  /** Dotted key in the component's YAML config file (`apiServer.http.interface`). */
  yamlPath: string;
  /** Kuma's default as a user would write it; empty string means "empty". */
  defaultValue: string;
  kind: SettingKind;
  /** The accepted values of `tlsVersion` and `enum` settings. */
  values?: readonly string[];
  /** One or two sentences fit for a hover. */
  description: string;
  /** Pitfalls worth showing next to the description. */
  notes?: readonly string[];
  since?: string;
  removedIn?: string;
}

/** The only values `*_TLS_MIN_VERSION` / `*_TLS_MAX_VERSION` accept besides empty (`pkg/config/types/tls.go`). */
export const TLS_VERSIONS: readonly string[] = ['TLSv1_2', 'TLSv1_3'];
