// kuma-cp's well-known ports (reference §2.1, §3.1) and what listens on them.

export interface KumaPort {
  port: number;
  name: string;
  tls: 'always' | 'never' | 'optional';
  description: string;
}

export const KUMA_PORTS: readonly KumaPort[] = [
  { port: 5676, name: 'mads', tls: 'optional', description: 'Monitoring assignment server (MADS) for Prometheus discovery; plaintext unless KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED=true.' },
  { port: 5678, name: 'dp-server', tls: 'always', description: 'dp-server: kuma-dp bootstrap and xDS, always HTTPS.' },
  { port: 5680, name: 'diagnostics', tls: 'optional', description: 'Diagnostics: health and readiness probes, pprof; plain HTTP unless KUMA_DIAGNOSTICS_TLS_ENABLED=true.' },
  { port: 5681, name: 'http-api-server', tls: 'never', description: 'API server and GUI over plain HTTP.' },
  { port: 5682, name: 'https-api-server', tls: 'always', description: 'API server and GUI over HTTPS.' },
  { port: 5683, name: 'inter-cp', tls: 'always', description: 'Inter-control-plane server (internal CA).' },
  { port: 5685, name: 'kds', tls: 'optional', description: 'Global KDS gRPC server that zone control planes connect to (grpcs:// with TLS).' },
];

export const PORT_MADS = 5676;
export const PORT_DP_SERVER = 5678;
export const PORT_DIAGNOSTICS = 5680;
export const PORT_HTTP_API = 5681;
export const PORT_HTTPS_API = 5682;
export const PORT_KDS = 5685;

export function kumaPort(port: number): KumaPort | undefined {
  return KUMA_PORTS.find((entry) => entry.port === port);
}
