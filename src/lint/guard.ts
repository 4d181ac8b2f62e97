// Every finding leaves the core through here: its message, related messages and fix titles are
// scrubbed of key material, whatever a rule put into them (src/pki/redact.ts explains the two
// layers). Fix edits are not text anyone reads in a list; they are left as computed.
import { DocumentKeyMaterial, scrubKeyMaterial } from '../pki/redact';
import { Finding } from './types';

export function guardFindings(findings: readonly Finding[], documentText: string): void {
  if (findings.length === 0) return;
  // Findings of one rule often share their text (71,000 damaged blocks, one message): judge it
  // once. All texts go to the document's key material together, which then picks the cheaper way
  // to compare them with it.
  const texts = new Set<string>();
  for (const finding of findings) {
    texts.add(finding.message);
    for (const related of finding.related) texts.add(related.message);
    for (const fix of finding.fixes) texts.add(fix.title);
  }
  const distinct = [...texts];
  const safe = new DocumentKeyMaterial(documentText).redactAll(distinct.map(scrubKeyMaterial));
  const judged = new Map(distinct.map((text, i) => [text, safe[i]]));
  for (const finding of findings) {
    finding.message = judged.get(finding.message)!;
    for (const related of finding.related) related.message = judged.get(related.message)!;
    for (const fix of finding.fixes) fix.title = judged.get(fix.title)!;
  }
}
