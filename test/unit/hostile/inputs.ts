// Generators of the small-but-hostile inputs of issue 10 ("bounded time and memory"): each is
// under the default 2 MiB size cap yet once took minutes or most of a gigabyte. Shared by the
// hostile suite (does it finish, with what) and bench/hostile-inputs.ts (does it grow linearly).

/** `scale` 1 is the size; the bench also runs 1/4 and 1/2. */
export interface HostileInput {
  name: string;
  file: string;
  text: (scale?: number) => string;
}

const BEGIN_LINE = '-----BEGIN CERTIFICATE-----\n';

/** A `.crt` of BEGIN lines and no END: once a search for END from every BEGIN. */
export function beginOnlyPem(scale = 1): string {
  return BEGIN_LINE.repeat(Math.round(71_000 * scale));
}

/** A values file of many small documents, each with one finding (a caBundle that is not base64). */
export function manyValuesDocuments(scale = 1): string {
  return 'controlPlane:\n  tls:\n    general:\n      caBundle: x\n---\n'.repeat(Math.round(31_000 * scale));
}

/** Values documents naming a Secret that is missing, each beside a Secret nothing references (cross-file rules). */
export function valuesBesideSecrets(scale = 1): string {
  let text = '';
  for (let i = 0; i < Math.round(4_500 * scale); i++) {
    text += `controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: x\n---\nkind: Secret\napiVersion: v1\nmetadata:\n  name: s${i}\n  namespace: kuma-system\ndata:\n  tls.crt: eA==\n---\n`;
  }
  return text;
}

/** An env file whose KUMA_CONTROL_PLANE_CA_CERT value is a quoted run of BEGIN lines. */
export function beginOnlyEnvValue(scale = 1): string {
  return `KUMA_CONTROL_PLANE_CA_CERT="${BEGIN_LINE.repeat(Math.round(60_000 * scale))}"\n`;
}

/** Lines of 998-item flow sequences: under the per-line indicator cap, about 900,000 scalars in all. */
export function flowListLines(scale = 1): string {
  const line = `  - [${'1,'.repeat(997)}1]\n`;
  return `controlPlane:\n  envVars:\n    KUMA_MODE: zone\n  extra:\n${line.repeat(Math.round(900 * scale))}`;
}

/**
 * Echoed names of one repeated character beside a "key" of the same character: every window of
 * every message shares one hash in the findings guard (src/pki/redact.ts), and each would be
 * compared with every other (once 50 such messages took 28 s). The names are distinct setting
 * names (unknown-setting echoes each), the key a private-key PEM block of `A`s in a block scalar.
 */
export function echoedNamesBesideRepeatedKey(scale = 1): string {
  const names = Array.from({ length: Math.round(2_000 * scale) }, (_, i) => `    KUMA_API_SERVER_${'A'.repeat(16 + (i % 40))}${i}: "x"\n`).join('');
  const keyLines = Array.from({ length: Math.round(1_000 * scale) }, () => `    ${'A'.repeat(64)}\n`).join('');
  return `controlPlane:\n  envVars:\n${names}  extra: |\n    -----BEGIN PRIVATE KEY-----\n${keyLines}    -----END PRIVATE KEY-----\n`;
}

/**
 * One line of 240,000 kuma-cp mentions and no other marker: the screen (model/prescan.ts) judges a
 * program's name by the line it is on, and once walked back to the line start for every mention.
 */
export function programMentionsLine(scale = 1): string {
  return `x: ${'kuma-cp '.repeat(Math.round(240_000 * scale))}\n`;
}

/**
 * A kuma-cp configuration key with 100,000 spaces inside it (found by the fuzzer): the echo of the
 * unknown setting folded line breaks with a regex that backtracked from every space, 4.6 s.
 */
export function spacedSettingKey(scale = 1): string {
  return `apiServer:\n  http:\n    interfa${' '.repeat(Math.round(100_000 * scale))}ce: 0.0.0.0\n`;
}

/**
 * An install line whose base64 substitution holds 100,000 spaces (found by the fuzzer): the
 * `| tr -d '\\n'` stage was stripped by a regex ending in `$` that backtracked from every space, 18 s.
 */
export function spacedBase64Substitution(scale = 1): string {
  return `helm install kuma kuma/kuma --set controlPlane.tls.general.caBundle="$(base64 -w0${' '.repeat(Math.round(100_000 * scale))}x)"\n`;
}

export const HOSTILE_INPUTS: readonly HostileInput[] = [
  { name: '.crt of 71,000 BEGIN lines, no END', file: 'begin-only.crt', text: beginOnlyPem },
  { name: 'values file of 31,000 documents', file: 'values.yaml', text: manyValuesDocuments },
  { name: 'env value of 60,000 BEGIN lines', file: 'kuma-cp.env', text: beginOnlyEnvValue },
  { name: '900 lines of 998-item flow lists', file: 'flow-values.yaml', text: flowListLines },
  { name: 'values file of 11,000 documents (under the node limit)', file: 'values-11k.yaml', text: (scale = 1) => manyValuesDocuments((11_000 / 31_000) * scale) },
  { name: '4,500 values documents beside 4,500 Secrets', file: 'values-secrets.yaml', text: valuesBesideSecrets },
  { name: '2,000 echoed names of one character beside a 64,000-character key of it', file: 'values-repeated-key.yaml', text: echoedNamesBesideRepeatedKey },
  { name: 'one line of 240,000 kuma-cp mentions', file: 'mentions.yaml', text: programMentionsLine },
  { name: 'a kuma-cp setting key with 100,000 spaces inside', file: 'kuma-cp.yaml', text: spacedSettingKey },
  { name: 'a base64 substitution of 100,000 spaces on an install line', file: 'install.sh', text: spacedBase64Substitution },
];
