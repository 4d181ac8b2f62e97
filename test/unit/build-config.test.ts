// The two webpack bundles share dist/, and a development build names the CLI's chunks while a
// production build numbers them: each bundle must clean away its own stale files (a dev build's
// chunks were packed into the .vsix and the npm package after a production build) and leave the
// other bundle's files alone (the two compilers run side by side).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';

const repoRoot = path.resolve(__dirname, '../../..');

interface BundleConfig {
  output: { path: string; filename: string; clean?: { keep?: (file: string) => boolean } };
}

const configs = require(path.join(repoRoot, 'webpack.config.js')) as BundleConfig[];

function bundleNamed(filename: string): BundleConfig {
  const found = configs.find((c) => c.output.filename === filename);
  assert.ok(found, `no bundle writes ${filename}`);
  return found;
}

test('webpack: both bundles write into one dist/ folder, each cleaning it', () => {
  const extension = bundleNamed('extension.js');
  const cli = bundleNamed('cli.js');
  assert.equal(extension.output.path, cli.output.path);
  assert.equal(typeof extension.output.clean?.keep, 'function');
  assert.equal(typeof cli.output.clean?.keep, 'function');
});

test('webpack: the CLI bundle removes its own stale chunks (named or numbered) and keeps the extension\'s files', () => {
  const keep = bundleNamed('cli.js').output.clean!.keep!;
  for (const stale of ['cli.js', 'cli.js.map', 'cli-443.js', 'cli-443.js.map', 'cli-src_pki_recipes_ts-src_pki_write_ts.js', 'cli-lint.js']) assert.equal(keep(stale), false, stale);
  for (const other of ['extension.js', 'extension.js.map']) assert.equal(keep(other), true, other);
});

test('webpack: the extension bundle removes its own stale files and keeps every CLI file', () => {
  const keep = bundleNamed('extension.js').output.clean!.keep!;
  for (const stale of ['extension.js', 'extension.js.map', 'extension-12.js']) assert.equal(keep(stale), false, stale);
  for (const other of ['cli.js', 'cli.js.map', 'cli-443.js', 'cli-lsp.js', 'cli-src_pki_inspect_ts.js.map']) assert.equal(keep(other), true, other);
});
