// Debian's Chromium driven by playwright-core (never `playwright install`, which downloads a browser).
import * as fs from 'fs';
import { Browser, chromium } from 'playwright-core';

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); run: apt-get install -y chromium`);
  return found;
}

let versionPrinted = false;

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  if (!versionPrinted) {
    versionPrinted = true;
    console.log(`Browser: Chromium ${browser.version()} (${chromiumPath()})`);
  }
  return browser;
}
