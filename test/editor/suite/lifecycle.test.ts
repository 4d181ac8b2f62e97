// Renewal and CA rotation inside a real VS Code: the edit waits in the refactor preview (it
// needs confirmation), the test accepts or discards it there as a person would, and the files
// on disk and the Problems data are checked afterwards.
import * as assert from 'assert/strict';
import { X509Certificate } from 'crypto';
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import type { LifecycleOutcome } from '../../../src/commands/lifecycle';
import type { CertificatePrompts } from '../../../src/commands/prompts';
import { api, kumaDiagnostics, waitForDiagnostics } from './helpers';

/**
 * Runs a command whose edit opens the refactor preview, pressing `button` there until it settles.
 * The preview fills its tree after it opens, and a press before that applies an empty selection
 * (the outcome is "not applied", and the command leaves nothing behind). The first press waits a
 * second; on a loaded machine (the whole suite beside the UI tests) that was once too short, so an
 * Apply that applied nothing is tried again with a longer wait, twice at most: an Apply that never
 * applies still fails the test.
 */
async function throughPreview(button: 'refactorPreview.apply' | 'refactorPreview.discard', command: string, options: object): Promise<LifecycleOutcome | undefined> {
  for (const wait of button === 'refactorPreview.apply' ? [1_000, 3_000, 6_000] : [1_000]) {
    const outcome = await pressInPreview(button, command, options, wait);
    if (button !== 'refactorPreview.apply' || outcome?.applied) return outcome;
  }
  return pressInPreview(button, command, options, 10_000);
}

async function pressInPreview(button: 'refactorPreview.apply' | 'refactorPreview.discard', command: string, options: object, firstPressAfterMs: number): Promise<LifecycleOutcome | undefined> {
  let settled = false;
  const pending = Promise.resolve(vscode.commands.executeCommand<LifecycleOutcome | undefined>(command, options)).finally(() => (settled = true));
  const deadline = Date.now() + 30_000;
  await new Promise((r) => setTimeout(r, firstPressAfterMs));
  while (!settled && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    if (!settled) await vscode.commands.executeCommand(button).then(undefined, () => undefined);
  }
  assert.ok(settled, `${command} settled after ${button}`);
  return pending;
}

const text = async (uri: vscode.Uri) => Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
const modeOf = async (uri: vscode.Uri) => (await fs.stat(uri.fsPath)).mode & 0o777;
const certificates = (pem: string) => (pem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;

/** What the commands said went wrong: an assertion that fails names it. */
const errorsShown: string[] = [];

/** Prompts that answer nothing at once: runRecipe's .gitignore offer must not wait for a person. */
const silent: CertificatePrompts = {
  pickWorkspaceFolder: () => Promise.resolve(vscode.workspace.workspaceFolders?.[0]),
  showQuickPick: () => Promise.resolve(undefined),
  showInputBox: () => Promise.resolve(undefined),
  confirm: () => Promise.resolve(undefined),
  showInformationMessage: () => Promise.resolve(undefined),
  showErrorMessage: (message: string) => {
    errorsShown.push(message);
    return Promise.resolve(undefined);
  },
  showOpenDialog: () => Promise.resolve(undefined),
  writeClipboard: () => Promise.resolve(),
  withProgress: (_title, task) => task(new vscode.CancellationTokenSource().token),
};

suite('certificate lifecycle commands', () => {
  let channel: vscode.Uri;
  let scratch: vscode.Uri;
  let restore: vscode.Disposable | undefined;

  suiteSetup(async () => {
    restore = (await api()).certificates.usePrompts(silent);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    scratch = vscode.Uri.joinPath(folder.uri, `.kuma-tls-lifecycle-test-${process.pid}`);
    channel = vscode.Uri.joinPath(scratch, 'general');
    const written = (await vscode.commands.executeCommand('kumaTls.runRecipe', { recipe: 'general', folder: channel, keyType: 'ecdsa', reveal: false })) as vscode.Uri[] | undefined;
    assert.ok(written && written.length > 0, 'the channel is generated');
  });

  suiteTeardown(async () => {
    restore?.dispose();
    await vscode.workspace.fs.delete(scratch, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('Renew Certificate: applied from the refactor preview, every copy renewed on disk, and the files lint clean', async () => {
    const crt = vscode.Uri.joinPath(channel, 'tls.crt');
    const before = await text(crt);
    const outcome = await throughPreview('refactorPreview.apply', 'kumaTls.renewCertificate', { path: crt.fsPath, keepKey: false });
    assert.ok(outcome?.applied, `applied (outcome ${JSON.stringify(outcome)}; errors shown: ${JSON.stringify(errorsShown)})`);
    assert.deepEqual(outcome.files.map((f) => f.slice(channel.fsPath.length + 1)), ['secret.yaml', 'tls.crt', 'tls.key']);
    const after = await text(crt);
    assert.notEqual(after, before);
    const renewed = new X509Certificate(after);
    const ca = new X509Certificate(await text(vscode.Uri.joinPath(channel, 'ca.crt')));
    assert.ok(renewed.checkIssued(ca) && renewed.verify(ca.publicKey), 'signed by the channel CA');
    assert.equal(renewed.subjectAltName, new X509Certificate(before).subjectAltName);
    assert.equal(await modeOf(vscode.Uri.joinPath(channel, 'tls.key')), 0o600, 'the key file keeps mode 0600');
    const secret = vscode.Uri.joinPath(channel, 'secret.yaml');
    assert.ok((await text(secret)).includes(Buffer.from(after, 'utf8').toString('base64')), 'the Secret carries the new certificate');
    const document = await vscode.workspace.openTextDocument(secret);
    assert.equal(document.isDirty, false, 'saved');
    await waitForDiagnostics(secret, (ds) => !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'no error on the renewed Secret');
    assert.deepEqual(kumaDiagnostics(secret).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);
  });

  test('Rotate CA phase 1: discarded in the preview changes nothing and leaves no next-ca files; applied, every trust bundle holds both CAs', async () => {
    const caCrt = vscode.Uri.joinPath(channel, 'ca.crt');
    const nextKey = vscode.Uri.joinPath(channel, 'next-ca.key');
    const before = await text(caCrt);
    const discarded = await throughPreview('refactorPreview.discard', 'kumaTls.rotateCa', { folder: channel, phase: 1 });
    assert.equal(discarded?.applied, false);
    assert.equal(await text(caCrt), before);
    await assert.rejects(fs.stat(nextKey.fsPath), 'next-ca.key removed again');

    const applied = await throughPreview('refactorPreview.apply', 'kumaTls.rotateCa', { folder: channel, phase: 1 });
    assert.ok(applied?.applied);
    assert.equal(certificates(await text(caCrt)), 2);
    assert.equal(await modeOf(nextKey), 0o600);
    assert.match(await text(vscode.Uri.joinPath(channel, 'install.sh')), /= rotate-ca-phase-1 \]/);
    const values = vscode.Uri.joinPath(channel, 'values.yaml');
    await waitForDiagnostics(values, (ds) => !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'the bundle caBundle is no mismatch');
  });
});
