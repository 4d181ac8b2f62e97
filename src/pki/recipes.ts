// The four Kuma TLS channels (reference §2.1, §2.3, §9) as file sets: certificates, the Secret
// the chart mounts, Helm values, and an install script that wires them together.
import { CertificateAuthority, CertificateRequestError, generateCa, issueCertificate } from './generate';
import { subjectAltNames } from './hostnames';
import { caBundleOf } from './inspect';
import { KeyType } from './keys';
import { OutputFile } from './output';

export type RecipeName = 'general' | 'apiServer' | 'kdsGlobalServer' | 'kdsZoneClient';

export const RECIPE_NAMES: readonly RecipeName[] = ['general', 'apiServer', 'kdsGlobalServer', 'kdsZoneClient'];

export interface RecipeInfo {
  name: RecipeName;
  /** The CLI spelling (`kuma-tls generate recipe api-server`). */
  cliName: string;
  title: string;
  description: string;
  secretName: string;
  /** Whether the recipe issues a server certificate (kdsZoneClient only distributes the CA). */
  issuesCertificate: boolean;
}

export const RECIPES: Record<RecipeName, RecipeInfo> = {
  general: {
    name: 'general',
    cliName: 'general',
    title: 'General (data plane → control plane, admission webhooks)',
    description: 'controlPlane.tls.general: tls.crt, tls.key, ca.crt and a one-line caBundle',
    secretName: 'general-tls-certs',
    issuesCertificate: true,
  },
  apiServer: {
    name: 'apiServer',
    cliName: 'api-server',
    title: 'API server (HTTPS on 5682)',
    description: 'controlPlane.tls.apiServer: tls.crt, tls.key',
    secretName: 'api-server-tls',
    issuesCertificate: true,
  },
  kdsGlobalServer: {
    name: 'kdsGlobalServer',
    cliName: 'kds-global-server',
    title: 'Global KDS server (zones connect to it)',
    description: 'controlPlane.tls.kdsGlobalServer: tls.crt, tls.key on the global control plane',
    secretName: 'kds-server-tls',
    issuesCertificate: true,
  },
  kdsZoneClient: {
    name: 'kdsZoneClient',
    cliName: 'kds-zone-client',
    title: 'Zone KDS client (trusts the global KDS server)',
    description: 'controlPlane.tls.kdsZoneClient: ca.crt of the CA that signed the global KDS certificate',
    secretName: 'kds-ca-certs',
    issuesCertificate: false,
  },
};

export function recipeByCliName(cliName: string): RecipeInfo | undefined {
  return Object.values(RECIPES).find((recipe) => recipe.cliName === cliName || recipe.name === cliName);
}

export const DEFAULT_NAMESPACE = 'kuma-system';
export const DEFAULT_SERVICE_NAME = 'kuma-control-plane';
export const DEFAULT_CA_COMMON_NAME = 'kuma-ca';

export interface RecipeRequest {
  recipe: RecipeName;
  namespace?: string;
  serviceName?: string;
  /** Added to the names the recipe needs anyway (`defaultHostnames`). */
  hostnames?: string[];
  keyType?: KeyType;
  validityDays?: number;
  now?: Date;
  /** Reuse this CA (its key is not written out); otherwise a new CA is generated and written. */
  ca?: CertificateAuthority;
  secretName?: string;
}

export interface RecipeResult {
  recipe: RecipeInfo;
  hostnames: string[];
  secretName: string;
  namespace: string;
  files: OutputFile[];
}

/**
 * Names the certificate must carry whatever the user adds: sidecars dial `<svc>.<ns>` and the
 * kube-apiserver calls webhooks at `<svc>.<ns>.svc` (reference §2.3). The global KDS server is
 * reached through an address only the user knows, so it starts empty.
 */
export function defaultHostnames(recipe: RecipeName, namespace = DEFAULT_NAMESPACE, serviceName = DEFAULT_SERVICE_NAME): string[] {
  switch (recipe) {
    case 'general':
    case 'apiServer':
      return [`${serviceName}.${namespace}`, `${serviceName}.${namespace}.svc`];
    case 'kdsGlobalServer':
    case 'kdsZoneClient':
      return [];
  }
}

export async function runRecipe(request: RecipeRequest): Promise<RecipeResult> {
  const recipe = RECIPES[request.recipe];
  const namespace = request.namespace ?? DEFAULT_NAMESPACE;
  const secretName = request.secretName ?? recipe.secretName;
  const hostnames = unique([
    ...defaultHostnames(request.recipe, namespace, request.serviceName ?? DEFAULT_SERVICE_NAME),
    ...(request.hostnames ?? []),
  ]);
  if (recipe.issuesCertificate && hostnames.length === 0) {
    throw new CertificateRequestError(
      'the global KDS server certificate needs the host name(s) zones use in controlPlane.kdsGlobalAddress',
    );
  }
  if (hostnames.length > 0) {
    subjectAltNames(hostnames);
  }
  const ca = request.ca ?? (await generateCa({ commonName: DEFAULT_CA_COMMON_NAME, ...validityOf(request) }));
  const files: OutputFile[] = [{ relativePath: 'ca.crt', content: ca.certPem, kind: 'cert' }];
  if (request.ca === undefined) {
    files.push({ relativePath: 'ca.key', content: ca.keyPem, kind: 'key' });
  }
  const secretData: Record<string, string> = {};
  if (recipe.issuesCertificate) {
    const leaf = await issueCertificate(ca, { type: 'server', hostnames, ...validityOf(request) });
    files.push(
      { relativePath: 'tls.crt', content: leaf.certPem, kind: 'cert' },
      { relativePath: 'tls.key', content: leaf.keyPem, kind: 'key' },
    );
    secretData['tls.crt'] = leaf.certPem;
    secretData['tls.key'] = leaf.keyPem;
  }
  if (request.recipe === 'general' || request.recipe === 'kdsZoneClient') {
    secretData['ca.crt'] = ca.certPem;
  }
  const context: RecipeContext = { recipe, namespace, secretName, caPem: ca.certPem };
  files.push(
    // The manifest carries tls.key when there is one, so it is as secret as the key file.
    { relativePath: 'secret.yaml', content: secretManifest(context, secretData), kind: 'manifest', ...(secretData['tls.key'] ? { mode: 0o600 } : {}) },
    { relativePath: 'values.yaml', content: helmValues(context), kind: 'values' },
    { relativePath: 'install.sh', content: installScript(context), kind: 'script' },
  );
  return { recipe, hostnames, secretName, namespace, files };
}

interface RecipeContext {
  recipe: RecipeInfo;
  namespace: string;
  secretName: string;
  caPem: string;
}

function validityOf(request: RecipeRequest): { keyType?: KeyType; validityDays?: number; now?: Date } {
  return { keyType: request.keyType, validityDays: request.validityDays, now: request.now };
}

/** `kubernetes.io/tls` where the chart mounts a TLS pair only; Opaque where ca.crt rides along (docs use `generic`). */
function secretType(recipe: RecipeName): string {
  return recipe === 'apiServer' || recipe === 'kdsGlobalServer' ? 'kubernetes.io/tls' : 'Opaque';
}

function secretManifest(context: RecipeContext, data: Record<string, string>): string {
  const lines = [
    `# ${context.recipe.description}`,
    `# Secret for controlPlane.tls.${context.recipe.name}.secretName; generated by kuma-tls. Contains no CA key.`,
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${context.secretName}`,
    `  namespace: ${context.namespace}`,
    `type: ${secretType(context.recipe.name)}`,
    'data:',
    ...Object.entries(data).map(([key, pem]) => `  ${key}: ${caBundleOf(pem)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function helmValues(context: RecipeContext): string {
  const { recipe, secretName } = context;
  const lines = [`# Helm values for the kuma chart (${recipe.title}); generated by kuma-tls.`, 'controlPlane:'];
  if (recipe.name === 'kdsGlobalServer') {
    lines.push('  mode: global');
  } else if (recipe.name === 'kdsZoneClient') {
    lines.push(
      '  mode: zone',
      '  # Also set controlPlane.zone and controlPlane.kdsGlobalAddress (grpcs://<global KDS host>:5685).',
    );
  }
  lines.push('  tls:', `    ${recipe.name}:`, `      secretName: ${secretName}`);
  if (recipe.name === 'general') {
    // One line: a wrapped value breaks the YAML the chart renders it into (reference §2.4).
    lines.push(`      caBundle: ${caBundleOf(context.caPem)}`);
  }
  return `${lines.join('\n')}\n`;
}

function installScript(context: RecipeContext): string {
  const { recipe, namespace, secretName } = context;
  const setFlags = [`--set "controlPlane.tls.${recipe.name}.secretName=${secretName}"`];
  let createSecret: string;
  const preamble: string[] = [];
  switch (recipe.name) {
    case 'general':
      createSecret = `kubectl create secret generic ${secretName} -n "$NAMESPACE" --from-file=tls.crt=tls.crt --from-file=tls.key=tls.key --from-file=ca.crt=ca.crt`;
      setFlags.push('--set "controlPlane.tls.general.caBundle=$(base64 -w0 < ca.crt)"');
      break;
    case 'apiServer':
    case 'kdsGlobalServer':
      createSecret = `kubectl create secret tls ${secretName} -n "$NAMESPACE" --cert=tls.crt --key=tls.key`;
      if (recipe.name === 'kdsGlobalServer') {
        setFlags.unshift('--set "controlPlane.mode=global"');
      }
      break;
    case 'kdsZoneClient':
      createSecret = `kubectl create secret generic ${secretName} -n "$NAMESPACE" --from-file=ca.crt=ca.crt`;
      preamble.push(
        'ZONE="${ZONE:?set ZONE to the name of this zone}"',
        'KDS_GLOBAL_ADDRESS="${KDS_GLOBAL_ADDRESS:?set KDS_GLOBAL_ADDRESS to grpcs://<global KDS host>:5685}"',
      );
      setFlags.unshift(
        '--set "controlPlane.mode=zone"',
        '--set "controlPlane.zone=$ZONE"',
        '--set "controlPlane.kdsGlobalAddress=$KDS_GLOBAL_ADDRESS"',
      );
      break;
  }
  const lines = [
    '#!/usr/bin/env bash',
    `# ${recipe.title}: creates the Secret and installs the control plane with it. Generated by kuma-tls.`,
    '# base64 -w0 is GNU coreutils; on macOS use plain base64 (it does not wrap).',
    'set -euo pipefail',
    'cd "$(dirname "$0")"',
    '',
    `NAMESPACE="\${NAMESPACE:-${namespace}}"`,
    ...preamble,
    '',
    'kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -',
    createSecret,
    `kumactl install control-plane \\\n  ${setFlags.join(' \\\n  ')} \\\n  | kubectl apply -f -`,
    '',
    '# With Helm instead of kumactl:',
    `#   helm upgrade --install --namespace "$NAMESPACE" kuma kuma/kuma -f values.yaml`,
  ];
  return `${lines.join('\n')}\n`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
