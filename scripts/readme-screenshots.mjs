// Copies the screenshots README.md shows from the UI tests' output (test-results/ui/, written by
// `npm run test:ui`) into media/readme/, so the README pictures the workbench as it is.
import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
/** media/readme/<name> ← test-results/ui/<screenshot>: the README's picture and the test step that takes it. */
const SHOWN = {
  'quick-fix.png': 'lint-quick-fix-menu.png',
  'generate.png': 'generate-files-in-explorer.png',
  'channel-secret-name.png': 'channel-secret-name-step.png',
  'channel-wrote.png': 'channel-wrote-files.png',
};

const missing = Object.values(SHOWN).filter((shot) => !existsSync(join(root, 'test-results', 'ui', shot)));
if (missing.length > 0) {
  console.error(`not in test-results/ui/ (run npm run test:ui first): ${missing.join(', ')}`);
  process.exit(1);
}
for (const [name, shot] of Object.entries(SHOWN)) {
  copyFileSync(join(root, 'test-results', 'ui', shot), join(root, 'media', 'readme', name));
  console.log(`media/readme/${name} ← test-results/ui/${shot}`);
}
