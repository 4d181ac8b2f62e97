// The lint core's model of an open document, built once per document version for hovers,
// code lenses and completions (the linter's own copy lives in its backend, behind its debounce).
import * as vscode from 'vscode';
import { buildDocument, LintDocument } from '../../lint/model/document';
import { formatOf } from '../../lint/model/kinds';
import { keyOf } from '../paths';

/** Beyond this size hovers and lenses stay quiet, as the linter does (kumaTls.lint.maxFileSizeKB). */
const MAX_CHARS = 2 * 1024 * 1024;

export class DocumentModels {
  private readonly cache = new Map<string, { version: number; doc: LintDocument | null }>();

  get(document: vscode.TextDocument): LintDocument | null {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.doc;
    const doc = this.build(document);
    this.cache.set(key, { version: document.version, doc });
    return doc;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  private build(document: vscode.TextDocument): LintDocument | null {
    const text = document.getText();
    if (text.length > MAX_CHARS) return null;
    const path = keyOf(document.uri);
    if (formatOf(path, text) === 'other') return null;
    try {
      return buildDocument(path, text, document.version);
    } catch {
      return null;
    }
  }
}
