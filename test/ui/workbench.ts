// Drives the real VS Code workbench (code-server) in Chromium the way a person would:
// Quick Open, the command palette, the Problems panel, the light bulb, completion.
// The extension under test is the packaged .vsix, installed with --install-extension.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { REPO_ROOT, RunningEditor, codeServerCli, startEditor } from '../support/codeServer';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'ui');
const EXTENSION_ID = 'kuma-tls.kuma-tls';

export function vsixPath(): string {
  const vsix = process.env.KUMA_TLS_VSIX ?? path.join(REPO_ROOT, 'out', 'kuma-tls.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run "npm run package" first (npm run test:ui does)`);
  return vsix;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly workspace: string,
    private readonly editor: RunningEditor,
    private readonly browser: Browser,
  ) {}

  /** Installs the .vsix into a fresh editor, opens a copy of examples/ and waits for the workbench. */
  static async open(settings: Record<string, unknown> = {}): Promise<Workbench> {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kuma-tls-ui-'));
    fs.cpSync(path.join(REPO_ROOT, 'examples'), workspace, { recursive: true });
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuma-tls-ui-user-'));
    const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuma-tls-ui-ext-'));
    // Installed before the server starts: a running server does not pick up new extensions.
    codeServerCli(['--install-extension', vsixPath()], { userDataDir, extensionsDir });
    const editor = await startEditor({ folder: workspace, userDataDir, extensionsDir, settings });
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // A hang guard, not a timed assertion: an action on an element that never comes fails the
    // test with the selector it waited for instead of stalling the suite.
    page.setDefaultTimeout(90_000);
    await page.goto(`${editor.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
    return new Workbench(page, workspace, editor, browser);
  }

  installedExtensions(): string[] {
    return codeServerCli(['--list-extensions'], {
      userDataDir: this.editor.userDataDir,
      extensionsDir: this.editor.extensionsDir,
    })
      .split('\n')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
  }

  static readonly extensionId = EXTENSION_ID;

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.editor.stop();
    fs.rmSync(this.workspace, { recursive: true, force: true });
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Quick Open (Ctrl+P), type the path, pick the file: how a person opens a file. The row picked
   * is the one that shows this file (its name, and its folder as the description), not whichever
   * row comes first: the list can still show recently opened files, or several values.yaml.
   */
  async openFile(relativePath: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(relativePath);
    const folder = path.dirname(relativePath);
    let row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relativePath) });
    if (folder !== '.') row = row.filter({ hasText: folder });
    await row.first().click();
    const tabName = path.basename(relativePath);
    await this.page.locator(`.tab[aria-label^="${tabName}"], .tab:has-text("${tabName}")`).first().waitFor();
    await this.page.locator('.monaco-editor .view-lines').first().waitFor();
  }

  /** The command palette (F1), type the title, Enter. */
  async runCommand(title: string, timeoutMs = 60_000): Promise<void> {
    // The palette lists the commands known when it opens; the extension host may still be
    // starting, so a person (and this test) closes it and tries again.
    const deadline = Date.now() + timeoutMs;
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    for (;;) {
      await this.focusWorkbench();
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ timeout: 3_000 });
        break;
      } catch (error) {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline) throw error;
        await this.page.waitForTimeout(1_000);
      }
    }
    await this.page.keyboard.press('Enter');
  }

  /**
   * code-server's open dialog is a quick input that holds a path, with an OK button labelled
   * `okLabel`: type the folder and accept it. Enter accepts the typed path only once the dialog
   * lists that folder; pressed while it still lists the one it opened in (a slow CI run did
   * this), Enter opens that listing's highlighted entry instead and the dialog stays. A person
   * then types the path again, and so does this helper, until the dialog closes.
   */
  async acceptOpenDialog(folder: string, okLabel: string, timeoutMs = 60_000): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    const okButton = this.page.locator('.quick-input-widget .monaco-button', { hasText: okLabel }).first();
    await okButton.waitFor();
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      await input.fill(`${folder}/`);
      await this.page.waitForTimeout(500 * attempt);
      await this.page.keyboard.press('Enter');
      try {
        await okButton.waitFor({ state: 'hidden', timeout: 5_000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          await this.screenshot('open-dialog-not-accepted');
          throw error;
        }
      }
    }
  }

  /** Rows of the Problems panel as a person reads them. */
  async problems(): Promise<string[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await this.focusWorkbench();
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor();
    }
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    return rows.allInnerTexts();
  }

  /** Types into the Problems panel's filter box, as a person narrows a long list to one file. */
  async filterProblems(glob: string): Promise<void> {
    await this.problems();
    const filter = this.page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
    // A box filled while the panel is still laying out can drop the text (a CI run showed the
    // whole list): fill until the box holds it, as a person retypes what did not take.
    for (let attempt = 0; attempt < 5; attempt++) {
      await filter.fill(glob);
      await this.page.waitForTimeout(500);
      if ((await filter.inputValue()) === glob) break;
    }
  }

  async waitForProblem(text: string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last: string[] = [];
    while (Date.now() < deadline) {
      last = await this.problems();
      const hit = last.find((row) => row.includes(text));
      if (hit) return hit;
      await this.page.waitForTimeout(300);
    }
    throw new Error(`no problem containing "${text}" appeared; the Problems panel shows:\n${last.join('\n')}`);
  }

  /** Waits until no row of the Problems panel contains `text`; returns the rows then (a hang guard, not a timing check). */
  async waitForNoProblem(text: string, timeoutMs = 30_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let rows = await this.problems();
    while (rows.some((r) => r.includes(text)) && Date.now() < deadline) {
      await this.page.waitForTimeout(300);
      rows = await this.problems();
    }
    return rows;
  }

  editorText(): Promise<string> {
    return this.page.locator('.monaco-editor .view-lines').first().innerText();
  }

  /** Moves the cursor with Ctrl+G (Go to Line) to line:column, both 1-based. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.locator('.monaco-editor textarea').first().focus();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
  }

  /** The quick input's title bar once it shows `text` (VS Code appends "(step/total)" to the title). */
  async quickInputTitle(text: string | RegExp, timeoutMs = 20_000): Promise<string> {
    const title = this.page.locator('.quick-input-widget .quick-input-title', { hasText: text }).first();
    await title.waitFor({ timeout: timeoutMs });
    return title.innerText();
  }

  /** What the quick input's box holds now (an input box's value, a pick's filter text). */
  quickInputValue(): Promise<string> {
    return this.page.locator('.quick-input-widget input').first().inputValue();
  }

  /** The Back arrow a multi-step input shows from its second step, clicked as a person would. */
  async quickInputBack(): Promise<void> {
    await this.page.locator('.quick-input-widget .quick-input-titlebar .action-label[aria-label^="Back"]').first().click();
  }

  /** A modal dialog whose message contains `text`, once it is shown. */
  async dialog(text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
    const box = this.page.locator('.monaco-dialog-box', { hasText: text }).first();
    await box.waitFor({ timeout: timeoutMs });
    return box;
  }

  /** A notification toast whose text contains `text`, once it is shown. */
  async notification(text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
    const toast = this.page.locator('.notification-toast', { hasText: text }).first();
    await toast.waitFor({ timeout: timeoutMs });
    return toast;
  }

  private async focusWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 } }).catch(() => undefined);
  }
}

/** Opens the quick-fix menu at the cursor (Ctrl+.) and picks the action whose title contains `title`. */
export async function applyQuickFix(workbench: Workbench, title: string, screenshot?: string): Promise<void> {
  const page = workbench.page;
  await page.keyboard.press('Control+.');
  const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  await item.waitFor({ timeout: 15_000 });
  if (screenshot) await workbench.screenshot(screenshot);
  // A person moves through the menu with the arrow keys (a pointer block covers it for clicks).
  const focused = page.locator('.action-widget .monaco-list-row.focused');
  for (let i = 0; i < 20 && !((await focused.getAttribute('aria-label').catch(() => '')) ?? '').includes(title); i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.ok(((await focused.getAttribute('aria-label')) ?? '').includes(title), `"${title}" is selected in the quick-fix menu`);
  await page.keyboard.press('Enter');
  await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}
