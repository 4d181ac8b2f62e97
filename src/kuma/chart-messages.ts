// The kuma chart's own `fail`/`required` messages (reference §2.4, v2.14.3), quoted verbatim in findings so
// users recognise the error they would otherwise meet at `helm install` time.

export const CHART_FAIL = {
  certManagerConflict:
    'When controlPlane.tls.general.certManager.enabled is true, secretName and caBundle must be empty',
  caBundleSecretPair:
    'You need to send both or neither of controlPlane.tls.general.caBundle and controlPlane.tls.general.secretName',
  certManagerCrdsMissing:
    'cert-manager CRDs not found. Please install cert-manager before enabling controlPlane.tls.general.certManager.enabled',
  certManagerDnsNamesEmpty: 'controlPlane.tls.general.certManager.dnsNames must not be empty',
  certManagerDnsNamesEmptyString: 'controlPlane.tls.general.certManager.dnsNames must not contain empty strings',
  kdsZoneClientCertMissing: 'you must provide a kds cert',
  kdsGlobalServerCertMissing: 'you must provide a kds tls cert',
  kdsGlobalServerKeyMissing: 'you must provide a kds tls key',
  kdsGlobalAddressScheme: "controlPlane.kdsGlobalAddress must be a url with scheme grpcs:// or grpc:// got:'%s'",
  modeInvalid: "controlPlane.mode invalid got:'%s' supported values: global,zone,standalone",
  postgresCaRequired:
    "if mode is 'verifyCa' or 'verifyFull' then you must provide .Values.postgres.tls.caSecretName",
} as const;

/** Kubernetes' error when a webhook caBundle is not PEM after base64 decoding (Kuma docs, certificates page). */
export const WEBHOOK_CA_BUNDLE_ERROR =
  'failed calling webhook "namespace-kuma-injector.kuma.io": could not get REST client: unable to load root certificates: unable to parse bytes as PEM block';

/** kuma-dp's error when KUMA_CONTROL_PLANE_CA_CERT holds something other than PEM (kumahq/kuma#1462). */
export const DP_CA_CERT_NOT_PEM_ERROR = 'Failed to generate Envoy bootstrap config. could not add certificate';
