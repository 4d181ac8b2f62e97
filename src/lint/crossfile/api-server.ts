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
