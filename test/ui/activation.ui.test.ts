import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Workbench } from './workbench';

let workbench: Workbench;

before(async () => {
  workbench = await Workbench.open();
});

after(async () => {
  await workbench?.close();
});

test('the packaged .vsix installs into the editor', () => {
  assert.ok(workbench.installedExtensions().includes(Workbench.extensionId), 'kuma-tls.kuma-tls is listed');
});

test('opening a Helm values file activates the extension: its language status says so', async () => {
  await workbench.openFile('helm/values.yaml');
  const page = workbench.page;
  // Language status items live behind the "{}" entry of the status bar; a person hovers it.
  const languageStatus = page.locator('.statusbar-item[id="status.languageStatus"]');
  await languageStatus.waitFor({ timeout: 30_000 });
  await languageStatus.hover();
  const hover = page.locator('.language-status-hover, .monaco-hover').filter({ hasText: 'Kuma TLS' }).first();
  await hover.waitFor({ timeout: 30_000 });
  assert.match(await hover.innerText(), /Kuma TLS/);
  await workbench.screenshot('activation-language-status');
});
