// Helm values facts shared by the workspace index and the rules.
import { isScalar } from 'yaml';
import { Span } from '../types';
import { scalarString, YamlDocument, YamlEntry, YamlFile } from './yaml';

/** Which `controlPlane.tls.*` setting names a Secret. */
export type SecretSlot = 'general' | 'generalCa' | 'apiServer' | 'apiServerClientCerts' | 'kdsGlobalServer' | 'kdsZoneClient';

export const HELM_SECRET_SLOTS: ReadonlyArray<readonly [SecretSlot, readonly string[]]> = [
  ['general', ['general', 'secretName']],
  ['generalCa', ['general', 'caSecretName']],
  ['apiServer', ['apiServer', 'secretName']],
  ['apiServerClientCerts', ['apiServer', 'clientCertsSecretName']],
  ['kdsGlobalServer', ['kdsGlobalServer', 'secretName']],
  ['kdsZoneClient', ['kdsZoneClient', 'secretName']],
];

export interface HelmSecretName {
  slot: SecretSlot;
  /** e.g. ['general', 'secretName'] under controlPlane.tls. */
  path: readonly string[];
  secretName: string;
  /** The value's range. */
  range: Span;
}

/** The non-empty `controlPlane.tls.*.secretName` settings of one values document. */
export function helmSecretNames(file: YamlFile, doc: YamlDocument): readonly HelmSecretName[] {
  // A parsed document never changes, and half the rules ask for its Secret names: read them once.
  const known = secretNamesByDocument.get(doc);
  if (known) return known;
  const out: HelmSecretName[] = [];
  for (const [slot, path] of HELM_SECRET_SLOTS) {
    const entry = file.get(doc, ['controlPlane', 'tls', ...path]);
    if (!entry || !entry.value || !isScalar(entry.value)) continue;
    const secretName = scalarString(entry.value);
    if (secretName !== '') out.push({ slot, path, secretName, range: entry.valueRange });
  }
  secretNamesByDocument.set(doc, out);
  return out;
}

const secretNamesByDocument = new WeakMap<YamlDocument, readonly HelmSecretName[]>();

/**
 * `controlPlane.caCert`: kuma-dp's YAML twin of KUMA_CONTROL_PLANE_CA_CERT (the PEM text of the
 * CA that verifies the control plane), in a document with a top-level `controlPlane` mapping.
 * Undefined when absent or not a scalar.
 */
export function controlPlaneCaCert(file: YamlFile, doc: YamlDocument): YamlEntry | undefined {
  const entry = file.get(doc, ['controlPlane', 'caCert']);
  return entry?.value && isScalar(entry.value) ? entry : undefined;
}
