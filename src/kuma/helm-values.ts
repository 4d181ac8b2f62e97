// The kuma Helm chart's TLS values and the TLS-adjacent ones (reference §2.1, chart v2.14.3). The chart has
// no values.schema.json; everything here is what its templates do with each value.

export interface HelmValue {
  /** Dotted path under the chart's values (`controlPlane.tls.general.secretName`). */
  path: string;
  /** Chart default as it appears in values.yaml; empty string means "". */
  defaultValue: string;
  description: string;
  notes?: readonly string[];
  since?: string;
  removedIn?: string;
}

export const HELM_TLS_VALUES: readonly HelmValue[] = [
  {
    path: 'controlPlane.tls.general.secretName',
    defaultValue: '',
    description: 'Secret with tls.crt, tls.key (and ca.crt unless caSecretName is set) that protects kuma-cp in-cluster traffic: dp-server, webhooks, KDS. Empty: the chart generates kuma-tls-cert.',
    notes: ['Must be set together with caBundle.', 'Its certificate needs the SANs <service>.<namespace> and <service>.<namespace>.svc.'],
  },
  {
    path: 'controlPlane.tls.general.caSecretName',
    defaultValue: '',
    description: 'Secret whose ca.crt signed the general certificate; takes precedence over ca.crt in secretName.',
    notes: ['Does not satisfy the chart\'s "both or neither" check: caBundle is still required (kumahq/kuma#9324).'],
  },
  {
    path: 'controlPlane.tls.general.caBundle',
    defaultValue: '',
    description: 'The general CA certificate as one line of base64 (base64 -w0 of ca.crt); written verbatim into every Kuma webhook\'s clientConfig.caBundle.',
    notes: ['Must be set together with secretName.', 'Raw PEM or line-wrapped base64 breaks the webhooks: "unable to parse bytes as PEM block".'],
  },
  {
    path: 'controlPlane.tls.general.certManager.enabled',
    defaultValue: 'false',
    description: 'Let cert-manager issue the general certificate and inject the webhooks\' CA.',
    notes: ['secretName and caBundle must then be empty.', 'Requires the cert-manager CRDs.'],
    since: '2.13.0',
  },
  {
    path: 'controlPlane.tls.general.certManager.issuerRef.name',
    defaultValue: '',
    description: 'cert-manager issuer of the general certificate; empty: the chart creates a self-signed issuer.',
    since: '2.13.1',
  },
  {
    path: 'controlPlane.tls.general.certManager.issuerRef.kind',
    defaultValue: 'Issuer',
    description: 'Kind of the issuer: Issuer or ClusterIssuer.',
    since: '2.13.1',
  },
  {
    path: 'controlPlane.tls.general.certManager.dnsNames',
    defaultValue: '<service>.<namespace>, <service>.<namespace>.svc, <service>.<namespace>.svc.cluster.local',
    description: 'DNS names of the cert-manager Certificate; Helm template strings allowed.',
    notes: ['Must not be empty or contain empty strings.'],
    since: '2.14.0',
  },
  {
    path: 'controlPlane.tls.apiServer.secretName',
    defaultValue: '',
    description: 'Secret with tls.crt and tls.key for the HTTPS API server (5682).',
  },
  {
    path: 'controlPlane.tls.apiServer.clientCertsSecretName',
    defaultValue: '',
    description: 'Secret with the .pem/.crt client certificates that are admins on the HTTPS API.',
    removedIn: '3.0',
  },
  {
    path: 'controlPlane.tls.kdsGlobalServer.secretName',
    defaultValue: '',
    description: 'Secret with tls.crt and tls.key for the global control plane\'s KDS server (mode global only).',
    removedIn: '3.0',
  },
  {
    path: 'controlPlane.tls.kdsGlobalServer.create',
    defaultValue: 'false',
    description: 'Have the chart create the KDS server Secret from cert and key.',
    removedIn: '3.0',
  },
  {
    path: 'controlPlane.tls.kdsGlobalServer.cert',
    defaultValue: '',
    description: 'KDS server certificate as raw PEM (the chart puts it in stringData, not base64).',
    notes: ['Required with create: "you must provide a kds tls cert".'],
    removedIn: '3.0',
  },
  {
    path: 'controlPlane.tls.kdsGlobalServer.key',
    defaultValue: '',
    description: 'KDS server private key as raw PEM (stringData).',
    notes: ['Required with create: "you must provide a kds tls key".'],
    removedIn: '3.0',
  },
  {
    path: 'controlPlane.tls.kdsZoneClient.secretName',
    defaultValue: '',
    description: 'Secret whose ca.crt verifies the global KDS server (mode zone only).',
  },
  {
    path: 'controlPlane.tls.kdsZoneClient.create',
    defaultValue: 'false',
    description: 'Have the chart create the zone\'s KDS CA Secret from cert.',
  },
  {
    path: 'controlPlane.tls.kdsZoneClient.cert',
    defaultValue: '',
    description: 'CA of the global KDS server as raw PEM (stringData).',
    notes: ['Required with create: "you must provide a kds cert".'],
  },
  {
    path: 'controlPlane.tls.kdsZoneClient.skipVerify',
    defaultValue: 'false',
    description: 'Do not verify the global KDS server\'s certificate (sets KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY). Insecure.',
    since: '2.3.0',
  },
  {
    path: 'controlPlane.service.type',
    defaultValue: 'ClusterIP',
    description: 'Type of the control-plane Service, which exposes 5680, 5681 (plain HTTP API), 5682, 443, 5676 and 5678.',
    notes: ['LoadBalancer or NodePort exposes the plain-HTTP API (5681) outside the cluster.'],
  },
  {
    path: 'controlPlane.service.apiServer.http.nodePort',
    defaultValue: '30681',
    description: 'Node port of the plain-HTTP API when service.type is NodePort.',
  },
  {
    path: 'controlPlane.service.apiServer.https.nodePort',
    defaultValue: '30682',
    description: 'Node port of the HTTPS API when service.type is NodePort.',
  },
  {
    path: 'controlPlane.ingress.enabled',
    defaultValue: 'false',
    description: 'Create an Ingress for the API and GUI.',
  },
  {
    path: 'controlPlane.ingress.servicePort',
    defaultValue: '5681',
    description: 'Control-plane port the Ingress targets; the default 5681 is plain HTTP, 5682 is TLS.',
  },
  {
    path: 'controlPlane.globalZoneSyncService.type',
    defaultValue: 'LoadBalancer',
    description: 'Type of the global KDS Service (port 5685, global mode only).',
    removedIn: '3.0',
  },
  {
    path: 'controlPlane.admissionServerPort',
    defaultValue: '5443',
    description: 'Port of the admission webhook server (KUMA_RUNTIME_KUBERNETES_ADMISSION_SERVER_PORT).',
  },
  {
    path: 'controlPlane.injectorFailurePolicy',
    defaultValue: 'Fail',
    description: 'failurePolicy of the injector webhooks; with Fail, a broken caBundle blocks pod creation.',
  },
  {
    path: 'controlPlane.kdsGlobalAddress',
    defaultValue: '',
    description: 'URL of the global KDS server a zone connects to: grpcs://host:5685.',
    notes: ['Chart check: "controlPlane.kdsGlobalAddress must be a url with scheme grpcs:// or grpc://".'],
  },
  {
    path: 'controlPlane.envVars',
    defaultValue: '{}',
    description: 'Extra env of the control-plane container, name → value; overrides the chart\'s own defaults.',
  },
  {
    path: 'restartOnSecretChange',
    defaultValue: 'true',
    description: 'Restart kuma-cp when the chart-rendered TLS Secrets change (user-provided Secrets are not hashed).',
  },
  {
    path: 'postgres.tls.mode',
    defaultValue: 'disable',
    description: 'Postgres TLS mode: disable, verifyNone, verifyCa or verifyFull (KUMA_STORE_POSTGRES_TLS_MODE).',
    notes: ['verifyCa and verifyFull need postgres.tls.caSecretName.'],
  },
  {
    path: 'postgres.tls.caSecretName',
    defaultValue: '',
    description: 'Secret whose ca.crt verifies the Postgres server.',
  },
  {
    path: 'postgres.tls.secretName',
    defaultValue: '',
    description: 'Secret with the Postgres client tls.crt and tls.key.',
  },
  {
    path: 'postgres.tls.disableSSLSNI',
    defaultValue: 'false',
    description: 'Do not send SNI to the Postgres server.',
  },
];

const byPath = new Map(HELM_TLS_VALUES.map((value) => [value.path, value]));

/**
 * Kong Mesh's chart wraps Kuma's as a dependency, so its values nest Kuma's under `kuma:`
 * (`kuma.controlPlane.tls.general.secretName`). Every reader of chart values goes through
 * `kumaChartPath` so that both layouts mean the same value.
 */
export const KONG_MESH_VALUES_ROOT = 'kuma';

/** A values path with Kong Mesh's `kuma.` prefix removed: the path in Kuma's chart. */
export function kumaChartPath(path: readonly string[]): readonly string[] {
  return path[0] === KONG_MESH_VALUES_ROOT ? path.slice(1) : path;
}

/** The chart value at a dotted path, in Kuma's layout or Kong Mesh's. */
export function helmValueByPath(path: string): HelmValue | undefined {
  return byPath.get(path) ?? byPath.get(kumaChartPath(path.split('.')).join('.'));
}

/** Service types that publish the control plane's ports outside the cluster. */
export const EXTERNAL_SERVICE_TYPES: readonly string[] = ['LoadBalancer', 'NodePort'];
