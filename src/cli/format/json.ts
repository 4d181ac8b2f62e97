// Exactly one JSON object on standard output: `{ "columnUnit": "utf16CodeUnits", "findings": [...] }`.
import { CliFinding } from './shape';

/** Columns count UTF-16 code units (what VS Code and SARIF's default `columnKind` count). */
export const JSON_COLUMN_UNIT = 'utf16CodeUnits';

export function formatJson(findings: readonly CliFinding[]): string {
  return `${terminalSafeJson(JSON.stringify({ columnUnit: JSON_COLUMN_UNIT, findings }, null, 2))}\n`;
}

/**
 * JSON.stringify escapes C0 controls but leaves DEL, the C1 controls (U+009B is a terminal's CSI)
 * and U+2028/U+2029 raw; as \\u escapes the JSON is the same and safe to print on a terminal.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
