// The lint core's model of an open document for hovers, code lenses and completions: the
// linter's own parse of the current text (see LintController.modelOf), so no document is
// parsed twice; files the core skips (too large, binary) or does not read give null.
import * as vscode from 'vscode';
import { LintDocument } from '../../lint/model/document';

export class DocumentModels {
  constructor(private readonly modelOf: (document: vscode.TextDocument) => LintDocument | undefined) {}

  get(document: vscode.TextDocument): LintDocument | null {
    try {
      const doc = this.modelOf(document);
      return doc && doc.format !== 'other' ? doc : null;
    } catch {
      return null;
    }
  }
}
