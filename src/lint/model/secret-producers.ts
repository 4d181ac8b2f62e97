// Resources that make a Kubernetes Secret without being one (lint-rules.md, secret-not-found's
// producers): cert-manager `Certificate` (spec.secretName), External Secrets' `ExternalSecret`
// (spec.target.name, else its own name), Bitnami's `SealedSecret` (its name) and kustomize's
// `secretGenerator` entries. Their content is not in the workspace; only the name is known.
import { isMap, isScalar, isSeq } from 'yaml';
import { Span } from '../types';
import { isCertificateShapedKey } from './secret';
import { scalarString, YamlDocument, YamlFile } from './yaml';

export interface SecretProducer {
  name: string;
  /** Where the produced name is written. */
  range: Span;
  producer: 'Certificate' | 'ExternalSecret' | 'SealedSecret' | 'secretGenerator';
  /** It makes a TLS-shaped Secret (a certificate, `kubernetes.io/tls`, `tls.crt`/`ca.crt` keys): one a `secretName` could name. */
  tls: boolean;
  /** cert-manager's renewal settings of a `Certificate`, as written (`2160h`, `720h`, `33`). */
  renewal?: { duration?: string; renewBefore?: string; renewBeforePercentage?: string };
}

export function readSecretProducers(file: YamlFile, doc: YamlDocument): SecretProducer[] {
  const kind = file.getString(doc, ['kind']);
  const apiVersion = file.getString(doc, ['apiVersion']) ?? '';
  const named = (path: string[]) => {
    const entry = file.get(doc, path);
    return entry?.value && isScalar(entry.value) && scalarString(entry.value) !== '' ? { name: scalarString(entry.value), range: entry.valueRange } : null;
  };
  const mapKeys = (path: string[]) => {
    const node = file.getNode(doc, path);
    return node && isMap(node) ? file.entries(doc, node).map((e) => String(e.path[e.path.length - 1])) : [];
  };
  if (kind === 'Certificate' && apiVersion.startsWith('cert-manager.io/')) {
    const target = named(['spec', 'secretName']);
    if (!target) return [];
    const renewal = Object.fromEntries(
      (['duration', 'renewBefore', 'renewBeforePercentage'] as const).flatMap((key) => {
        const value = named(['spec', key]);
        return value ? [[key, value.name]] : [];
      }),
    );
    return [{ ...target, producer: 'Certificate', tls: true, renewal }];
  }
  if (kind === 'ExternalSecret' && apiVersion.startsWith('external-secrets.io/')) {
    const target = named(['spec', 'target', 'name']) ?? named(['metadata', 'name']);
    if (!target) return [];
    const data = file.getNode(doc, ['spec', 'data']);
    const keys = data && isSeq(data) ? file.items(doc, data).map((item) => file.getString(doc, ['secretKey'], item.value) ?? '') : [];
    return [{ ...target, producer: 'ExternalSecret', tls: tlsShaped(file.getString(doc, ['spec', 'target', 'template', 'type']), keys) }];
  }
  if (kind === 'SealedSecret' && apiVersion.startsWith('bitnami.com/')) {
    const target = named(['spec', 'template', 'metadata', 'name']) ?? named(['metadata', 'name']);
    return target ? [{ ...target, producer: 'SealedSecret', tls: tlsShaped(file.getString(doc, ['spec', 'template', 'type']), mapKeys(['spec', 'encryptedData'])) }] : [];
  }
  const generator = file.getNode(doc, ['secretGenerator']);
  if (!generator || !isSeq(generator)) return [];
  const out: SecretProducer[] = [];
  for (const item of file.items(doc, generator)) {
    const name = file.get(doc, ['name'], item.value);
    if (!name?.value || !isScalar(name.value) || scalarString(name.value) === '') continue;
    const keys: string[] = [];
    for (const list of ['files', 'literals']) {
      const node = file.getNode(doc, [list], item.value);
      if (node && isSeq(node)) for (const v of node.items) if (isScalar(v)) keys.push(generatedKey(scalarString(v)));
    }
    out.push({ name: scalarString(name.value), range: name.valueRange, producer: 'secretGenerator', tls: tlsShaped(file.getString(doc, ['type'], item.value), keys) });
  }
  return out;
}

/** `tls.crt=certs/server.crt` → tls.crt; `certs/ca.crt` → ca.crt; `password=x` → password. */
function generatedKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq > 0 ? entry.slice(0, eq) : entry.replace(/^.*\//, '');
}

export function tlsShaped(type: string | null | undefined, keys: readonly string[]): boolean {
  return type === 'kubernetes.io/tls' || keys.some((k) => isCertificateShapedKey(k));
}
