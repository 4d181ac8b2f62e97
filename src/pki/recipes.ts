// The four Kuma TLS channels (reference §2.1, §2.3, §9) as file sets: certificates, the Secret
// the chart mounts, Helm values, and an install script that wires them together.
import { CertificateAuthority, CertificateRequestError, generateCa, issueCertificate } from './generate';
import { subjectAltNames } from './hostnames';
import { KeyType } from './keys';
import { assertKubernetesName, quotedForMessage } from './names';
import { OutputFile } from './output';
import type { RecipeContext } from './recipeFiles';

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

/**
 * Every value that reaches a generated file is checked here, whichever front end sent it, before
 * a key is generated: a value that passes cannot change the structure of a file.
 */
export async function runRecipe(request: RecipeRequest): Promise<RecipeResult> {
  if (!Object.prototype.hasOwnProperty.call(RECIPES, request.recipe)) {
    throw new CertificateRequestError(`unknown recipe ${quotedForMessage(String(request.recipe))}`);
  }
  const recipe = RECIPES[request.recipe];
  const namespace = request.namespace ?? DEFAULT_NAMESPACE;
  const secretName = request.secretName ?? recipe.secretName;
  const serviceName = request.serviceName ?? DEFAULT_SERVICE_NAME;
  assertKubernetesName('namespace', namespace);
  assertKubernetesName('secretName', secretName);
  assertKubernetesName('serviceName', serviceName);
  const hostnames = unique([
    ...defaultHostnames(request.recipe, namespace, serviceName),
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
  // The file texts need the yaml library; imported here so that loading the recipe catalogue
  // (the CLI's `generate` help and `tls-certificate`) does not load yaml.
  const { helmValues, installScript, secretManifest } = await import(/* webpackChunkName: "recipe-files" */ './recipeFiles');
  files.push(
    // The manifest carries tls.key when there is one, so it is as secret as the key file.
    { relativePath: 'secret.yaml', content: secretManifest(context, secretData), kind: 'manifest', ...(secretData['tls.key'] ? { mode: 0o600 } : {}) },
    { relativePath: 'values.yaml', content: helmValues(context), kind: 'values' },
    { relativePath: 'install.sh', content: installScript(context), kind: 'script' },
  );
  return { recipe, hostnames, secretName, namespace, files };
}

function validityOf(request: RecipeRequest): { keyType?: KeyType; validityDays?: number; now?: Date } {
  return { keyType: request.keyType, validityDays: request.validityDays, now: request.now };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
