// A sentinel private key and a workspace that puts it in every place a key can go (and the
// places it must not go). Any 64-character run of its base64, or of the base64 of its PEM,
// appearing in output means key material leaked.
import { generateKeyPairSync } from 'node:crypto';
import { b64, caAndLeaf, secretYaml } from '../lint/fixtures';

export interface Sentinel {
  pem: string;
  /** Every 64-character window of the key's base64 body and of the base64 of its PEM. */
  windows: Set<string>;
}

const WINDOW = 64;

export function makeSentinel(): Sentinel {
  // RSA: the longest key body, so the most windows to catch.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  const windows = new Set<string>();
  for (const text of [body, b64(pem)]) for (let i = 0; i + WINDOW <= text.length; i++) windows.add(text.slice(i, i + WINDOW));
  return { pem, windows };
}

/** The first leaked window found in `text` (as written, and with whitespace removed), or undefined. */
export function leakIn(sentinel: Sentinel, text: string): string | undefined {
  for (const candidate of [text, text.replace(/\s+/g, '')]) {
    for (let i = 0; i + WINDOW <= candidate.length; i++) {
      const window = candidate.slice(i, i + WINDOW);
      if (sentinel.windows.has(window)) return `${window.slice(0, 8)}… at offset ${i}`;
    }
  }
  return undefined;
}

const indent = (text: string, spaces: number): string => text.trimEnd().split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');

/** Relative path → content: the key in every slot, whole, damaged and wrongly placed. */
export function sentinelCorpus(sentinel: Sentinel): Record<string, string> {
  const key = sentinel.pem;
  const { ca, leaf } = caAndLeaf();
  const truncated = key.slice(0, Math.floor(key.length * 0.6));
  const flipped = key.replace(/\n([A-Za-z])/, (_, c: string) => `\n${c === 'A' ? 'B' : 'A'}`);
  const wrapped = b64(key).replace(/(.{76})/g, '$1\n');
  return {
    'secret-data.yaml': secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(key), 'ca.crt': b64(ca.certPem) }),
    'secret-stringdata.yaml': secretYaml('api-tls', { 'tls.crt': leaf.certPem, 'tls.key': key }, 'stringData'),
    'secret-key-as-cert.yaml': secretYaml('kds-tls', { 'tls.crt': b64(key), 'tls.key': b64(key), 'ca.crt': b64(key) }),
    'secret-key-as-cert-string.yaml': secretYaml('kds-ca', { 'tls.crt': key, 'ca.crt': key }, 'stringData'),
    'secret-damaged.yaml': secretYaml('damaged', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(truncated), 'ca.crt': b64(b64(key)) }),
    'secret-flipped.yaml': secretYaml('flipped', { 'tls.crt': leaf.certPem, 'tls.key': flipped }, 'stringData'),
    'values.yaml': [
      'controlPlane:',
      '  mode: global',
      '  tls:',
      '    general:',
      '      secretName: general-tls-certs',
      `      caBundle: ${b64(key)}`,
      '    kdsGlobalServer:',
      '      create: true',
      '      cert: |',
      indent(key, 8),
      '      key: |',
      indent(key, 8),
      '  envVars:',
      `    KUMA_CONTROL_PLANE_CA_CERT: ${JSON.stringify(key)}`,
      `    KUMA_GENERAL_TLS_KEY_FILE: ${JSON.stringify(key)}`,
      '',
    ].join('\n'),
    'values-wrapped.yaml': `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: |\n${indent(wrapped, 8)}\n`,
    'kuma-cp.env': `KUMA_CONTROL_PLANE_CA_CERT="${key.trimEnd()}"\nKUMA_GENERAL_TLS_CERT_FILE=${b64(key)}\n`,
    'kuma-dp.env': `KUMA_CONTROL_PLANE_CA_CERT=${b64(key)}\n`,
    'tls.key': key,
    'tls.crt': key,
    'ca.crt': leaf.certPem + key,
    'bundle.pem': leaf.certPem + truncated,
    'flipped.key': flipped,
    'wrapped.pem': wrapped,
    'install.sh': `kubectl create secret generic general-tls-certs -n kuma-system --from-literal=tls.key='${key}'\nkumactl install control-plane --tls-general-secret=general-tls-certs --tls-general-ca-bundle=${b64(key)}\n`,
  };
}
