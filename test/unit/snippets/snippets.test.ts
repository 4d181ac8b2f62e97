import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { isEnvNameInScope, isKnownYamlPath, isYamlPathInScope, settingByEnv } from '../../../src/kuma';
import { SchemaNode, validate } from '../schema/mini-validator';
import { renderSnippet } from './render-snippet';

interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}

const repoRoot = path.resolve(__dirname, '../../../..');
const SNIPPET_FILES = ['shell', 'markdown', 'yaml', 'env'] as const;
type SnippetFile = (typeof SNIPPET_FILES)[number];

function load(file: SnippetFile): Record<string, Snippet> {
  const text = readFileSync(path.join(repoRoot, 'snippets', `${file}.code-snippets`), 'utf8');
  // JSON.parse keeps the last of two equal keys silently; the yaml parser (a JSON superset) refuses them.
  assert.doesNotThrow(() => parseYaml(text, { uniqueKeys: true }), `${file}: no duplicate snippet names`);
  return JSON.parse(text) as Record<string, Snippet>;
}

const snippets = Object.fromEntries(SNIPPET_FILES.map((f) => [f, load(f)])) as Record<SnippetFile, Record<string, Snippet>>;
const rendered = (s: Snippet) => renderSnippet(s.body.join('\n'));
const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/kuma-helm-values.schema.json'), 'utf8')) as SchemaNode;

function schemaNodeAt(dotted: string): SchemaNode | undefined {
  let current: SchemaNode | undefined = schema;
  for (const key of dotted.split('.')) {
    const next: SchemaNode | boolean | undefined = current?.properties?.[key] ?? current?.additionalProperties;
    current = typeof next === 'object' ? next : undefined;
  }
  return current;
}

function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

test('every snippet has a kuma- prefix, a body and a description; prefixes are unique per file', () => {
  for (const file of SNIPPET_FILES) {
    const entries = Object.entries(snippets[file]);
    assert.ok(entries.length >= 4, `${file} has snippets`);
    const prefixes = new Set<string>();
    for (const [name, s] of entries) {
      assert.match(s.prefix, /^kuma-[a-z0-9-]+$/, `${file}/${name} prefix`);
      assert.ok(!prefixes.has(s.prefix), `${file}: prefix ${s.prefix} is unique`);
      prefixes.add(s.prefix);
      assert.ok(Array.isArray(s.body) && s.body.length > 1 && s.body.every((l) => typeof l === 'string'), `${file}/${name} body`);
      assert.ok(typeof s.description === 'string' && s.description.length > 20, `${file}/${name} description`);
      assert.deepEqual(Object.keys(s).sort(), ['body', 'description', 'prefix'], `${file}/${name} keys`);
    }
  }
});

test('mirrored tab stops share one default, and no body uses a snippet variable', () => {
  for (const file of SNIPPET_FILES) {
    for (const [name, s] of Object.entries(snippets[file])) {
      const { defaults } = rendered(s);
      for (const [stop, values] of defaults) {
        assert.equal(new Set(values).size, 1, `${file}/${name}: tab stop ${stop} defaults ${values.join(' / ')}`);
      }
    }
  }
});

test('no snippet line-wraps base64: every base64 call is base64 -w0', () => {
  for (const file of SNIPPET_FILES) {
    for (const [name, s] of Object.entries(snippets[file])) {
      const text = rendered(s).text;
      assert.ok(!text.includes('| base64)'), `${file}/${name}`);
      // A base64 command (not the word in prose) is followed by a redirect, a pipe or the end of a substitution.
      const wrapping = /\bbase64(?!\s+-w0)(?=\s*(?:<|\||\)|$))/m.exec(text);
      assert.equal(wrapping, null, `${file}/${name}: base64 without -w0`);
      assert.ok(!/\| *base64 *\)/.test(text), `${file}/${name}`);
    }
  }
});

test('shell snippets render to text that bash -n accepts', () => {
  for (const [name, s] of Object.entries(snippets.shell)) {
    const script = rendered(s).text;
    const result = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    assert.equal(result.status, 0, `${name}: ${result.stderr}\n${script}`);
    // bash -n accepts a lost continuation (the next line becomes its own command), so check them too.
    const lines = script.split('\n');
    lines.forEach((line, i) => {
      if (lines[i + 1]?.startsWith('  ')) assert.ok(line.endsWith(' \\'), `${name}: line ${i + 1} continues`);
    });
  }
});

test('Markdown snippets are the shell snippets in a sh fence', () => {
  assert.deepEqual(Object.keys(snippets.markdown).sort(), Object.keys(snippets.shell).sort());
  for (const [name, md] of Object.entries(snippets.markdown)) {
    const sh = snippets.shell[name];
    assert.equal(md.prefix, sh.prefix);
    const shellLines = sh.body.filter((l) => l !== '$0');
    assert.deepEqual(md.body, ['```sh', ...shellLines, '```', '$0'], name);
  }
});

test('shell snippets cover every command of the guide with Kuma\'s names and ports', () => {
  const all = Object.values(snippets.shell).map((s) => rendered(s).text).join('\n');
  const required = [
    'kumactl generate tls-certificate',
    '--type=server',
    '--key-type=rsa',
    'cp /tmp/tls.crt /tmp/ca.crt',
    'kubectl create secret generic general-tls-certs -n kuma-system',
    '--from-file=tls.crt=/tmp/tls.crt',
    '--from-file=tls.key=/tmp/tls.key',
    '--from-file=ca.crt=/tmp/ca.crt',
    'kubectl create secret tls api-server-tls -n kuma-system',
    'kubectl create secret tls kds-server-tls -n kuma-system',
    'kubectl create secret generic kds-ca-certs -n kuma-system',
    'kumactl install control-plane',
    'helm upgrade --install kuma kuma/kuma',
    '--namespace kuma-system --create-namespace',
    '"controlPlane.tls.general.caBundle=$(base64 -w0 < /tmp/ca.crt)"',
    '"controlPlane.envVars.KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED=true"',
    'kumactl config control-planes add',
    '--address=https://kuma-control-plane.kuma-system:5682',
    '--ca-cert-file=/tmp/ca.crt',
  ];
  for (const fragment of required) assert.ok(all.includes(fragment), `covers ${fragment}`);
  const hostnames = [...all.matchAll(/--hostname=(\S+)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(hostnames)].sort(), ['kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc']);
  for (const m of all.matchAll(/ -n (\S+)/g)) assert.equal(m[1], 'kuma-system');
});

test('every --set path of the install snippets is a value of the chart schema', () => {
  let count = 0;
  for (const [name, s] of Object.entries(snippets.shell)) {
    for (const m of rendered(s).text.matchAll(/--set "([^="]+)=([^"]*)"/g)) {
      count++;
      assert.ok(schemaNodeAt(m[1]), `${name}: --set ${m[1]}`);
      if (m[1].startsWith('controlPlane.envVars.')) {
        const env = m[1].slice('controlPlane.envVars.'.length);
        assert.ok(settingByEnv(env), `${name}: ${env} is a Kuma setting`);
      }
    }
  }
  assert.ok(count >= 10);
});

test('YAML snippets parse; values snippets validate against the schema; Secrets have the right keys and types', () => {
  const secrets: Record<string, { type: string; keys: string[] }> = {};
  for (const [name, s] of Object.entries(snippets.yaml)) {
    const docs = parseAllDocuments(rendered(s).text);
    assert.equal(docs.length, 1, name);
    const [doc] = docs;
    assert.ok(!('empty' in doc));
    assert.deepEqual(doc.errors, [], name);
    const value = doc.toJS() as Record<string, unknown>;
    if ('controlPlane' in value) {
      assert.deepEqual(validate(schema, value), [], name);
    } else if (value.kind === 'Secret') {
      const data = value.data as Record<string, string>;
      const metadata = value.metadata as Record<string, string>;
      assert.equal(metadata.namespace, 'kuma-system', name);
      for (const v of Object.values(data)) assert.match(v, /^\$\{[A-Z0-9_]+\}$/, `${name}: placeholder`);
      secrets[metadata.name] = { type: value.type as string, keys: Object.keys(data).sort() };
    } else {
      for (const leaf of leafPaths(value)) {
        assert.ok(leaf === 'mode' || isKnownYamlPath(leaf), `${name}: kuma-cp config key ${leaf}`);
      }
    }
  }
  assert.deepEqual(secrets, {
    'general-tls-certs': { type: 'Opaque', keys: ['ca.crt', 'tls.crt', 'tls.key'] },
    'api-server-tls': { type: 'kubernetes.io/tls', keys: ['tls.crt', 'tls.key'] },
    'kds-server-tls': { type: 'kubernetes.io/tls', keys: ['tls.crt', 'tls.key'] },
    'kds-ca-certs': { type: 'Opaque', keys: ['ca.crt'] },
  });
  const apiServer = parseYaml(rendered(snippets.yaml['kuma-cp config: plain-HTTP API server on loopback']).text);
  assert.equal(apiServer.apiServer.http.interface, '127.0.0.1');
  assert.ok(isYamlPathInScope('apiServer.http.interface'));
});

test('env snippets are NAME=value lines naming Kuma settings', () => {
  const names = new Set<string>();
  for (const [name, s] of Object.entries(snippets.env)) {
    const lines = rendered(s).text.split('\n').filter((l) => l !== '');
    for (const line of lines) {
      const m = /^([A-Z][A-Z0-9_]*)=(\S+)$/.exec(line);
      assert.ok(m, `${name}: ${line}`);
      const env = m[1];
      names.add(env);
      assert.ok(settingByEnv(env) || (!isEnvNameInScope(env) && env === 'KUMA_MODE'), `${name}: ${env} is a Kuma setting`);
      if (env.endsWith('_ADDRESS')) assert.match(m[2], /^grpcs:\/\//);
      if (env === 'KUMA_CONTROL_PLANE_URL') assert.match(m[2], /^https:\/\/kuma-control-plane\.kuma-system:5678$/);
    }
  }
  for (const env of [
    'KUMA_GENERAL_TLS_CERT_FILE', 'KUMA_GENERAL_TLS_KEY_FILE', 'KUMA_API_SERVER_HTTP_INTERFACE',
    'KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED', 'KUMA_MULTIZONE_ZONE_KDS_ROOT_CA_FILE', 'KUMA_API_SERVER_HTTPS_TLS_CA_FILE',
  ]) {
    assert.ok(names.has(env), `covers ${env}`);
  }
  assert.ok(!names.has('KUMA_API_SERVER_HTTPS_CLIENT_CERTS_CA_FILE'));
});

test('snippets/README.md lists every prefix, and its example is what the snippet inserts', () => {
  const readme = readFileSync(path.join(repoRoot, 'snippets/README.md'), 'utf8');
  for (const file of SNIPPET_FILES) {
    for (const s of Object.values(snippets[file])) assert.ok(readme.includes(`| \`${s.prefix}\` |`), `${file}: ${s.prefix} listed`);
  }
  const example = /```sh\n([\s\S]*?)```/.exec(readme);
  assert.ok(example);
  const installGeneral = Object.values(snippets.shell).find((s) => s.prefix === 'kuma-install-general');
  assert.ok(installGeneral);
  assert.equal(example[1], rendered(installGeneral).text);
});

test('shell and env prefixes are disjoint, so both files can serve shellscript (VS Code maps .env.* and .envrc to it)', () => {
  const shell = new Set(Object.values(snippets.shell).map((s) => s.prefix));
  for (const s of Object.values(snippets.env)) assert.ok(!shell.has(s.prefix), s.prefix);
});
