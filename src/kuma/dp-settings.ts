// Hand-kept facts about the kuma-dp settings that concern its TLS connection to the control plane
// (reference §5, Kuma v2.14.3 `pkg/config/app/kuma-dp/config.go`), laid over the generated catalogue.
import { KumaSetting } from './setting-types';

export const KUMA_DP_SETTINGS: readonly KumaSetting[] = [
  {
    env: 'KUMA_CONTROL_PLANE_URL',
    yamlPath: 'controlPlane.url',
    defaultValue: 'https://localhost:5678',
    kind: 'url',
    description: 'URL of the control plane\'s dp-server (flag --cp-address), normally https://<host>:5678.',
    notes: ['Scheme must be http or https: "unsupported URL scheme %q, must be http or https".', 'Unless KUMA_BOOTSTRAP_SERVER_PARAMS_XDS_HOST is set on kuma-cp, the host must be a SAN of the dp-server certificate.'],
  },
  {
    env: 'KUMA_CONTROL_PLANE_CA_CERT',
    yamlPath: 'controlPlane.caCert',
    defaultValue: '',
    kind: 'pem',
    description: 'PEM content (not a path) of the CA that verifies the control plane; takes precedence over KUMA_CONTROL_PLANE_CA_CERT_FILE.',
    notes: ['A path here fails with "could not add certificate" (kumahq/kuma#1462); use KUMA_CONTROL_PLANE_CA_CERT_FILE for paths.'],
  },
  {
    env: 'KUMA_CONTROL_PLANE_CA_CERT_FILE',
    yamlPath: 'controlPlane.caCertFile',
    defaultValue: '',
    kind: 'path',
    description: 'Path to the PEM CA that verifies the control plane (flag --ca-cert-file); read only when KUMA_CONTROL_PLANE_CA_CERT is empty.',
    notes: ['Unreadable file: "could not read certificate file %s".', 'Without a CA (and without skip-verify) the control plane certificate must be trusted by the system store.'],
  },
  {
    env: 'KUMA_CONTROL_PLANE_TLS_SKIP_VERIFY',
    yamlPath: 'controlPlane.tlsSkipVerify',
    defaultValue: 'false',
    kind: 'bool',
    description: 'Do not verify the control plane\'s certificate (flag --skip-verify). Insecure; for development only.',
    notes: ['Before these versions kuma-dp silently skipped verification when no CA was given.'],
    since: '2.14.0 (backported to 2.13.7, 2.12.11, 2.11.14, 2.9.16, 2.7.26)',
  },
  {
    env: 'KUMA_CONTROL_PLANE_RETRY_BACKOFF',
    yamlPath: 'controlPlane.retry.backoff',
    defaultValue: '3s',
    kind: 'duration',
    description: 'Wait between attempts to fetch the bootstrap configuration from the control plane.',
  },
  {
    env: 'KUMA_CONTROL_PLANE_RETRY_MAX_DURATION',
    yamlPath: 'controlPlane.retry.maxDuration',
    defaultValue: '5m0s',
    kind: 'duration',
    description: 'How long kuma-dp keeps retrying the bootstrap request before giving up.',
  },
  {
    env: 'KUMA_DATAPLANE_RUNTIME_TOKEN_PATH',
    yamlPath: 'dataplaneRuntime.dataplaneTokenPath',
    defaultValue: '',
    kind: 'path',
    description: 'Path to the data plane token (flag --dataplane-token-file); universal deployments need a token.',
  },
  {
    env: 'KUMA_DATAPLANE_RUNTIME_TOKEN',
    yamlPath: 'dataplaneRuntime.dataplaneToken',
    defaultValue: '',
    kind: 'string',
    description: 'The data plane token itself (flag --dataplane-token).',
  },
  {
    env: 'KUMA_DATAPLANE_RUNTIME_METRICS_CERT_PATH',
    yamlPath: 'dataplaneRuntime.metrics.metricsCertPath',
    defaultValue: '',
    kind: 'path',
    description: 'PEM certificate of the proxy\'s metrics listener (flag --metrics-cert-path).',
  },
  {
    env: 'KUMA_DATAPLANE_RUNTIME_METRICS_KEY_PATH',
    yamlPath: 'dataplaneRuntime.metrics.metricsKeyPath',
    defaultValue: '',
    kind: 'path',
    description: 'PEM private key of the proxy\'s metrics listener (flag --metrics-key-path).',
  },
];
