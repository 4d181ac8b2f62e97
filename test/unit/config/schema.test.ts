// schemas/kuma-tls-config.schema.json: generated from the rule registry (fails when a rule is
// added or renamed without regenerating), contributed to the YAML extension, and agreeing with
// the CLI's own parser on valid and invalid files (validated with ajv).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { configSchema } from '../../../src/lint/config/schema';
import { parseConfig } from '../../../src/lint/config/parse';
import { allRuleMeta } from '../../../src/lint/rules';

const repoRoot = path.resolve(__dirname, '../../../..');
const schemaFile = path.join(repoRoot, 'schemas', 'kuma-tls-config.schema.json');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));

test('the schema file is what the rule registry makes (regenerate: npm run compile && node scripts/config-schema.mjs)', () => {
  assert.equal(readFileSync(schemaFile, 'utf8'), `${JSON.stringify(configSchema(), null, 2)}\n`);
  assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), allRuleMeta().map((r) => r.id).sort());
  assert.deepEqual(Object.keys(schema.properties.overrides.items.properties.rules.properties).sort(), allRuleMeta().map((r) => r.id).sort());
});

test('package.json contributes the schema for .kuma-tls.yaml to the YAML extension', () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const entry = manifest.contributes.yamlValidation.find((v: { url: string }) => v.url === './schemas/kuma-tls-config.schema.json');
  assert.ok(entry, 'yamlValidation entry');
  assert.deepEqual(entry.fileMatch, ['.kuma-tls.yaml', '.kuma-tls.yml']);
});

const VALID = [
  '',
  'rules:\n  cert-expiring: error\n  cert-weak: "off"\n',
  'ignore: fixtures/\nkumaVersion: "2.9.3"\ncontrolPlane: {namespace: mesh-system, serviceName: cp}\nexpiry: {days: 14, lifetimeFraction: 0.2}\n',
  'overrides:\n  - files: ["legacy/**"]\n    rules: {cert-expired: warning}\n    expiry: {days: 0}\n',
];
const INVALID = [
  'rules:\n  cert-expird: error\n',
  'rules:\n  cert-expiring: loud\n',
  'ignores: [a]\n',
  'expiry: {days: -1}\n',
  'expiry: {lifetimeFraction: 1.5}\n',
  'controlPlane: {namespace: Bad_Name}\n',
  'overrides:\n  - rules: {cert-weak: "off"}\n',
  'overrides:\n  - files: a\n    ignore: [b]\n',
  'rules: [cert-weak]\n',
];

test('the schema and the parser agree: valid files pass both, invalid ones fail both', () => {
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  for (const text of VALID) {
    assert.ok(validate(parse(text) ?? null), `schema rejects ${JSON.stringify(text)}: ${JSON.stringify(validate.errors)}`);
    assert.ok(!('message' in parseConfig('/r/.kuma-tls.yaml', text)), `parser rejects ${JSON.stringify(text)}`);
  }
  for (const text of INVALID) {
    assert.equal(validate(parse(text)), false, `schema accepts ${JSON.stringify(text)}`);
    assert.ok('message' in parseConfig('/r/.kuma-tls.yaml', text), `parser accepts ${JSON.stringify(text)}`);
  }
});
