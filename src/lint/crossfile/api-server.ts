// Where kumactl reaches the API server over HTTPS (`kumactl config control-planes add --address`,
// kumactl config URLs), and which Secrets serve as the API server certificate.
import { isScalar, isSeq } from 'yaml';
import { LintDocument } from '../model/document';
import { scalarString } from '../model/yaml';
import { Span } from '../types';

export interface ApiServerAddress {
  doc: LintDocument;
  host: string;
  range: Span;
}

const addressCache = new WeakMap<LintDocument, ApiServerAddress[]>();
const namesCache = new WeakMap<LintDocument, string[]>();

function httpsHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.hostname.replace(/^\[|\]$/g, '') || null : null;
  } catch {
    return null;
  }
}

export function apiServerAddresses(doc: LintDocument): ApiServerAddress[] {
  const cached = addressCache.get(doc);
  if (cached) return cached;
  const out: ApiServerAddress[] = [];
  for (const command of doc.commands) {
    if (command.kind !== 'cp-add' || !command.address || command.address.dynamic) continue;
    const host = httpsHost(command.address.value);
    if (host) out.push({ doc, host, range: command.address.range });
  }
  const yaml = doc.yaml;
  for (const d of doc.kumactlConfigs) {
    const planes = yaml?.getNode(d, ['controlPlanes']);
    if (!yaml || !planes || !isSeq(planes)) continue;
    for (const item of yaml.items(d, planes)) {
      const entry = yaml.get(d, ['coordinates', 'apiServer', 'url'], item.value);
      const host = entry?.value && isScalar(entry.value) ? httpsHost(scalarString(entry.value)) : null;
      if (entry && host) out.push({ doc, host, range: entry.valueRange });
    }
  }
  addressCache.set(doc, out);
  return out;
}

/** Names this document gives `controlPlane.tls.apiServer.secretName` (values or install lines). */
export function apiServerSecretNames(doc: LintDocument): string[] {
  const cached = namesCache.get(doc);
  if (cached) return cached;
  const out: string[] = [];
  if (doc.yaml) {
    for (const { doc: d } of doc.helmValues) {
      const name = doc.yaml.getString(d, ['controlPlane', 'tls', 'apiServer', 'secretName']);
      if (name) out.push(name);
    }
  }
  for (const command of doc.commands) {
    if (command.kind !== 'install') continue;
    const value = command.sets.find((s) => s.key === 'controlPlane.tls.apiServer.secretName')?.value ?? command.flags.find((f) => f.key === 'tls-api-server-secret')?.value;
    if (value && !value.dynamic && value.value !== '') out.push(value.value);
  }
  namesCache.set(doc, out);
  return out;
}
