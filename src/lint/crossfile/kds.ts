// The zone → global KDS connection as written in the workspace: where each zone control plane
// connects (its global address) and which CA it verifies the global KDS server with, and which
// Secrets serve as the global KDS server certificate.
import { isScalar } from 'yaml';
import { LintDocument } from '../model/document';
import { scalarString } from '../model/yaml';
import { Span } from '../types';
import { FileLookup, resolveWorkspaceFile } from './paths';
import { firstBlockRange } from './pem';

export interface ZoneConnection {
  doc: LintDocument;
  /** Host of `kdsGlobalAddress` / `KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS` / `--kds-global-address`. */
  host: string;
  addressRange: Span;
  /** Where the zone's KDS CA comes from, resolved lazily (a Secret name, raw PEM, or a file path). */
  ca: { secretName: string; range: Span } | { pem: string; range: Span } | { file: string; range: Span } | null;
}

const zoneCache = new WeakMap<LintDocument, ZoneConnection[]>();

export function hostOf(address: string): string | null {
  try {
    const url = new URL(address);
    // grpc:// is plaintext: no certificate to cover the host (plaintext-address reports it).
    return url.protocol === 'grpcs:' ? url.hostname.replace(/^\[|\]$/g, '') || null : null;
  } catch {
    return null;
  }
}

export function zoneConnections(doc: LintDocument): ZoneConnection[] {
  const cached = zoneCache.get(doc);
  if (cached) return cached;
  const out: ZoneConnection[] = [];
  const yaml = doc.yaml;
  if (yaml) {
    for (const { doc: d } of doc.helmValues) {
      const address = yaml.get(d, ['controlPlane', 'kdsGlobalAddress']);
      const host = address?.value && isScalar(address.value) ? hostOf(scalarString(address.value)) : null;
      if (!address || !host) continue;
      const secret = yaml.get(d, ['controlPlane', 'tls', 'kdsZoneClient', 'secretName']);
      const cert = yaml.get(d, ['controlPlane', 'tls', 'kdsZoneClient', 'cert']);
      const ca =
        secret?.value && isScalar(secret.value) && scalarString(secret.value) !== ''
          ? { secretName: scalarString(secret.value), range: secret.valueRange }
          : cert?.value && isScalar(cert.value) && scalarString(cert.value).includes('-----BEGIN')
            ? { pem: scalarString(cert.value), range: cert.valueRange }
            : null;
      out.push({ doc, host, addressRange: address.valueRange, ca });
    }
  }
  for (const scope of doc.settings) {
    const named = (env: string, yamlPath: string) => scope.occurrences.find((o) => o.known && ((o.envName ?? '').toUpperCase() === env || o.yamlPath?.join('.') === yamlPath));
    const address = named('KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS', 'multizone.zone.globalAddress');
    const host = address ? hostOf(address.value) : null;
    if (!address || !host) continue;
    const caFile = named('KUMA_MULTIZONE_ZONE_KDS_ROOT_CA_FILE', 'multizone.zone.kds.rootCaFile');
    out.push({ doc, host, addressRange: address.valueRange, ca: caFile && caFile.value !== '' ? { file: caFile.value, range: caFile.valueRange } : null });
  }
  for (const command of doc.commands) {
    if (command.kind !== 'install') continue;
    const address = command.sets.find((s) => s.key === 'controlPlane.kdsGlobalAddress')?.value ?? command.flags.find((f) => f.key === 'kds-global-address')?.value;
    const host = address && !address.dynamic ? hostOf(address.value) : null;
    if (!address || !host) continue;
    const secret = command.sets.find((s) => s.key === 'controlPlane.tls.kdsZoneClient.secretName')?.value ?? command.flags.find((f) => f.key === 'tls-kds-zone-client-secret')?.value;
    out.push({ doc, host, addressRange: address.range, ca: secret && !secret.dynamic ? { secretName: secret.value, range: secret.range } : null });
  }
  zoneCache.set(doc, out);
  return out;
}


/** The PEM of a zone's KDS CA and where it is written, when the workspace has it. */
export function zoneCaPem(zone: ZoneConnection, get: FileLookup, secretCa: (name: string) => { pem: string; path: string; range: Span } | null): { pem: string; path: string; range: Span } | null {
  const ca = zone.ca;
  if (!ca) return null;
  if ('pem' in ca) return { pem: ca.pem, path: zone.doc.path, range: ca.range };
  if ('file' in ca) {
    const file = resolveWorkspaceFile(get, zone.doc.path, ca.file);
    return file ? { pem: file.text, path: file.path, range: firstBlockRange(file) } : null;
  }
  return secretCa(ca.secretName);
}
