// Everything the certificate commands ask the user, behind one interface so in-editor tests can
// answer instead of a person (the vscode-stylelint `activate(context, overrides)` pattern).
import * as vscode from 'vscode';

export interface CertificatePrompts {
  pickWorkspaceFolder(): Thenable<vscode.WorkspaceFolder | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** Modal confirmation; resolves to the chosen item or undefined when dismissed. */
  confirm(message: string, detail: string, action: string): Thenable<string | undefined>;
  showInformationMessage(message: string, ...items: string[]): Thenable<string | undefined>;
  showErrorMessage(message: string): Thenable<unknown>;
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  writeClipboard(text: string): Thenable<void>;
  withProgress<T>(title: string, task: (token: vscode.CancellationToken) => Promise<T>): Thenable<T>;
}

export const windowPrompts: CertificatePrompts = {
  pickWorkspaceFolder: () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length <= 1) {
      return Promise.resolve(folders[0]);
    }
    return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder to write the certificates into' });
  },
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
  showInputBox: (options) => vscode.window.showInputBox(options),
  confirm: (message, detail, action) => vscode.window.showWarningMessage(message, { modal: true, detail }, action),
  showInformationMessage: (message, ...items) => vscode.window.showInformationMessage(message, ...items),
  showErrorMessage: (message) => vscode.window.showErrorMessage(message),
  showOpenDialog: (options) => vscode.window.showOpenDialog(options),
  writeClipboard: (text) => vscode.env.clipboard.writeText(text),
  withProgress: (title, task) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) =>
      task(token),
    ),
};
