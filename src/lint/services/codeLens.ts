// A lens above each certificate with how long it stays valid, as plain data. Certificates in key
// slots are skipped (that is a finding, not a lens).
import { validitySummary } from './describe';
import { LintDocument } from '../model/document';
import { Pos } from '../types';
import { describedSlots } from './locate';

export interface CertificateLens {
  /** Where the lens sits: the start of the certificate. */
  position: Pos;
  title: string;
}

export function certificateLenses(doc: LintDocument, now: Date): CertificateLens[] {
  const lenses: CertificateLens[] = [];
  for (const described of describedSlots(doc)) {
    if (described.slot.content === 'key') continue;
    const certificates = described.items.filter((i) => i.item.kind === 'certificate');
    certificates.forEach(({ item, range }, index) => {
      if (item.kind !== 'certificate') return;
      const where = certificates.length > 1 && described.described.encoding !== 'pem' ? ` (certificate ${index + 1} of ${certificates.length})` : '';
      lenses.push({ position: range.start, title: `${validitySummary(item.facts, now)}${where}` });
    });
  }
  return lenses;
}
