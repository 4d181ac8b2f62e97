// The checks the certificate commands run while a person chooses: is this file a CA, does this
// key belong to it, do these names cover what the control plane is dialled at, which name or file
// name is still free. Pure functions over text, so the pickers and input boxes only call them
// and every front end judges a choice the same way.
import { X509Certificate } from 'node:crypto';
import { defaultHostnames } from './recipes';
import { pemCertificateBlocks } from './inspect';
import { checkableOfPem, issuedByCertificate } from './issuer';

const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** What a PEM file holds, as far as choosing a CA or a caBundle is concerned. */
export type PemFileContent = 'private-key' | 'ca-certificate' | 'certificate' | 'none';

export function pemFileContent(text: string): PemFileContent {
  if (PRIVATE_KEY_BLOCK.test(text)) return 'private-key';
  const first = pemCertificateBlocks(text)[0];
  if (first === undefined) return 'none';
  try {
    return new X509Certificate(first).ca ? 'ca-certificate' : 'certificate';
  } catch {
    return 'none';
  }
}

/**
 * Why `text` (the file `label`) cannot be the CA that issues a certificate, or undefined when it
 * can. A key file is named at once: picking ca.key for the CA certificate is the usual slip.
 */
export function caCertificateProblem(text: string, label: string): string | undefined {
  switch (pemFileContent(text)) {
    case 'private-key':
      return `${label} is a private key; pick the CA certificate (usually ca.crt), its key is found beside it`;
    case 'none':
      return `${label} holds no PEM certificate`;
    case 'certificate':
      return `${label} is not a CA certificate (basicConstraints CA:FALSE or missing), so it cannot issue certificates`;
    case 'ca-certificate':
      return undefined;
  }
}

/**
 * The names a general control-plane certificate must carry that `hostnames` lack: sidecars dial
 * `<svc>.<ns>` and the API server calls the webhooks at `<svc>.<ns>.svc`. Compared without case,
 * as DNS does.
 */
export function missingControlPlaneNames(hostnames: readonly string[], namespace: string, serviceName: string): string[] {
  const have = new Set(hostnames.map((h) => h.toLowerCase()));
  return defaultHostnames('general', namespace, serviceName).filter((needed) => !have.has(needed.toLowerCase()));
}

/** `base` when free, else `base-2`, `base-3`…: the first that `taken` does not hold. */
export function firstFreeName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}

/** `ca.crt` with suffix 2 → `ca-2.crt`; the extension stays so the file's role stays readable. */
export function withNameSuffix(relativePath: string, suffix: number): string {
  const slash = relativePath.lastIndexOf('/');
  const dir = relativePath.slice(0, slash + 1);
  const base = relativePath.slice(slash + 1);
  const dot = base.indexOf('.', 1);
  return dot === -1 ? `${dir}${base}-${suffix}` : `${dir}${base.slice(0, dot)}-${suffix}${base.slice(dot)}`;
}

/**
 * The certificates among `others` (label → PEM text) that the CA certificate `caText` issued:
 * replacing that CA leaves them without the CA that verifies them.
 */
export function issuedByCa(caText: string, others: ReadonlyArray<{ label: string; text: string }>): string[] {
  const caBlock = pemCertificateBlocks(caText)[0];
  if (caBlock === undefined) return [];
  const ca = checkableOfPem(caBlock);
  return others
    .filter(({ text }) => {
      const leaf = pemCertificateBlocks(text)[0];
      return leaf !== undefined && leaf !== caBlock && issuedByCertificate(checkableOfPem(leaf), ca);
    })
    .map(({ label }) => label);
}
