// Kubernetes Secret manifests: their data/stringData entries, located in the source.
import { isMap, isScalar, Scalar } from 'yaml';
import { Span } from '../types';
import { EmbeddedText, wholeValue } from './text';
import { scalarString, YamlDocument, YamlFile } from './yaml';

export interface SecretEntry {
  /** The key as written (`tls.crt`, `ca.crt`…). */
  key: string;
  /** `data` values are base64; `stringData` values are the raw content. */
  field: 'data' | 'stringData';
  keyRange: Span;
  valueRange: Span;
  /** Key and value together. */
  range: Span;
  /** The value scalar; null when empty or not a scalar. */
  node: Scalar | null;
  /** The value as YAML gives it (base64 text for `data`). */
  value: string;
  /** `value` with its way back to the document. */
  embedded: EmbeddedText;
}

export interface SecretManifest {
  doc: YamlDocument;
  name: string | null;
  namespace: string | null;
  type: string | null;
  /** The `metadata.name` value, or the `kind: Secret` line when unnamed. */
  nameRange: Span;
  entries: SecretEntry[];
}

export function isSecretDocument(file: YamlFile, doc: YamlDocument): boolean {
  return file.getString(doc, ['kind']) === 'Secret';
}

export function readSecret(file: YamlFile, doc: YamlDocument): SecretManifest {
  const nameEntry = file.get(doc, ['metadata', 'name']);
  const kindEntry = file.get(doc, ['kind']);
  const entries: SecretEntry[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const map = file.getNode(doc, [field]);
    if (!map || !isMap(map)) continue;
    for (const entry of file.entries(doc, map)) {
      if (!entry.keyRange) continue;
      const node = entry.value && isScalar(entry.value) ? entry.value : null;
      const value = node ? scalarString(node) : '';
      entries.push({
        key: String(entry.path[entry.path.length - 1]),
        field,
        keyRange: entry.keyRange,
        valueRange: entry.valueRange,
        range: entry.range,
        node,
        value,
        embedded: node ? file.embedded(node) : wholeValue('', entry.valueRange),
      });
    }
  }
  return {
    doc,
    name: file.getString(doc, ['metadata', 'name']) ?? null,
    namespace: file.getString(doc, ['metadata', 'namespace']) ?? null,
    type: file.getString(doc, ['type']) ?? null,
    nameRange: nameEntry?.valueRange ?? kindEntry?.range ?? doc.range,
    entries,
  };
}

/** Keys that hold certificates or keys: every Secret gets the PEM and encoding rules on these. */
export function isCertificateShapedKey(key: string): boolean {
  const k = key.toLowerCase();
  return k.endsWith('.crt') || k.endsWith('.key') || k.endsWith('.pem') || k.endsWith('.cer') || k.startsWith('tls.') || k === 'ca.crt';
}
