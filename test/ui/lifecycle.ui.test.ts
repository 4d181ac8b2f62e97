// A person rotates a channel's CA, phase 1 ("trust both"), from the command palette: picks the
// channel folder in the open dialog, picks the phase, reviews the edit in the refactor preview
// and applies it. openssl then verifies the channel's certificate against the bundle on disk.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT } from '../support/codeServer';
import { Workbench } from './workbench';

let workbench: Workbench;
let channel: string;

before(async () => {
  workbench = await Workbench.open();
  // The channel as "Set Up a Kuma TLS Channel" writes it, made by the CLI of this build.
  channel = path.join(workbench.workspace, 'rotate-demo');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'generate', 'recipe', 'general', `--out=${channel}`, '--secret-name=rotate-demo-tls'], { stdio: 'pipe' });
});

after(async () => {
  await workbench?.close();
});

function certificatesIn(file: string): number {
  return (fs.readFileSync(file, 'utf8').match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
}

test('Rotate CA phase 1 from the palette: open dialog, phase pick, refactor preview, Apply; the bundle holds old and new CA', async () => {
  const page = workbench.page;
  const caFile = path.join(channel, 'ca.crt');
  assert.equal(certificatesIn(caFile), 1, 'one CA before the rotation');
  await workbench.runCommand('Kuma TLS: Rotate CA (phase 1/2/3)');
  await workbench.acceptOpenDialog(channel, "Rotate this channel's CA");
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Phase 1: trust both' }).first().waitFor({ timeout: 20_000 });
  await workbench.screenshot('rotate-ca-phase-pick');
  await input.fill('Phase 1');
  await page.keyboard.press('Enter');

  // The refactor preview lists the files before anything changes.
  const preview = page.locator('.bulk-edit-panel, [id="workbench.panel.refactorPreview"]').first();
  await preview.waitFor({ timeout: 30_000 });
  await page.locator('.bulk-edit-panel .monaco-tl-row, .bulk-edit-panel .monaco-list-row', { hasText: 'ca.crt' }).first().waitFor({ timeout: 20_000 });
  await workbench.screenshot('rotate-ca-refactor-preview');
  assert.equal(certificatesIn(caFile), 1, 'nothing of the trust changed before Apply');
  await page.locator('.bulk-edit-panel .monaco-button', { hasText: 'Apply' }).first().click();

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && certificatesIn(caFile) < 2) await page.waitForTimeout(250);
  assert.equal(certificatesIn(caFile), 2, 'ca.crt is the bundle of the old and the new CA');
  // openssl is the judge: the channel's certificate verifies against the bundle the workspace holds.
  const verified = execFileSync('openssl', ['verify', '-CAfile', caFile, path.join(channel, 'tls.crt')], { encoding: 'utf8' });
  assert.match(verified, /: OK/);
  assert.ok(fs.existsSync(path.join(channel, 'next-ca.crt')), 'the new CA is kept beside the old one for phase 2');
  assert.equal(fs.statSync(path.join(channel, 'next-ca.key')).mode & 0o777, 0o600, 'its key is 0600');
  await workbench.screenshot('rotate-ca-phase-1-applied');
});
