// Rule documentation ships inside the extension (docs/rules/<id>.md), so it opens offline.
import * as vscode from 'vscode';

export function ruleDocsUri(extensionUri: vscode.Uri, rule: string): vscode.Uri {
  const safe = /^[a-z0-9-]+$/.test(rule) ? rule : 'README';
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${safe}.md`);
}

/**
 * The rule id's link in the Problems panel: a command URI (the panel opens links with commands
 * allowed), so a click shows the rendered Markdown preview instead of the raw file.
 */
export function ruleDocsCommandUri(rule: string): vscode.Uri {
  return vscode.Uri.parse(`command:kumaTls.showRuleDocs?${encodeURIComponent(JSON.stringify([rule]))}`);
}

export async function showRuleDocs(extensionUri: vscode.Uri, rule: unknown): Promise<void> {
  const uri = ruleDocsUri(extensionUri, typeof rule === 'string' ? rule : 'README');
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}
