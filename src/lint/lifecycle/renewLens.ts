// Where the "Renew…" code lens goes: above every certificate of a document that has expired or is
// about to (cert-expiring's own test: the day window, the share of the lifetime left). The lens
// runs the renew command with the file and the certificate's fingerprint. Editor-free, so the
// language server (issue 13) and today's code lens provider share it.
import { expiringReason } from '../material';
import { LintDocument } from '../model/document';
import { DEFAULT_LINT_OPTIONS, LintOptions, Span } from '../types';
import { materialValues } from './material-values';

export const RENEW_COMMAND_ID = 'kumaTls.renewCertificate';

export interface RenewCommandArguments {
  /** Absolute path of the file that holds the certificate. */
  path: string;
  fingerprint: string;
}

export interface RenewLens {
  range: Span;
  title: string;
  command: typeof RENEW_COMMAND_ID;
  arguments: [RenewCommandArguments];
}

export function renewLenses(doc: LintDocument, now: Date, options: Pick<LintOptions, 'expiryWindowDays' | 'expiryLifetimeFraction'> = {}): RenewLens[] {
  const clock = {
    now,
    expiryWindowDays: options.expiryWindowDays ?? DEFAULT_LINT_OPTIONS.expiryWindowDays,
    expiryLifetimeFraction: options.expiryLifetimeFraction ?? DEFAULT_LINT_OPTIONS.expiryLifetimeFraction,
  };
  const lenses: RenewLens[] = [];
  const seen = new Set<string>();
  for (const value of materialValues([doc])) {
    if (value.slot.content === 'key') continue;
    for (const certificate of value.certificates) {
      const facts = certificate.parsed.facts;
      if (seen.has(certificate.fingerprint) || (facts.notAfter.getTime() >= now.getTime() && expiringReason(facts, clock) === null)) continue;
      seen.add(certificate.fingerprint);
      // Base64 values map to the whole value; raw PEM to the block itself.
      const range = value.written === 'raw' ? value.slot.value.spanOf(certificate.start, certificate.end) : value.slot.value.range;
      const start = { line: range.start.line, character: range.start.character };
      lenses.push({ range: { start, end: start }, title: 'Renew…', command: RENEW_COMMAND_ID, arguments: [{ path: doc.path, fingerprint: certificate.fingerprint }] });
    }
  }
  return lenses;
}
