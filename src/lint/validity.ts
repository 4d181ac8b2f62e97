// Whether a certificate is valid at a moment, one answer for the rules (cert-expired,
// cert-not-yet-valid) and for what hovers and lenses say: Go's x509 semantics (expired once the
// clock is past notAfter), with the same 5 minutes of tolerated clock skew before notBefore.
import { CertificateFacts } from '../pki/inspect';

/** kumactl's DefaultAllowedClockSkew: a certificate issued a moment ago by a skewed clock is not "not yet valid". */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type ValidityState = 'valid' | 'expired' | 'not-yet-valid';

export interface Validity {
  state: ValidityState;
  /** Whole days until notAfter (valid), since notAfter (expired), or until notBefore (not yet valid). */
  days: number;
}

export function validityAt(facts: Pick<CertificateFacts, 'notBefore' | 'notAfter'>, now: Date): Validity {
  const t = now.getTime();
  if (facts.notAfter.getTime() < t) return { state: 'expired', days: Math.floor((t - facts.notAfter.getTime()) / DAY_MS) };
  if (facts.notBefore.getTime() > t + CLOCK_SKEW_MS) return { state: 'not-yet-valid', days: Math.ceil((facts.notBefore.getTime() - t) / DAY_MS) };
  return { state: 'valid', days: Math.floor((facts.notAfter.getTime() - t) / DAY_MS) };
}
