// A person opens only a values file: the Problems panel already shows that its caBundle is not
// the CA of the Secret it names (a file they never opened), and the related link opens it.
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

test('opening only values-ca-mismatch.yaml shows the mismatch with the Secret, and the related link opens the Secret', async () => {
  const page = workbench.page;
  await workbench.openFile('crossfile/values-ca-mismatch.yaml');
  await workbench.filterProblems('**/values-ca-mismatch.yaml');
  const row = await workbench.waitForProblem('ca-bundle-mismatch', 60_000);
  assert.match(row, /caBundle is the certificate "CN=Some Other CA", but Secret general-tls-certs's ca.crt/);
  // Related information is a child row of the problem: "ca.crt of Secret general-tls-certs".
  const related = page.locator('.markers-panel .monaco-list-row', { hasText: 'ca.crt of Secret general-tls-certs' }).first();
  await related.waitFor({ timeout: 15_000 });
  await workbench.screenshot('crossfile-problems-related');
  const relatedText = await related.innerText();
  const file = /secret-general\.yaml/.test(relatedText) ? 'secret-general.yaml' : 'install.sh';
  await related.dblclick();
  const tab = page.locator(`.tab[aria-label^="${file}"], .tab:has-text("${file}")`).first();
  await tab.waitFor({ timeout: 15_000 });
  assert.ok(await tab.isVisible(), `${file}, the file defining the Secret, is open`);
  await workbench.screenshot('crossfile-related-opened');
});
