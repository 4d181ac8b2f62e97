// kumactl flags that carry TLS configuration: `kumactl install control-plane` flags and the Helm values they
// set (reference §2.5), and `kumactl config control-planes add` flags and the kumactl config keys they
// store (reference §4).

export interface InstallFlag {
  flag: string;
  helmValue: string;
  removedIn?: string;
}

export const KUMACTL_INSTALL_TLS_FLAGS: readonly InstallFlag[] = [
  { flag: '--tls-general-secret', helmValue: 'controlPlane.tls.general.secretName' },
  { flag: '--tls-general-ca-secret', helmValue: 'controlPlane.tls.general.caSecretName' },
  { flag: '--tls-general-ca-bundle', helmValue: 'controlPlane.tls.general.caBundle' },
  { flag: '--tls-api-server-secret', helmValue: 'controlPlane.tls.apiServer.secretName' },
  { flag: '--tls-api-server-client-certs-secret', helmValue: 'controlPlane.tls.apiServer.clientCertsSecretName', removedIn: '3.0' },
  { flag: '--tls-kds-global-server-secret', helmValue: 'controlPlane.tls.kdsGlobalServer.secretName', removedIn: '3.0' },
  { flag: '--tls-kds-zone-client-secret', helmValue: 'controlPlane.tls.kdsZoneClient.secretName' },
  { flag: '--kds-global-address', helmValue: 'controlPlane.kdsGlobalAddress' },
  { flag: '--mode', helmValue: 'controlPlane.mode' },
  { flag: '--zone', helmValue: 'controlPlane.zone' },
  // StringToString: each NAME=value becomes controlPlane.envVars.NAME.
  { flag: '--env-var', helmValue: 'controlPlane.envVars' },
];

export function installFlagByName(flag: string): InstallFlag | undefined {
  return KUMACTL_INSTALL_TLS_FLAGS.find((entry) => entry.flag === flag);
}

export interface ControlPlanesAddFlag {
  flag: string;
  kind: 'string' | 'bool' | 'keyValues';
  required?: boolean;
  /** Key under `controlPlanes[].coordinates.apiServer` in the kumactl config, where the flag is stored. */
  configKey?: string;
  description: string;
}

export const KUMACTL_CONTROL_PLANES_ADD_FLAGS: readonly ControlPlanesAddFlag[] = [
  { flag: '--name', kind: 'string', required: true, description: 'Name of the control plane (and of the kumactl context that becomes current).' },
  { flag: '--address', kind: 'string', required: true, configKey: 'url', description: 'URL of the API server: http://localhost:5681 or https://localhost:5682.' },
  { flag: '--overwrite', kind: 'bool', description: 'Replace an existing control plane of the same name.' },
  { flag: '--client-cert-file', kind: 'string', configKey: 'clientCertFile', description: 'Client certificate for the HTTPS API (kumactl stores only the path).' },
  { flag: '--client-key-file', kind: 'string', configKey: 'clientKeyFile', description: 'Private key of the client certificate (kumactl stores only the path).' },
  { flag: '--ca-cert-file', kind: 'string', configKey: 'caCertFile', description: 'CA that verifies the API server; without it the system trust store is used (2.14+).' },
  { flag: '--skip-verify', kind: 'bool', configKey: 'skipVerify', description: 'Do not verify the API server\'s certificate (insecure; ignored before 2.14 and its backports).' },
  { flag: '--headers', kind: 'keyValues', configKey: 'headers', description: 'Extra HTTP headers, key=value.' },
  { flag: '--auth-type', kind: 'string', configKey: 'authType', description: 'Authentication plugin, e.g. tokens.' },
  { flag: '--auth-conf', kind: 'keyValues', configKey: 'authConf', description: 'Authentication plugin configuration, e.g. token=<JWT>.' },
  { flag: '--skip-check', kind: 'bool', description: 'Do not connect to the API server to check it (2.5+).' },
];

/** kumactl's own errors for `config control-planes add` (reference §4). */
export const KUMACTL_ADD_ERRORS = {
  invalidUrl: 'API Server URL is invalid',
  clientPairIncomplete: 'Both --client-cert-file and --client-key-file needs to be specified',
  cannotConnect: 'could not connect to the Control Plane API Server',
} as const;
