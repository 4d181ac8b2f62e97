// A person generates a certificate from the command palette: picks the type, types the names
// (the input box rejects a bad one as it is typed), picks the key type, and sees the files
// appear in the explorer; then adds the key to .gitignore from the dialog that asks.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { Workbench } from './workbench';

let workbench: Workbench;

before(async () => {
  workbench = await Workbench.open();
});

after(async () => {
  await workbench?.close();
});

async function pick(label: string): Promise<void> {
  const page = workbench.page;
  const input = page.locator('.quick-input-widget input');
  await input.fill(label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
  await page.keyboard.press('Enter');
}

test('Generate Certificate from the palette writes a kumactl-style pair into certs/ and shows it', async () => {
  const page = workbench.page;
  await workbench.runCommand('Kuma TLS: Generate Certificate (kumactl tls-certificate)');
  await page.locator('.quick-input-title', { hasText: 'Certificate type' }).waitFor();
  await pick('server');

  await page.locator('.quick-input-title', { hasText: 'Certificate names' }).waitFor();
  const input = page.locator('.quick-input-widget input');
  assert.match(await input.inputValue(), /kuma-control-plane\.kuma-system/, 'the names Kuma needs are prefilled');
  await input.fill('kuma-control-plane.kuma-system, not a host!');
  const message = page.locator('.quick-input-message');
  await message.filter({ hasText: 'not a host!' }).waitFor();
  await workbench.screenshot('generate-hostname-validation');
  await input.fill('kuma-control-plane.kuma-system, kuma-control-plane.kuma-system.svc, 127.0.0.1');
  await page.keyboard.press('Enter');

  await page.locator('.quick-input-title', { hasText: 'Key type' }).waitFor();
  await pick('ECDSA P-256');

  const certFile = path.join(workbench.workspace, 'certs', 'cert.pem');
  const keyFile = path.join(workbench.workspace, 'certs', 'key.pem');
  await page.locator('.monaco-list-row[aria-label^="cert.pem"], .explorer-item:has-text("cert.pem")').first().waitFor({ timeout: 30_000 });
  assert.ok(fs.existsSync(certFile) && fs.existsSync(keyFile), 'cert.pem and key.pem are on disk');
  assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600, 'the private key is 0600');
  const certificate = new X509Certificate(fs.readFileSync(certFile));
  assert.equal(certificate.subjectAltName, 'DNS:kuma-control-plane.kuma-system, DNS:kuma-control-plane.kuma-system.svc, IP Address:127.0.0.1');
  assert.equal(certificate.publicKey.asymmetricKeyType, 'ec');

  // A modal, not a notification that sinks into the bell while the new files open.
  const dialog = await workbench.dialog('Add the generated private keys to .gitignore?', 20_000);
  await workbench.screenshot('generate-gitignore-dialog');
  await dialog.locator('.monaco-button', { hasText: 'Add to .gitignore' }).click();
  await workbench.notification('Wrote 2 files to certs');
  await workbench.screenshot('generate-files-in-explorer');
  const gitignore = path.join(workbench.workspace, '.gitignore');
  const deadline = Date.now() + 10_000;
  while (!fs.existsSync(gitignore) && Date.now() < deadline) await page.waitForTimeout(200);
  assert.match(fs.readFileSync(gitignore, 'utf8'), /key\.pem/);
  assert.doesNotMatch(fs.readFileSync(gitignore, 'utf8'), /cert\.pem/);
});
