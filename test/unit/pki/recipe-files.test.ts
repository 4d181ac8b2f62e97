// Hostile values straight into the recipe serialisers (past the validation runRecipe does): the
// YAML keeps exactly its keys, and the install script, run with stub kubectl/kumactl/helm,
// passes each value as one argument and runs nothing else.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CertificateAuthority, generateCa } from '../../../src/pki/generate';
import { NameError } from '../../../src/pki/names';
import { RECIPES, RECIPE_NAMES, runRecipe } from '../../../src/pki/recipes';
import { helmValues, installScript, secretManifest } from '../../../src/pki/recipeFiles';
import { shellQuote } from '../../../src/pki/serialise';
import { removeDir, scratchDir } from './support';

const HOSTILE = [
  'x;touch PWNED;#',
  '$(touch PWNED)',
  '`touch PWNED`',
  "a'b\"c",
  "'; touch PWNED; '",
  'line\ninjected: true\n  nested: x',
  'value # comment',
  'key: value',
  '{{ .Values.x }}',
  '- item',
  '*alias',
  '!!binary AAAA',
  'a,controlPlane.mode=global',
  '',
];

let ca: CertificateAuthority;
let dir: string;

before(async () => {
  ca = await generateCa({ commonName: 'hostile-ca', keyType: 'ecdsa' });
  dir = scratchDir();
});
after(() => removeDir(dir));

test('shellQuote leaves plain words bare and single-quotes the rest', () => {
  assert.equal(shellQuote('general-tls-certs'), 'general-tls-certs');
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.equal(execFileSync('bash', ['-c', `printf %s ${shellQuote("a'b $(x) \n`c`")}`], { encoding: 'utf8' }), "a'b $(x) \n`c`");
});

test('hostile Secret names and namespaces stay one YAML scalar each', () => {
  for (const recipeName of RECIPE_NAMES) {
    const recipe = RECIPES[recipeName];
    for (const value of HOSTILE) {
      const context = { recipe, namespace: value, secretName: value, caPem: ca.certPem };
      const secret = parse(secretManifest(context, { 'ca.crt': ca.certPem })) as Record<string, unknown>;
      assert.deepEqual(Object.keys(secret), ['apiVersion', 'kind', 'metadata', 'type', 'data'], `${recipeName} ${JSON.stringify(value)}`);
      assert.deepEqual(secret.metadata, { name: value, namespace: value });
      assert.deepEqual(Object.keys(secret.data as object), ['ca.crt']);
      const values = parse(helmValues(context)) as { controlPlane: { tls: Record<string, Record<string, string>> } };
      assert.deepEqual(Object.keys(values), ['controlPlane']);
      assert.deepEqual(Object.keys(values.controlPlane.tls), [recipeName]);
      assert.equal(values.controlPlane.tls[recipeName].secretName, value);
    }
  }
});

function stubTools(folder: string): string {
  const bin = path.join(folder, 'bin');
  mkdirSync(bin);
  for (const tool of ['kubectl', 'kumactl', 'helm']) {
    // One file per call (the two ends of a pipe run at once), each argument NUL-terminated, so
    // the test sees word boundaries exactly.
    const stub = path.join(bin, tool);
    writeFileSync(stub, `#!/usr/bin/env bash\nprintf '%s\\0' ${tool} "$@" > "$(mktemp -p "$STUB_LOG")"\ncat > /dev/null\n`);
    chmodSync(stub, 0o755);
  }
  return bin;
}

test('install scripts with hostile values parse, run, pass each value as one argument and create no file', () => {
  let run = 0;
  for (const recipeName of RECIPE_NAMES) {
    for (const value of HOSTILE.filter((each) => each !== '')) {
      run += 1;
      const folder = path.join(dir, `run-${run}`);
      mkdirSync(folder);
      const bin = stubTools(folder);
      const script = path.join(folder, 'install.sh');
      writeFileSync(script, installScript({ recipe: RECIPES[recipeName], namespace: value, secretName: value, caPem: ca.certPem }));
      writeFileSync(path.join(folder, 'ca.crt'), ca.certPem);
      execFileSync('bash', ['-n', script]);
      const log = path.join(dir, `log-${run}`);
      mkdirSync(log);
      execFileSync('bash', [script], {
        cwd: folder,
        env: { PATH: `${bin}:${process.env.PATH}`, STUB_LOG: log, ZONE: 'zone-1', KDS_GLOBAL_ADDRESS: 'grpcs://global:5685' },
        stdio: 'pipe',
      });
      const label = `${recipeName} ${JSON.stringify(value)}`;
      assert.deepEqual(readdirSync(folder).sort(), ['bin', 'ca.crt', 'install.sh'], label);
      const calls = readdirSync(log).map((name) => readFileSync(path.join(log, name), 'utf8').split('\0').slice(0, -1));
      const createSecret = calls.find((args) => args[0] === 'kubectl' && args[1] === 'create' && args[2] === 'secret');
      assert.ok(createSecret, label);
      assert.equal(createSecret[4], value, `${label}: the Secret name is one argument`);
      assert.equal(createSecret[createSecret.indexOf('-n') + 1], value, `${label}: the namespace is one argument`);
      const install = calls.find((args) => args[0] === 'kumactl');
      assert.ok(install, label);
      const setSecret = install.find((arg) => arg.startsWith(`controlPlane.tls.${recipeName}.secretName=`));
      assert.ok(setSecret !== undefined, label);
      assert.doesNotMatch(setSecret.slice(setSecret.indexOf('=') + 1), /(?<!\\)[,{[]/, `${label}: --set value escaped for Helm`);
    }
  }
});

test('runRecipe refuses names that are not Kubernetes names, for every recipe, before generating anything', async () => {
  for (const recipe of RECIPE_NAMES) {
    const hostnames = ['global.example.com'];
    await assert.rejects(runRecipe({ recipe, ca, hostnames, secretName: 'x;touch PWNED;#' }), (error: unknown) => error instanceof NameError && /^secretName: .* DNS-1123 subdomain/.test(error.message));
    await assert.rejects(runRecipe({ recipe, ca, hostnames, namespace: 'ns\nkey: x' }), (error: unknown) => error instanceof NameError && /^namespace: "ns\\nkey: x" is not a valid Kubernetes namespace/.test(error.message));
    await assert.rejects(runRecipe({ recipe, ca, hostnames, serviceName: '9cp' }), /serviceName: .*DNS-1035/);
  }
  await assert.rejects(runRecipe({ recipe: 'webhook' as never, ca }), /unknown recipe "webhook"/);
});
