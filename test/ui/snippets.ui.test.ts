// A person types a snippet prefix in a shell script, picks it from the suggest widget and gets
// the command Kuma's guide would have them write.
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

test('typing kuma-helm-repo in a shell script offers the snippet and inserts helm repo add kuma', async () => {
  const page = workbench.page;
  await workbench.openFile('scripts/install.sh');
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('kuma-helm-re', { delay: 30 });
  const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'kuma-helm-repo' }).first();
  try {
    await row.waitFor({ timeout: 10_000 });
  } catch {
    // Quick suggestions can lose the race with the extension host starting; ask as a person would.
    await page.keyboard.press('Control+Space');
    await row.waitFor({ timeout: 15_000 });
  }
  await workbench.screenshot('snippet-suggest-widget');
  // The language server's completions join the list a moment later and re-render it, which can
  // swallow a click; the snippet is the focused first row, so accept it as a keyboard user does.
  await page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'kuma-helm-repo' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.view-line', { hasText: 'helm repo add kuma https://kumahq.github.io/charts' }).last().waitFor({ timeout: 10_000 });
  // The editor renders spaces as no-break spaces.
  const text = (await workbench.editorText()).replace(/\u00a0/g, ' ');
  assert.match(text, /helm repo add kuma https:\/\/kumahq\.github\.io\/charts\s+helm repo update kuma/);
  assert.ok(!text.includes('kuma-helm-re'), 'the typed prefix was replaced');
  await workbench.screenshot('snippet-inserted');
});
