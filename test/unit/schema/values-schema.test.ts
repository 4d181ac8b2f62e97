import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SchemaNode, validate } from './mini-validator';

const repoRoot = path.resolve(__dirname, '../../../..');
const schemaPath = path.join(repoRoot, 'schemas/kuma-helm-values.schema.json');
const examplesDir = path.join(repoRoot, 'schemas/examples');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as SchemaNode;

// controlPlane.tls.* keys of chart v2.14.3 with their values.yaml defaults (reference §2.1).
const TLS_DEFAULTS: Record<string, unknown> = {
  'general.secretName': '',
  'general.caSecretName': '',
  'general.caBundle': '',
  'general.certManager.enabled': false,
  'general.certManager.issuerRef.name': '',
  'general.certManager.issuerRef.kind': 'Issuer',
  'apiServer.secretName': '',
  'apiServer.clientCertsSecretName': '',
  'kdsGlobalServer.secretName': '',
  'kdsGlobalServer.create': false,
  'kdsGlobalServer.cert': '',
  'kdsGlobalServer.key': '',
  'kdsZoneClient.secretName': '',
  'kdsZoneClient.create': false,
  'kdsZoneClient.cert': '',
  'kdsZoneClient.skipVerify': false,
};

function node(dotted: string): SchemaNode | undefined {
  let current: SchemaNode | undefined = schema;
  for (const key of dotted.split('.')) current = current?.properties?.[key];
  return current;
}

function errorsFor(valuesYaml: string) {
  const [doc] = parseAllDocuments(valuesYaml);
  assert.ok(doc && !('empty' in doc), 'test input is one YAML document');
  assert.deepEqual(doc.errors, []);
  return validate(schema, doc.toJS());
}

test('the schema is draft-07 JSON with an open top level', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.additionalProperties, true);
  assert.equal(node('controlPlane')?.additionalProperties, true);
});

test('every controlPlane.tls key of the chart is declared with the chart default and a description', () => {
  for (const [key, expected] of Object.entries(TLS_DEFAULTS)) {
    const declared = node(`controlPlane.tls.${key}`);
    assert.ok(declared, `controlPlane.tls.${key} is declared`);
    assert.deepEqual(declared.default, expected, `default of controlPlane.tls.${key}`);
    assert.equal(typeof declared.description, 'string', `description of controlPlane.tls.${key}`);
  }
  const dnsNames = node('controlPlane.tls.general.certManager.dnsNames');
  assert.equal((dnsNames?.default as string[]).length, 3);
});

test('the four TLS channels reject unknown keys, other parts of the chart do not', () => {
  for (const channel of ['general', 'apiServer', 'kdsGlobalServer', 'kdsZoneClient']) {
    assert.equal(node(`controlPlane.tls.${channel}`)?.additionalProperties, false, channel);
  }
  assert.deepEqual(errorsFor('controlPlane:\n  replicas: 3\n  nodeSelector: {a: b}\ncni:\n  enabled: true\n'), []);
});

test('the TLS-adjacent values are declared with the chart defaults', () => {
  assert.equal(node('controlPlane.mode')?.default, 'zone');
  assert.equal(node('controlPlane.service.type')?.default, 'ClusterIP');
  assert.equal(node('controlPlane.ingress.servicePort')?.default, 5681);
  assert.equal(node('controlPlane.kdsGlobalAddress')?.default, '');
  assert.equal(node('controlPlane.envVars')?.type, 'object');
});

test('the example values files parse and validate', () => {
  const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.yaml'));
  assert.ok(examples.length >= 4, 'examples exist');
  for (const file of examples) {
    assert.deepEqual(errorsFor(readFileSync(path.join(examplesDir, file), 'utf8')), [], file);
  }
});

test('a misspelled key inside a TLS channel is reported at its path', () => {
  assert.deepEqual(errorsFor('controlPlane:\n  tls:\n    general:\n      secretname: x\n'), [
    { path: 'controlPlane.tls.general.secretname', message: 'unknown key' },
  ]);
  assert.deepEqual(errorsFor('controlPlane:\n  tls:\n    kdsZoneClinet: {}\n'), [
    { path: 'controlPlane.tls.kdsZoneClinet', message: 'unknown key' },
  ]);
});

test('caBundle accepts one-line base64 only', () => {
  const ok = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');
  assert.deepEqual(errorsFor(`controlPlane:\n  tls:\n    general:\n      caBundle: ${ok}\n`), []);
  const wrapped = `${ok.slice(0, 20)}\n${ok.slice(20)}`;
  const bad = [
    JSON.stringify(wrapped),
    JSON.stringify('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'),
    JSON.stringify(`${ok.slice(0, 10)} ${ok.slice(10)}`),
  ];
  for (const value of bad) {
    const errors = errorsFor(`controlPlane:\n  tls:\n    general:\n      caBundle: ${value}\n`);
    assert.equal(errors.length, 1, value);
    assert.equal(errors[0].path, 'controlPlane.tls.general.caBundle');
  }
});

test('KDS certificates must be raw PEM, not base64', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  assert.deepEqual(errorsFor(`controlPlane:\n  tls:\n    kdsZoneClient:\n      create: true\n      cert: ${JSON.stringify(pem)}\n`), []);
  const errors = errorsFor(`controlPlane:\n  tls:\n    kdsZoneClient:\n      cert: ${Buffer.from(pem).toString('base64')}\n`);
  assert.deepEqual(errors.map((e) => e.path), ['controlPlane.tls.kdsZoneClient.cert']);
});

test('wrong types and enum values are reported', () => {
  const errors = errorsFor([
    'controlPlane:',
    '  mode: standalon',
    '  kdsGlobalAddress: https://global:5685',
    '  service:',
    '    type: External',
    '  ingress:',
    '    servicePort: 80',
    '  tls:',
    '    kdsZoneClient:',
    '      skipVerify: "false"',
    '',
  ].join('\n'));
  assert.deepEqual(errors.map((e) => e.path).sort(), [
    'controlPlane.ingress.servicePort',
    'controlPlane.kdsGlobalAddress',
    'controlPlane.mode',
    'controlPlane.service.type',
    'controlPlane.tls.kdsZoneClient.skipVerify',
  ]);
});

test('envVars takes any variable with a scalar value', () => {
  assert.deepEqual(errorsFor('controlPlane:\n  envVars:\n    KUMA_API_SERVER_HTTP_INTERFACE: 127.0.0.1\n    KUMA_X: true\n'), []);
  assert.equal(errorsFor('controlPlane:\n  envVars:\n    KUMA_X: {a: 1}\n').length, 1);
});
