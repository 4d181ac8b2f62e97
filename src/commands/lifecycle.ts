// Palette commands for a certificate's later days: "Renew Certificate…", "Rotate CA (phase
// 1/2/3)…" and "Check Served Certificate". Thin glue: the plans come from src/lint/lifecycle and
// become one WorkspaceEdit that needs confirmation, so VS Code's refactor preview lists every
// file before anything changes. New files (the next CA's key) are written first through the
// transactional writer (0600 from the start) and removed again when the preview is cancelled.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LifecyclePlan } from '../lint/lifecycle/plan';
import type { RenewCommandArguments } from '../lint/lifecycle/renewLens';
import type { RotationPhase } from '../lint/lifecycle/rotate';
import type { LintWorkspace } from '../lint/workspace';
import { CertificatePrompts, windowPrompts } from './prompts';

export const LIFECYCLE_COMMANDS = {
  renewCertificate: 'kumaTls.renewCertificate',
  rotateCa: 'kumaTls.rotateCa',
  checkServedCertificate: 'kumaTls.checkServedCertificate',
} as const;

export interface RenewOptions extends Partial<RenewCommandArguments> {
  keepKey?: boolean;
  days?: number;
}

export interface RotateOptions {
  folder?: vscode.Uri;
  phase?: RotationPhase;
}

export interface CheckServedOptions {
  address?: string;
  serverName?: string;
}

/** What a command did: whether the edit was applied, and the report of a probe. */
export interface LifecycleOutcome {
  applied: boolean;
  files: string[];
  report?: string;
}

export function registerLifecycleCommands(context: vscode.ExtensionContext, prompts: () => CertificatePrompts = () => windowPrompts): void {
  const guard =
    <T>(run: (options: T | undefined) => Promise<LifecycleOutcome | undefined>) =>
    async (options?: T): Promise<LifecycleOutcome | undefined> => {
      try {
        return await run(options);
      } catch (error) {
        void prompts().showErrorMessage(`Kuma TLS: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    };
  context.subscriptions.push(
    vscode.commands.registerCommand(LIFECYCLE_COMMANDS.renewCertificate, guard<RenewOptions | vscode.Uri>((options) => renew(prompts(), options instanceof vscode.Uri ? { path: options.fsPath } : options ?? {}))),
    vscode.commands.registerCommand(LIFECYCLE_COMMANDS.rotateCa, guard<RotateOptions | vscode.Uri>((options) => rotate(prompts(), options instanceof vscode.Uri ? { folder: options } : options ?? {}))),
    vscode.commands.registerCommand(LIFECYCLE_COMMANDS.checkServedCertificate, guard<CheckServedOptions>((options) => checkServed(prompts(), options ?? {}))),
  );
}

async function renew(prompts: CertificatePrompts, options: RenewOptions): Promise<LifecycleOutcome | undefined> {
  const file = options.path ?? vscode.window.activeTextEditor?.document.uri.fsPath ?? (await prompts.showOpenDialog({ canSelectMany: false, openLabel: 'Renew', filters: { Certificates: ['crt', 'pem', 'cer', 'yaml', 'yml'] } }))?.[0]?.fsPath;
  if (!file) return undefined;
  let keepKey = options.keepKey;
  if (keepKey === undefined) {
    const choice = await prompts.showQuickPick(
      [
        { label: 'New key', description: 'recommended', keep: false },
        { label: 'Keep the key', description: 'the same key pair, a new validity', keep: true },
      ],
      { placeHolder: 'Renew with a new private key or keep the current one?' },
    );
    if (!choice) return undefined;
    keepKey = choice.keep;
  }
  const { planRenewal } = await import('../lint/lifecycle/renew');
  const workspace = await workspaceOf(file);
  const plan = await planRenewal(documents(workspace.lint), file, { keepKey, fingerprint: options.fingerprint, validityDays: options.days });
  return applyPlan(prompts, plan, 'Renew certificate', `Renewed the certificate of ${path.basename(file)}`);
}

async function rotate(prompts: CertificatePrompts, options: RotateOptions): Promise<LifecycleOutcome | undefined> {
  const folder = options.folder ?? (await prompts.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Rotate this channel\'s CA' }))?.[0];
  if (!folder) return undefined;
  let phase = options.phase;
  if (phase === undefined) {
    const choice = await prompts.showQuickPick(
      [
        { label: 'Phase 1: trust both', description: 'ca.crt, caBundle and the zones\' KDS CA become old + new', phase: 1 as const },
        { label: 'Phase 2: re-issue', description: 'the certificates of the old CA, from the new CA', phase: 2 as const },
        { label: 'Phase 3: trust only the new CA', description: 'the old CA leaves every bundle', phase: 3 as const },
      ],
      { placeHolder: 'Roll each phase out (bash install.sh rotate-ca-phase-N) before the next' },
    );
    if (!choice) return undefined;
    phase = choice.phase;
  }
  const { planRotation } = await import('../lint/lifecycle/rotate');
  const workspace = await workspaceOf(folder.fsPath);
  const plan = await planRotation(documents(workspace.lint), folder.fsPath, phase);
  return applyPlan(prompts, plan, `Rotate CA, phase ${phase} of 3`, `CA rotation phase ${phase} of 3 applied; roll it out with bash install.sh rotate-ca-phase-${phase}`);
}

async function checkServed(prompts: CertificatePrompts, options: CheckServedOptions): Promise<LifecycleOutcome | undefined> {
  const { parseProbeAddress, probeTls } = await import('../pki/probe');
  const address = options.address ?? (await prompts.showInputBox({
    prompt: 'Address of a Kuma TLS listener; only this address is contacted',
    placeHolder: 'https://HOST:5682, grpcs://HOST:5685 or HOST:5678',
    validateInput: (value) => {
      try {
        parseProbeAddress(value);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  }));
  if (!address) return undefined;
  const target = parseProbeAddress(address);
  const result = await prompts.withProgress(`Connecting to ${target.host}:${target.port}`, () => probeTls(target, { serverName: options.serverName }));
  if (!result.ok) {
    void prompts.showErrorMessage(`Kuma TLS: ${result.message}`);
    return { applied: false, files: [], report: result.message };
  }
  const { channelOf, checkServedChain, probeReportLines } = await import('../lint/lifecycle/probe-check');
  const folder = vscode.workspace.workspaceFolders?.[0];
  const docs = folder ? documents((await workspaceOf(folder.uri.fsPath)).lint) : [];
  const report = checkServedChain({ chainPem: result.chain, hostname: options.serverName ?? target.host, channel: channelOf(target.port, target.scheme), docs, displayPath: (p) => vscode.workspace.asRelativePath(p) });
  const text = probeReportLines(`${target.host}:${target.port}`, result.protocol, report).join('\n');
  const shown = await vscode.workspace.openTextDocument({ content: `${text}\n`, language: 'plaintext' });
  await vscode.window.showTextDocument(shown, { preview: true });
  const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
  void prompts.showInformationMessage(failed.length === 0 ? `Kuma TLS: ${target.host}:${target.port} serves a certificate the workspace trusts.` : `Kuma TLS: ${target.host}:${target.port}: ${failed.join(', ')} failed.`);
  return { applied: false, files: [], report: text };
}

/** The workspace folder of `target` read from disk, with the editor's unsaved text in place of the files. */
async function workspaceOf(target: string): Promise<{ root: string; lint: LintWorkspace }> {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(target));
  if (!folder || folder.uri.scheme !== 'file') throw new Error('the file must be in a workspace folder on the local disk');
  const { loadFolder } = await import('../lint/lifecycle/loadFolder');
  const root = folder.uri.fsPath;
  const lint = await loadFolder(root, () => undefined);
  for (const document of vscode.workspace.textDocuments) {
    if (document.uri.scheme === 'file' && document.isDirty && document.uri.fsPath.startsWith(root + path.sep)) lint.setDocument(document.uri.fsPath, document.getText());
  }
  return { root, lint };
}

function documents(workspace: LintWorkspace) {
  return workspace.paths().flatMap((p) => workspace.get(p) ?? []);
}

async function applyPlan(prompts: CertificatePrompts, plan: LifecyclePlan, label: string, done: string): Promise<LifecycleOutcome> {
  const created = plan.newFiles.map((f) => vscode.workspace.asRelativePath(f.path));
  const description = [...plan.notes, ...(created.length > 0 ? [`written already: ${created.join(', ')}`] : [])].join('; ') || undefined;
  // VS Code opens the refactor preview when an entry needs confirmation, and leaves exactly those
  // entries unchecked. So the edits themselves are plain (checked: one click on Apply takes them
  // all), and one entry that can change nothing asks for the confirmation: creating a file that
  // exists, with ignoreIfExists, which the preview does not even list.
  const edit = new vscode.WorkspaceEdit();
  for (const change of plan.edits) {
    const range = new vscode.Range(change.range.start.line, change.range.start.character, change.range.end.line, change.range.end.character);
    edit.replace(vscode.Uri.file(change.path), range, change.newText, { needsConfirmation: false, label, description });
  }
  if (plan.edits.length === 0) throw new Error('nothing to change');
  edit.createFile(vscode.Uri.file(plan.edits[0].path), { ignoreIfExists: true }, { needsConfirmation: true, label, description });
  const written: string[] = [];
  if (plan.newFiles.length > 0) {
    const { writeFilesAtomically } = await import('../pki/write');
    await writeFilesAtomically(plan.newFiles);
    written.push(...plan.newFiles.map((f) => f.path));
  }
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (!applied) {
    await Promise.all(written.map((file) => fs.unlink(file).catch(() => undefined)));
    return { applied: false, files: [] };
  }
  const files = [...new Set([...plan.edits.map((e) => e.path), ...written])].sort();
  // The edit leaves the documents it opened dirty unless files.refactoring.autoSave saved them;
  // the files on disk are what kubectl and install.sh read, so they are saved now.
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty && files.includes(document.uri.fsPath)) await document.save();
  }
  const skipped = plan.skipped.map((s) => `${vscode.workspace.asRelativePath(s.path)} (${s.label})`);
  void prompts.showInformationMessage(`Kuma TLS: ${done}.${skipped.length > 0 ? ` Not changed, edit by hand: ${skipped.join(', ')}.` : ''}`);
  return { applied: true, files };
}
