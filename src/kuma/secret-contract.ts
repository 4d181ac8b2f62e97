// Which keys each Secret the chart mounts must hold (reference §2.3), keyed by the value that names it.

export type TlsChannel =
  | 'general'
  | 'generalCa'
  | 'apiServer'
  | 'apiServerClientCerts'
  | 'kdsGlobalServer'
  | 'kdsZoneClient'
  | 'postgresCa'
  | 'postgresClient';

export interface SecretRequirement {
  channel: TlsChannel;
  /** Helm value that names the Secret. */
  valuePath: string;
  /** Keys the Secret must contain. */
  requiredKeys: readonly string[];
  /** Required only when this other value is empty (general's ca.crt when caSecretName is unset). */
  keysUnlessSet?: { keys: readonly string[]; valuePath: string };
  /** Secret type the docs or chart use (`kubectl create secret tls` gives kubernetes.io/tls). */
  typicalType: 'Opaque' | 'kubernetes.io/tls';
  /** The `kubectl create secret` line Kuma's docs give, for quick fixes and snippets. */
  docsCommand?: string;
}

export const SECRET_REQUIREMENTS: readonly SecretRequirement[] = [
  {
    channel: 'general',
    valuePath: 'controlPlane.tls.general.secretName',
    requiredKeys: ['tls.crt', 'tls.key'],
    keysUnlessSet: { keys: ['ca.crt'], valuePath: 'controlPlane.tls.general.caSecretName' },
    typicalType: 'Opaque',
    docsCommand: 'kubectl create secret generic general-tls-certs -n kuma-system --from-file=tls.crt=tls.crt --from-file=tls.key=tls.key --from-file=ca.crt=ca.crt',
  },
  {
    channel: 'generalCa',
    valuePath: 'controlPlane.tls.general.caSecretName',
    requiredKeys: ['ca.crt'],
    typicalType: 'Opaque',
  },
  {
    channel: 'apiServer',
    valuePath: 'controlPlane.tls.apiServer.secretName',
    requiredKeys: ['tls.crt', 'tls.key'],
    typicalType: 'kubernetes.io/tls',
    docsCommand: 'kubectl create secret tls api-server-tls -n kuma-system --cert=tls.crt --key=tls.key',
  },
  {
    channel: 'apiServerClientCerts',
    valuePath: 'controlPlane.tls.apiServer.clientCertsSecretName',
    // Any key ending in .pem or .crt is loaded; none is individually required.
    requiredKeys: [],
    typicalType: 'Opaque',
  },
  {
    channel: 'kdsGlobalServer',
    valuePath: 'controlPlane.tls.kdsGlobalServer.secretName',
    requiredKeys: ['tls.crt', 'tls.key'],
    typicalType: 'kubernetes.io/tls',
    docsCommand: 'kubectl create secret tls kds-server-tls -n kuma-system --cert=tls.crt --key=tls.key',
  },
  {
    channel: 'kdsZoneClient',
    valuePath: 'controlPlane.tls.kdsZoneClient.secretName',
    requiredKeys: ['ca.crt'],
    typicalType: 'Opaque',
    docsCommand: 'kubectl create secret generic kds-ca-certs -n kuma-system --from-file=ca.crt=ca.crt',
  },
  {
    channel: 'postgresCa',
    valuePath: 'postgres.tls.caSecretName',
    requiredKeys: ['ca.crt'],
    typicalType: 'Opaque',
  },
  {
    channel: 'postgresClient',
    valuePath: 'postgres.tls.secretName',
    requiredKeys: ['tls.crt', 'tls.key'],
    typicalType: 'kubernetes.io/tls',
  },
];

/** Name of the Secret the chart generates when `general.secretName` is empty (`<kuma.name>-tls-cert`). */
export const CHART_GENERATED_GENERAL_SECRET = 'kuma-tls-cert';

/** Where the chart mounts each Secret inside the control-plane container. */
export const SECRET_MOUNT_PATHS: Readonly<Partial<Record<TlsChannel, string>>> = {
  general: '/var/run/secrets/kuma.io/tls-cert',
  apiServer: '/var/run/secrets/kuma.io/api-server-tls-cert',
  apiServerClientCerts: '/var/run/secrets/kuma.io/api-server-client-certs',
  kdsGlobalServer: '/var/run/secrets/kuma.io/kds-server-tls-cert',
  kdsZoneClient: '/var/run/secrets/kuma.io/kds-client-tls-cert',
};

export function secretRequirementFor(valuePath: string): SecretRequirement | undefined {
  return SECRET_REQUIREMENTS.find((requirement) => requirement.valuePath === valuePath);
}

/**
 * Secret names Kuma's docs and chart use (reference §2.1, §2.3): the general Secret of the docs and
 * the one the chart generates, the API server and KDS Secrets of the docs, and the KDS Secrets the
 * chart creates (`<kuma.name>-kds-global-server-tls`, `<kuma.name>-kds-zone-client-tls`).
 */
export const KUMA_SECRET_NAMES: ReadonlySet<string> = new Set([
  'general-tls-certs',
  CHART_GENERATED_GENERAL_SECRET,
  'api-server-tls',
  'kds-server-tls',
  'kds-ca-certs',
  'kuma-kds-global-server-tls',
  'kuma-kds-zone-client-tls',
]);
