// Everything the certificate commands ask the user, behind one interface so in-editor tests can
// answer instead of a person (the vscode-stylelint `activate(context, overrides)` pattern).
import * as vscode from 'vscode';
import { BACK, Back, StepPosition } from './multiStep';

export type StepInputOptions = vscode.InputBoxOptions & StepPosition & { title: string };
export type StepPickOptions<T> = vscode.QuickPickOptions & StepPosition & { title: string; activeItem?: T };

export interface CertificatePrompts {
  pickWorkspaceFolder(): Thenable<vscode.WorkspaceFolder | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** Modal confirmation; the first action is the default button; undefined when dismissed. */
  confirm(message: string, detail: string, ...actions: string[]): Thenable<string | undefined>;
  showInformationMessage(message: string, ...items: string[]): Thenable<string | undefined>;
  showErrorMessage(message: string): Thenable<unknown>;
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  writeClipboard(text: string): Thenable<void>;
  withProgress<T>(title: string, task: (token: vscode.CancellationToken) => Promise<T>): Thenable<T>;
  /**
   * One step of a multi-step flow: "step x/y" in the title bar, a Back button from step 2 on.
   * Optional: scripted prompts (tests) answer with showInputBox/showQuickPick and never go back.
   */
  inputStep?(options: StepInputOptions): Thenable<string | Back | undefined>;
  pickStep?<T extends vscode.QuickPickItem>(items: T[], options: StepPickOptions<T>): Thenable<T | Back | undefined>;
}

/** A step through the prompts' own step UI when they have one, else the plain input box. */
export function askInputStep(prompts: CertificatePrompts, options: StepInputOptions): Thenable<string | Back | undefined> {
  return prompts.inputStep ? prompts.inputStep(options) : prompts.showInputBox(options);
}

export function askPickStep<T extends vscode.QuickPickItem>(prompts: CertificatePrompts, items: T[], options: StepPickOptions<T>): Thenable<T | Back | undefined> {
  return prompts.pickStep ? prompts.pickStep(items, options) : prompts.showQuickPick(items, options);
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
  confirm: (message, detail, ...actions) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions),
  showInformationMessage: (message, ...items) => vscode.window.showInformationMessage(message, ...items),
  showErrorMessage: (message) => vscode.window.showErrorMessage(message),
  showOpenDialog: (options) => vscode.window.showOpenDialog(options),
  writeClipboard: (text) => vscode.env.clipboard.writeText(text),
  withProgress: (title, task) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) =>
      task(token),
    ),
  inputStep: (options) => showInputStep(options),
  pickStep: (items, options) => showPickStep(items, options),
};

function backButtons(position: StepPosition): vscode.QuickInputButton[] {
  return position.step > 1 ? [vscode.QuickInputButtons.Back] : [];
}

/** Resolves once: the first of accept, Back and hide wins, and the widget is disposed. */
function settleOnce<T>(input: vscode.QuickInput, wire: (settle: (value: T | Back | undefined) => void) => vscode.Disposable[]): Promise<T | Back | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const disposables: vscode.Disposable[] = [];
    const settle = (value: T | Back | undefined): void => {
      if (done) return;
      done = true;
      for (const d of disposables) d.dispose();
      input.dispose();
      resolve(value);
    };
    disposables.push(
      ...wire(settle),
      input.onDidHide(() => settle(undefined)),
    );
    input.show();
  });
}

function isBlocking(message: string | vscode.InputBoxValidationMessage | undefined | null): boolean {
  if (message === undefined || message === null || message === '') return false;
  return typeof message === 'string' || message.severity === vscode.InputBoxValidationSeverity.Error;
}

function showInputStep(options: StepInputOptions): Promise<string | Back | undefined> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.value = options.value ?? '';
  box.prompt = options.prompt;
  box.placeholder = options.placeHolder;
  box.ignoreFocusOut = options.ignoreFocusOut ?? false;
  box.buttons = backButtons(options);
  let validation: string | vscode.InputBoxValidationMessage | undefined | null;
  const validate = async (value: string): Promise<void> => {
    validation = options.validateInput ? await options.validateInput(value) : undefined;
    box.validationMessage = validation ?? undefined;
  };
  void validate(box.value);
  return settleOnce<string>(box, (settle) => [
    box.onDidChangeValue((value) => void validate(value)),
    box.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) settle(BACK);
    }),
    box.onDidAccept(async () => {
      await validate(box.value);
      if (!isBlocking(validation)) settle(box.value);
    }),
  ]);
}

function showPickStep<T extends vscode.QuickPickItem>(items: T[], options: StepPickOptions<T>): Promise<T | Back | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.step = options.step;
  pick.totalSteps = options.totalSteps;
  pick.placeholder = options.placeHolder;
  pick.items = items;
  if (options.activeItem !== undefined) pick.activeItems = [options.activeItem];
  pick.buttons = backButtons(options);
  return settleOnce<T>(pick, (settle) => [
    pick.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) settle(BACK);
    }),
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (chosen !== undefined) settle(chosen);
    }),
  ]);
}
