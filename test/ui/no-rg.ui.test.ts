// The workspace index without ripgrep: a machine without `rg` (none on PATH, and code-server's
// bundled rg link absent, as scripts/install-editor.sh leaves it there) still shows the findings
// of files nobody opened, because the language server walks the folders itself. A person then
// fixes such a finding by editing the Secret it depends on, without ever opening the values file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { editorDir, ensureEditorInstalled } from '../support/codeServer';
import { Workbench } from './workbench';

const BUNDLED_RG = path.join('node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
let workbench: Workbench;
let editorCopy: string | undefined;

/** A copy of the editor (hard links where the file system allows) without its rg link. */
function editorWithoutRg(): string {
  ensureEditorInstalled();
  const source = editorDir();
  const copy = `${source}-no-rg-${process.pid}`;
  if (spawnSync('cp', ['-al', source, copy]).status !== 0) {
    fs.rmSync(copy, { recursive: true, force: true });
    assert.equal(spawnSync('cp', ['-a', source, copy]).status, 0, 'copied the editor');
  }
  fs.rmSync(path.join(copy, BUNDLED_RG), { force: true });
  return copy;
}

before(async () => {
  editorCopy = editorWithoutRg();
  process.env.KUMA_TLS_EDITOR_DIR = editorCopy;
  process.env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !fs.existsSync(path.join(dir, 'rg')))
    .join(path.delimiter);
  assert.equal(spawnSync('rg', ['--version']).error?.message.includes('ENOENT'), true, 'rg is not on PATH');
  assert.ok(!fs.existsSync(path.join(editorCopy, BUNDLED_RG)), 'code-server has no rg');
  workbench = await Workbench.open();
});

after(async () => {
  await workbench?.close();
  if (editorCopy) fs.rmSync(editorCopy, { recursive: true, force: true });
});

/** Opens a file from the Explorer tree (Quick Open's file search is ripgrep, absent here). */
async function openFromExplorer(folder: string, file: string): Promise<void> {
  const page = workbench.page;
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: folder }).first().click();
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.dblclick();
  await page.locator(`.tab[aria-label^="${file}"], .tab:has-text("${file}")`).first().waitFor({ timeout: 15_000 });
}

test('without rg, a never-opened values file shows secret-namespace, and editing the Secret it names fixes it', async () => {
  // Opening a YAML file activates the extension (workspaceContains: activation needs the search
  // service, ripgrep, so without rg it cannot fire on its own).
  await openFromExplorer('crossfile', 'secret-default-namespace.yaml');
  await workbench.filterProblems('**/values-wrong-namespace.yaml');
  const row = await workbench.waitForProblem('secret-namespace', 90_000);
  assert.match(row, /general-tls-default-ns/);
  await workbench.screenshot('no-rg-never-opened-finding');

  // The Secret's editor is still the active one; a hover the Problems panel left open goes first.
  await workbench.page.keyboard.press('Escape');
  // The line from the file itself: the editor's DOM lists its lines in no reliable order.
  const line = fs.readFileSync(path.join(workbench.workspace, 'crossfile', 'secret-default-namespace.yaml'), 'utf8').split('\n').findIndex((l) => l.trim() === 'namespace: default');
  assert.ok(line >= 0, 'the Secret names namespace default');
  await workbench.goTo(line + 1, 1);
  await workbench.page.keyboard.press('End');
  for (let i = 0; i < 'default'.length; i++) await workbench.page.keyboard.press('Backspace');
  await workbench.page.keyboard.type('kuma-system');
  await workbench.page.locator('.view-line', { hasText: 'namespace: kuma-system' }).waitFor({ timeout: 10_000 });

  const rows = await workbench.waitForNoProblem('secret-namespace');
  assert.ok(!rows.some((r) => r.includes('secret-namespace')), `the finding of the never-opened file is gone: ${rows.join(' | ')}`);
  await workbench.screenshot('no-rg-fixed-by-editing-the-secret');
});
