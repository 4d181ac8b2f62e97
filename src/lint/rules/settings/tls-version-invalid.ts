import { TLS_VERSIONS } from '../../../kuma';
import { Rule } from '../../rule';
import { Fix } from '../../types';
import { resolvedOccurrences, shown, writtenName } from './resolve';
import { replaceValueFix } from './setting-edits';

export const tlsVersionInvalid: Rule = {
  id: 'tls-version-invalid',
  defaultSeverity: 'error',
  summary: 'A TLS minimum/maximum version other than TLSv1_2 or TLSv1_3.',
  description: 'kuma-cp accepts only TLSv1_2 and TLSv1_3 (or empty) for its *_TLS_MIN_VERSION and *_TLS_MAX_VERSION settings and refuses to start with anything else.',
  check(doc, ctx) {
    for (const scope of doc.settings) {
      for (const { occurrence, setting } of resolvedOccurrences(scope)) {
        if (setting.kind !== 'tlsVersion' || !occurrence.known) continue;
        const value = occurrence.value.trim();
        if (value === '' || TLS_VERSIONS.includes(value)) continue;
        const intended = normalizeTlsVersion(value);
        const fixes: Fix[] = intended
          ? [replaceValueFix(doc, `Use ${intended}`, occurrence, intended, true)]
          : TLS_VERSIONS.map((version) => replaceValueFix(doc, `Use ${version}`, occurrence, version));
        ctx.report({
          range: occurrence.valueRange,
          message: `${writtenName(occurrence)}=${shown(value)} is not a TLS version kuma-cp accepts, so it refuses to start: "unsupported tls version: ${shown(value)} supported versions:[${TLS_VERSIONS.join(' ')}]". Allowed: ${TLS_VERSIONS.join(', ')} (or empty).${intended ? ` Write ${intended}.` : ''}`,
          fixes,
        });
      }
    }
  },
};

/** What people write for TLS 1.2/1.3 (`TLSv1.3`, `1.3`, `tls13`, `VersionTLS13`) mapped to Kuma's spelling. */
export function normalizeTlsVersion(value: string): string | undefined {
  const digits = value.toLowerCase().replace(/^(version)?tls(v)?/, '').replace(/[^0-9]/g, '');
  if (digits === '12') return 'TLSv1_2';
  if (digits === '13') return 'TLSv1_3';
  return undefined;
}
