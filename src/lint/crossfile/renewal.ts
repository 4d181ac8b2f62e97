// When cert-manager renews the certificate of a Secret: its `Certificate` (spec.secretName = the
// Secret) says so with renewBefore, renewBeforePercentage or, by default, a third of its duration.
// cert-manager's defaults: duration 90 days (2160h), renewal at two thirds of the lifetime elapsed.
import type { WorkspaceIndex } from './workspace-index';

const HOUR_MS = 60 * 60 * 1000;
const DEFAULT_DURATION_MS = 2160 * HOUR_MS;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60 * 1000, h: HOUR_MS };

/** A Go `time.Duration` string (`2160h`, `720h30m`, `1.5h`) in milliseconds; undefined when it is not one. */
export function goDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(amount) * UNIT_MS[unit];
  return total;
}

/**
 * How long before notAfter cert-manager renews the certificate of Secret `name`, when a
 * cert-manager Certificate in the workspace produces it; undefined otherwise (or when the
 * Certificate's values are not durations cert-manager would accept).
 */
export function certManagerRenewBeforeMs(index: WorkspaceIndex, name: string): number | undefined {
  for (const doc of index.definers(name)) {
    for (const producer of doc.secretProducers) {
      if (producer.producer !== 'Certificate' || producer.name !== name || !producer.renewal) continue;
      const { duration, renewBefore, renewBeforePercentage } = producer.renewal;
      if (renewBefore !== undefined) return goDurationMs(renewBefore);
      const lifetime = duration === undefined ? DEFAULT_DURATION_MS : goDurationMs(duration);
      if (lifetime === undefined) return undefined;
      const percentage = renewBeforePercentage === undefined ? undefined : Number(renewBeforePercentage);
      if (percentage !== undefined) return Number.isFinite(percentage) && percentage > 0 && percentage < 100 ? (lifetime * percentage) / 100 : undefined;
      return lifetime / 3;
    }
  }
  return undefined;
}
