// Registers the authoring help: hovers, certificate expiry lenses and completions. Called once
// from activate(); everything it registers goes into context.subscriptions.
import * as vscode from 'vscode';
import { DocumentModels } from './authoring/documentModels';
import { CertificateLensProvider } from './codeLens';
import { AuthoringCompletionProvider, COMPLETION_TRIGGERS } from './completions';
import { AuthoringHoverProvider } from './hovers';
import { LintController } from './lintController';

const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];
/** Languages a Kuma file may be opened as; the providers decide from the path what the file is. */
const LANGUAGES = ['yaml', 'helm', 'dotenv', 'properties', 'shellscript', 'plaintext', 'ini', 'pem'];

function selector(languages: readonly string[]): vscode.DocumentFilter[] {
  return languages.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme })));
}

export function registerAuthoringProviders(context: vscode.ExtensionContext, deps: { lint: LintController }): void {
  const models = new DocumentModels((document) => deps.lint.modelOf(document));
  const lenses = new CertificateLensProvider(models);
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector(LANGUAGES), new AuthoringHoverProvider(models, (uri) => deps.lint.backendFor(uri))),
    vscode.languages.registerCodeLensProvider(selector(['yaml', 'helm', 'pem', 'plaintext', 'dotenv', 'properties', 'shellscript']), lenses),
    vscode.languages.registerCompletionItemProvider(
      selector(['yaml', 'helm', 'dotenv', 'properties', 'shellscript', 'plaintext', 'ini']),
      new AuthoringCompletionProvider(models, (uri) => deps.lint.backendFor(uri)),
      ...COMPLETION_TRIGGERS,
    ),
    vscode.workspace.onDidCloseTextDocument((document) => lenses.forget(document.uri)),
  );
}
