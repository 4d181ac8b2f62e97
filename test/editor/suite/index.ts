// Test entry that both launchers load inside the extension host: @vscode/test-electron
// (desktop) and test/editor/run-code-server.ts (code-server). Exports run() as they expect.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  console.log(`Running in-editor suites inside VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost})`);
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.KUMA_TLS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      console.log(`${passes + failures} in-editor tests, ${failures} failed, ${pending} pending (VS Code ${vscode.version})`);
      if (failures > 0) reject(new Error(`${failures} in-editor tests failed`));
      else if (passes === 0) reject(new Error('no in-editor test ran'));
      else resolve();
    });
  });
}
