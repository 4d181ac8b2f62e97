// What a renewal or a rotation phase will do, as plain data: text edits of files that exist, files
// to create, and the places that hold the material but cannot be rewritten mechanically. Both
// front ends apply it: the CLI through the transactional writer, the editor as a WorkspaceEdit.
import { TextEdit } from '../types';
import { changedPem, MaterialValue, PemChange, slotEdit } from './material-values';

export interface NewFile {
  path: string;
  content: string;
  /** 0600 for private keys. */
  mode: number;
}

export interface LifecyclePlan {
  edits: TextEdit[];
  newFiles: NewFile[];
  /** Where the material is written in a form a tool must not rewrite (a word of a shell command). */
  skipped: Array<{ path: string; label: string }>;
  /** What the user should know or do next (no key material). */
  notes: string[];
}

export class LifecycleError extends Error {}

/** PEM changes gathered per material value, turned into one edit per value. */
export class PemChanges {
  private readonly byValue = new Map<MaterialValue, PemChange[]>();

  add(value: MaterialValue, change: PemChange): void {
    const list = this.byValue.get(value) ?? [];
    if (!list.some((c) => c.piece.start === change.piece.start && c.insertAfter === change.insertAfter)) list.push(change);
    this.byValue.set(value, list);
  }

  get size(): number {
    return this.byValue.size;
  }

  into(plan: LifecyclePlan): void {
    const seen = new Set<string>();
    for (const [value, changes] of this.byValue) {
      const edit = slotEdit(value, changedPem(value, changes));
      if (!edit) {
        plan.skipped.push({ path: value.doc.path, label: value.slot.label });
        continue;
      }
      // One value can be two slots (a setting read in two forms): one edit.
      const key = `${edit.path}:${edit.range.start.line}:${edit.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      plan.edits.push(edit);
    }
  }
}

export function emptyPlan(): LifecyclePlan {
  return { edits: [], newFiles: [], skipped: [], notes: [] };
}

/** The files a plan touches, in a stable order. */
export function changedPaths(plan: LifecyclePlan): string[] {
  return [...new Set([...plan.edits.map((e) => e.path), ...plan.newFiles.map((f) => f.path)])].sort();
}

/** Applies text edits to a text (offsets by line and UTF-16 column), from the last to the first. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offset = (line: number, character: number) => (line < lineStarts.length ? lineStarts[line] + character : text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character));
  let out = text;
  for (const edit of sorted) {
    out = out.slice(0, offset(edit.range.start.line, edit.range.start.character)) + edit.newText + out.slice(offset(edit.range.end.line, edit.range.end.character));
  }
  return out;
}
