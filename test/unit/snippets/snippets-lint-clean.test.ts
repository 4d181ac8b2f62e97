import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../../src/lint/workspace';
import { renderSnippet } from './render-snippet';

interface Snippet {
  prefix: string;
  body: string[];
}

const repoRoot = path.resolve(__dirname, '../../../..');
// The file each snippet language is inserted into: the linter recognises Kuma files by name and content.
const TARGETS = { shell: 'install.sh', markdown: 'README.md', yaml: 'kuma.yaml', env: 'kuma-cp.env' } as const;
// One-setting env snippets are meant to be added to an existing kuma-cp env file, which (as the other
// env snippets do) keeps the plain-HTTP API on loopback.
const ENV_FRAGMENTS = new Set(['kuma-env-api-server-https', 'kuma-env-api-server-client-certs', 'kuma-env-mads-tls', 'kuma-env-tls-min-version']);
const KUMA_CP_ENV_BASE = 'KUMA_API_SERVER_HTTP_INTERFACE=127.0.0.1\n';

test('every snippet, inserted with its defaults, gets no warning or error from the linter', () => {
  const now = new Date();
  let linted = 0;
  for (const [language, file] of Object.entries(TARGETS)) {
    const snippets = JSON.parse(readFileSync(path.join(repoRoot, 'snippets', `${language}.code-snippets`), 'utf8')) as Record<string, Snippet>;
    for (const [name, snippet] of Object.entries(snippets)) {
      const rendered = renderSnippet(snippet.body.join('\n')).text;
      const text = ENV_FRAGMENTS.has(snippet.prefix) ? KUMA_CP_ENV_BASE + rendered : rendered;
      const findings = lintText(path.join(repoRoot, 'snippet-check', file), text, { now });
      const loud = findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}: ${f.message}`);
      assert.deepEqual(loud, [], `${language}/${name}`);
      linted++;
    }
  }
  assert.ok(linted >= 40);
});

test('the linter does flag a broken variant of a snippet (the check above is not vacuous)', () => {
  const exposed = lintText(path.join(repoRoot, 'snippet-check', TARGETS.env), 'KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0\n', { now: new Date() });
  assert.ok(exposed.some((f) => f.rule === 'api-server-http-exposed' && f.severity !== 'info'));
});
