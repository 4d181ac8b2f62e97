// Every finding leaves the core through here: its message, related messages and fix titles are
// scrubbed of key material, whatever a rule put into them (src/pki/redact.ts explains the two
// layers). Fix edits are not text anyone reads in a list; they are left as computed.
import { DocumentKeyMaterial, scrubKeyMaterial } from '../pki/redact';
import { Finding } from './types';

export function guardFindings(findings: readonly Finding[], documentText: string): void {
  if (findings.length === 0) return;
  const material = new DocumentKeyMaterial(documentText);
  // Findings of one rule often share their text (71,000 damaged blocks, one message): judge it once.
  const judged = new Map<string, string>();
  const guard = (text: string): string => {
    let safe = judged.get(text);
    if (safe === undefined) {
      safe = material.redact(scrubKeyMaterial(text));
      judged.set(text, safe);
    }
    return safe;
  };
  for (const finding of findings) {
    finding.message = guard(finding.message);
    for (const related of finding.related) related.message = guard(related.message);
    for (const fix of finding.fixes) fix.title = guard(fix.title);
  }
}
