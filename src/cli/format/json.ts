// Exactly one JSON object on standard output: `{ "findings": [...] }`.
import { CliFinding } from './shape';

export function formatJson(findings: readonly CliFinding[]): string {
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}
