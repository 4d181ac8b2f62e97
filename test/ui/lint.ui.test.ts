// A person's view of the linter: open a broken kuma-cp env file, read the Problems panel,
// repair the finding with the light-bulb quick fix.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Workbench, applyQuickFix } from './workbench';

let workbench: Workbench;

before(async () => {
  workbench = await Workbench.open();
});

after(async () => {
  await workbench?.close();
});

test('the Problems panel lists the exposed HTTP API server of a kuma-cp env file', async () => {
  await workbench.openFile('universal/kuma-cp.env');
  await workbench.filterProblems('**/kuma-cp.env');
  const row = await workbench.waitForProblem('KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0 exposes');
  assert.match(row, /kuma-tls/);
  assert.match(row, /api-server-http-exposed/);
  await workbench.screenshot('lint-problems-panel');
});

test('the light-bulb quick fix binds the HTTP API server to 127.0.0.1 and the problem goes away', async () => {
  const line = (await workbench.editorText()).split('\n').findIndex((l) => l.startsWith('KUMA_API_SERVER_HTTP_INTERFACE='));
  assert.ok(line >= 0, 'the env line is visible in the editor');
  await workbench.goTo(line + 1, 33);
  await applyQuickFix(workbench, 'Bind the HTTP API server to 127.0.0.1', 'lint-quick-fix-menu');
  await workbench.page.locator('.view-line', { hasText: 'KUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1' }).waitFor({ timeout: 10_000 });
  const rows = await workbench.waitForNoProblem('KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0', 15_000);
  assert.ok(!rows.some((r) => r.includes('KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0')), `the finding is gone: ${rows.join(' | ')}`);
  await workbench.screenshot('lint-after-quick-fix');
});
