// A lens above each certificate with how long it stays valid. Certificates in key slots are
// skipped (that is a finding, not a lens); lenses are computed once per document version.
import * as vscode from 'vscode';
import { validitySummary } from '../pki/describe';
import { DocumentModels } from './authoring/documentModels';
import { describedSlots } from './authoring/locate';
import { toRange } from './convert';

export class CertificateLensProvider implements vscode.CodeLensProvider {
  private readonly cache = new Map<string, { version: number; day: number; lenses: vscode.CodeLens[] }>();

  constructor(
    private readonly models: DocumentModels,
    private readonly now: () => Date = () => new Date(),
  ) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const now = this.now();
    // "expires in N days" changes at most daily; the cache keys on the day as well as the version.
    const day = Math.floor(now.getTime() / 86_400_000);
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version && cached.day === day) return cached.lenses;
    const lenses = this.compute(document, now);
    this.cache.set(key, { version: document.version, day, lenses });
    return lenses;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  private compute(document: vscode.TextDocument, now: Date): vscode.CodeLens[] {
    const doc = this.models.get(document);
    if (!doc) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const described of describedSlots(doc)) {
      if (described.slot.content === 'key') continue;
      const certificates = described.items.filter((i) => i.item.kind === 'certificate');
      certificates.forEach(({ item, range }, index) => {
        if (item.kind !== 'certificate') return;
        const where = certificates.length > 1 && described.described.encoding !== 'pem' ? ` (certificate ${index + 1} of ${certificates.length})` : '';
        const title = `${validitySummary(item.facts, now)}${where}`;
        const start = toRange(range).start;
        lenses.push(new vscode.CodeLens(new vscode.Range(start, start), { title, command: '' }));
      });
    }
    return lenses;
  }
}
