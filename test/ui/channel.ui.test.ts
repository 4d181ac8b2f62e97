// A person sets up a Kuma TLS channel from the palette in the examples workspace, which already
// defines general-tls-certs: the setup counts its steps, proposes a Secret name and a folder no
// file uses, goes Back without losing what was typed, and remembers the answers after Escape.
// Then the same person reuses the taken name on purpose (the ambiguity is reported, nothing
// judges the new files against the old Secret, no fix copies a caBundle), and generates a CA
// where one already signs other files (the dialog's default writes beside it).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { opensslVerify } from '../unit/pki/support';
import { Workbench } from './workbench';

let workbench: Workbench;

before(async () => {
  workbench = await Workbench.open();
});

after(async () => {
  await workbench?.close();
});

const CHANNEL = 'Kuma TLS: Set Up a Kuma TLS Channel';

/** Screenshot for the README: the pointer moved off the widgets so no tooltip covers them. */
async function shoot(name: string): Promise<void> {
  await workbench.page.mouse.move(1200, 450);
  await workbench.page.waitForTimeout(300);
  await workbench.screenshot(name);
}

async function enter(value?: string): Promise<void> {
  if (value !== undefined) await workbench.page.locator('.quick-input-widget input').first().fill(value);
  await workbench.page.keyboard.press('Enter');
}

/** Waits for step `step` of the setup; returns what its box holds. */
async function atStep(step: number, total = 6): Promise<string> {
  await workbench.quickInputTitle(`(${step}/${total})`);
  return workbench.quickInputValue();
}

/** After a write with kumaTls.certificates.gitignorePrivateKeys still at "ask": answer the dialog. */
async function declineGitignoreIfAsked(): Promise<void> {
  const dialog = workbench.page.locator('.monaco-dialog-box', { hasText: 'Add the generated private keys to .gitignore?' });
  if (await dialog.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
    await dialog.locator('.monaco-button', { hasText: "Don't add" }).click();
  }
}

async function waitForFile(file: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} was not written`);
    await workbench.page.waitForTimeout(300);
  }
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

test('the channel setup: step x/y, a free Secret name and folder proposed, Back keeps answers, Escape then re-run keeps them', async () => {
  const page = workbench.page;
  await workbench.runCommand(CHANNEL);
  await atStep(1);
  await enter('General');
  assert.equal(await atStep(2), 'kuma-system');
  await enter();
  assert.equal(await atStep(3), 'general-tls-certs-2', 'k8s/secret-general.yaml defines general-tls-certs: the next free name is proposed');
  await shoot('channel-secret-name-step');
  await enter('team-general-tls');
  assert.equal(await atStep(4), 'certs/general');
  await enter('tls/team');
  await atStep(5);
  await workbench.quickInputBack();
  assert.equal(await atStep(4), 'tls/team', 'Back shows the folder as typed');
  await enter();
  assert.match(await atStep(5), /kuma-control-plane\.kuma-system, kuma-control-plane\.kuma-system\.svc/);
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });

  // Run again: every answer is where it was left.
  await workbench.runCommand(CHANNEL);
  await atStep(1);
  await enter();
  assert.equal(await atStep(2), 'kuma-system');
  await enter();
  assert.equal(await atStep(3), 'team-general-tls', 'the Secret name typed before Escape');
  await enter();
  assert.equal(await atStep(4), 'tls/team', 'the folder typed before Escape');
  await enter();
  await atStep(5);
  await enter();
  await atStep(6);
  await enter('Generate a new CA');

  const gitignore = await workbench.dialog('Add the generated private keys to .gitignore?');
  await shoot('channel-gitignore-dialog');
  await gitignore.locator('.monaco-button', { hasText: "Don't add" }).click();
  const wrote = await workbench.notification('Wrote 7 files to tls/team');
  await shoot('channel-wrote-files');
  const folder = path.join(workbench.workspace, 'tls', 'team');
  assert.match(fs.readFileSync(path.join(folder, 'secret.yaml'), 'utf8'), /name: team-general-tls/);
  assert.match(fs.readFileSync(path.join(folder, 'values.yaml'), 'utf8'), /secretName: team-general-tls/);
  assert.equal(fs.statSync(path.join(folder, 'install.sh')).mode & 0o777, 0o755, 'the install script is executable');
  assert.equal(fs.statSync(path.join(folder, 'tls.key')).mode & 0o777, 0o600);
  const settings = JSON.parse(fs.readFileSync(path.join(workbench.workspace, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(settings['kumaTls.certificates.gitignorePrivateKeys'], 'never', 'the answer is a setting one can change');

  // "Lint" from the message: the workspace lint ends with a count, and the new files are clean.
  await wrote.locator('.monaco-button', { hasText: 'Lint' }).click();
  await workbench.notification(/Kuma TLS: checked \d+ files: \d+ findings \(\d+ errors?, \d+ warnings?, \d+ info\)/, 120_000);
  await workbench.filterProblems('**/tls/team/**');
  const rows = await workbench.problems();
  assert.deepEqual(rows, [], 'the generated files have no finding');
});

test('a Secret name defined twice: the setup warns while typing, only secret-ambiguous speaks, no fix copies a caBundle', async () => {
  const page = workbench.page;
  await workbench.runCommand(CHANNEL);
  await atStep(1);
  await enter('General');
  await atStep(2);
  await enter();
  await atStep(3);
  await page.locator('.quick-input-widget input').first().fill('general-tls-certs');
  await page.locator('.quick-input-message', { hasText: 'general-tls-certs is already defined in k8s/secret-general.yaml' }).waitFor();
  await shoot('channel-secret-name-taken');
  await enter();
  await atStep(4);
  await enter('certs/dup');
  await atStep(5);
  await enter();
  await atStep(6);
  await enter('Generate a new CA');
  await declineGitignoreIfAsked();
  await workbench.notification('Wrote 7 files to certs/dup');
  const folder = path.join(workbench.workspace, 'certs', 'dup');
  const verified = opensslVerify(fs.readFileSync(path.join(folder, 'ca.crt'), 'utf8'), fs.readFileSync(path.join(folder, 'tls.crt'), 'utf8'));
  assert.ok(verified.ok, `openssl verifies the new chain: ${verified.output}`);

  await workbench.openFile('certs/dup/values.yaml');
  await workbench.filterProblems('**/certs/dup/**');
  const row = await workbench.waitForProblem('secret-ambiguous', 60_000);
  assert.match(row, /Secret general-tls-certs is defined 3 times/);
  await shoot('channel-duplicate-ambiguous');
  const rows = await workbench.problems();
  const verdicts = rows.filter((r) => /ca-bundle-mismatch|cert-untrusted|secret-missing-key|cert-key-mismatch|cert-hostname-mismatch/.test(r));
  assert.deepEqual(verdicts, [], 'no rule judges the new files against one of the definitions');

  // The values file the examples already had, which names the same Secret: ambiguity, no fix.
  await workbench.openFile('crossfile/values-ca-mismatch.yaml');
  await workbench.filterProblems('**/values-ca-mismatch.yaml');
  await workbench.waitForProblem('secret-ambiguous', 60_000);
  assert.ok(!(await workbench.problems()).some((r) => r.includes('ca-bundle-mismatch')), 'caBundle is not compared with one of three Secrets');
  const line = (await workbench.editorText()).split('\n').findIndex((l) => l.includes('caBundle:'));
  assert.ok(line >= 0, 'the caBundle line is visible');
  await workbench.goTo(line + 1, 8);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ timeout: 15_000 }).catch(() => undefined);
  const titles = (await page.locator('.action-widget .monaco-list-row').allInnerTexts().catch(() => [])).join(' | ');
  assert.doesNotMatch(titles, /Replace caBundle|Encode the Secret/, `no fix copies a caBundle: ${titles}`);
  await page.keyboard.press('Escape');
});

test('Generate CA over a CA that signed other files: the default button writes beside it', async () => {
  const page = workbench.page;
  const certs = path.join(workbench.workspace, 'certs');
  const before = sha256(path.join(certs, 'ca.crt'));
  await workbench.runCommand('Kuma TLS: Generate Certificate Authority');
  await workbench.quickInputTitle('Certificate authority');
  await enter();
  await workbench.quickInputTitle('Key type');
  await enter('ECDSA P-256');
  // examples/certs holds the CA that issued tls.crt (its key is not there: only ca.crt is replaced).
  const dialog = await workbench.dialog('Replace 1 existing file in certs, or write the new files under new names?');
  assert.match(await dialog.innerText(), /ca\.crt is the CA that issued [^\n]*tls\.crt/);
  assert.match(await dialog.innerText(), /Write beside as ca-2\.crt, ca-2\.key/);
  await shoot('generate-ca-write-beside');
  // The first button is the default: Enter takes it.
  await page.keyboard.press('Enter');
  await waitForFile(path.join(certs, 'ca-2.key'));
  assert.ok(fs.existsSync(path.join(certs, 'ca-2.crt')));
  assert.equal(sha256(path.join(certs, 'ca.crt')), before, 'the CA that signs tls.crt is untouched');
  await declineGitignoreIfAsked();
  await workbench.notification('Wrote 2 files to certs');
});
