// The four channel recipes: the files they describe and how those files agree with each other.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { CertificateAuthority, generateCa } from '../../../src/pki/generate';
import { caBundleOf, certificateFacts } from '../../../src/pki/inspect';
import { keyMatchesCert, verifies } from './support';
import { OutputFile, modeOf } from '../../../src/pki/output';
import { RecipeResult, defaultHostnames, runRecipe } from '../../../src/pki/recipes';

let general: RecipeResult;
let ca: CertificateAuthority;

function file(result: RecipeResult, relativePath: string): OutputFile {
  const found = result.files.find((each) => each.relativePath === relativePath);
  assert.ok(found, `${relativePath} missing from ${result.recipe.name}`);
  return found;
}

interface SecretDoc {
  kind: string;
  type: string;
  metadata: { name: string; namespace: string };
  data: Record<string, string>;
}

function secretOf(result: RecipeResult): SecretDoc {
  return parse(file(result, 'secret.yaml').content) as SecretDoc;
}

function decoded(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

before(async () => {
  ca = await generateCa({ commonName: 'shared-ca', keyType: 'ecdsa' });
  general = await runRecipe({ recipe: 'general', namespace: 'mesh-system', hostnames: ['cp.example.com'], keyType: 'ecdsa' });
});

test('default hostnames are what sidecars and the kube-apiserver dial', () => {
  assert.deepEqual(defaultHostnames('general'), ['kuma-control-plane.kuma-system', 'kuma-control-plane.kuma-system.svc']);
  assert.deepEqual(defaultHostnames('general', 'ns', 'cp'), ['cp.ns', 'cp.ns.svc']);
  assert.deepEqual(defaultHostnames('kdsGlobalServer'), []);
});

test('general: new CA plus leaf, files and modes', () => {
  assert.deepEqual(general.files.map((each) => each.relativePath), ['ca.crt', 'ca.key', 'tls.crt', 'tls.key', 'secret.yaml', 'values.yaml', 'install.sh']);
  assert.deepEqual(general.hostnames, ['kuma-control-plane.mesh-system', 'kuma-control-plane.mesh-system.svc', 'cp.example.com']);
  assert.equal(modeOf(file(general, 'ca.key')), 0o600);
  assert.equal(modeOf(file(general, 'tls.key')), 0o600);
  assert.equal(modeOf(file(general, 'secret.yaml')), 0o600, 'the Secret carries tls.key');
  assert.equal(modeOf(file(general, 'ca.crt')), 0o644);
  assert.equal(modeOf(file(general, 'install.sh')), 0o755);
  const leaf = certificateFacts(file(general, 'tls.crt').content);
  assert.deepEqual(leaf.dnsNames, general.hostnames);
  assert.equal(leaf.isCA, false);
  assert.ok(verifies(file(general, 'ca.crt').content, file(general, 'tls.crt').content));
  assert.ok(keyMatchesCert(file(general, 'tls.crt').content, file(general, 'tls.key').content));
});

test('general: Secret has tls.crt, tls.key, ca.crt as one-line base64 of the files, in the chosen namespace', () => {
  const secret = secretOf(general);
  assert.equal(secret.kind, 'Secret');
  assert.equal(secret.type, 'Opaque');
  assert.deepEqual(secret.metadata, { name: 'general-tls-certs', namespace: 'mesh-system' });
  assert.deepEqual(Object.keys(secret.data).sort(), ['ca.crt', 'tls.crt', 'tls.key']);
  assert.equal(decoded(secret.data['tls.crt']), file(general, 'tls.crt').content);
  assert.equal(decoded(secret.data['tls.key']), file(general, 'tls.key').content);
  assert.equal(decoded(secret.data['ca.crt']), file(general, 'ca.crt').content);
  assert.doesNotMatch(file(general, 'secret.yaml').content, /PRIVATE KEY/, 'raw PEM in data');
  assert.ok(!Object.values(secret.data).some((value) => decoded(value) === file(general, 'ca.key').content), 'CA key in the cluster');
});

test('general: values name the Secret and carry a one-line caBundle equal to base64(ca.crt)', () => {
  const values = parse(file(general, 'values.yaml').content) as { controlPlane: { tls: { general: { secretName: string; caBundle: string } } } };
  assert.equal(values.controlPlane.tls.general.secretName, 'general-tls-certs');
  assert.equal(values.controlPlane.tls.general.caBundle, caBundleOf(file(general, 'ca.crt').content));
  assert.doesNotMatch(values.controlPlane.tls.general.caBundle, /\s/);
});

test('general: install script creates the Secret and installs with secretName and base64 -w0 caBundle', () => {
  const script = file(general, 'install.sh').content;
  assert.ok(script.startsWith('#!/usr/bin/env bash\n'));
  assert.match(script, /^set -euo pipefail$/m);
  assert.match(script, /^DEFAULT_NAMESPACE=mesh-system\nNAMESPACE="\$\{NAMESPACE:-\$DEFAULT_NAMESPACE\}"$/m);
  assert.match(script, /kubectl create secret generic general-tls-certs -n "\$NAMESPACE" --from-file=tls\.crt=tls\.crt --from-file=tls\.key=tls\.key --from-file=ca\.crt=ca\.crt/);
  assert.match(script, /--set controlPlane\.tls\.general\.secretName=general-tls-certs /);
  assert.match(script, /--set "controlPlane\.tls\.general\.caBundle=\$\(base64 -w0 < ca\.crt\)"/);
  assert.match(script, /\| kubectl apply -f -/);
});

test('apiServer with a reused CA: no CA key written, kubernetes.io/tls Secret with tls.crt and tls.key only', async () => {
  const result = await runRecipe({ recipe: 'apiServer', ca, keyType: 'ecdsa' });
  assert.deepEqual(result.files.map((each) => each.relativePath), ['ca.crt', 'tls.crt', 'tls.key', 'secret.yaml', 'values.yaml', 'install.sh']);
  assert.equal(file(result, 'ca.crt').content, ca.certPem);
  const secret = secretOf(result);
  assert.equal(secret.type, 'kubernetes.io/tls');
  assert.equal(secret.metadata.name, 'api-server-tls');
  assert.deepEqual(Object.keys(secret.data).sort(), ['tls.crt', 'tls.key']);
  assert.ok(verifies(ca.certPem, decoded(secret.data['tls.crt'])));
  const values = parse(file(result, 'values.yaml').content) as { controlPlane: { tls: { apiServer: { secretName: string } } } };
  assert.equal(values.controlPlane.tls.apiServer.secretName, 'api-server-tls');
  assert.match(file(result, 'install.sh').content, /kubectl create secret tls api-server-tls -n "\$NAMESPACE" --cert=tls\.crt --key=tls\.key/);
  assert.match(file(result, 'install.sh').content, /--set controlPlane\.tls\.apiServer\.secretName=api-server-tls /);
});

test('kdsGlobalServer needs the address zones use, then sets mode global', async () => {
  await assert.rejects(runRecipe({ recipe: 'kdsGlobalServer', ca }), /kdsGlobalAddress/);
  const result = await runRecipe({ recipe: 'kdsGlobalServer', ca, hostnames: ['global.example.com', '203.0.113.9'], keyType: 'ecdsa', secretName: 'kds-tls' });
  const leaf = certificateFacts(file(result, 'tls.crt').content);
  assert.deepEqual(leaf.dnsNames, ['global.example.com']);
  assert.deepEqual(leaf.ipAddresses, ['203.0.113.9']);
  assert.equal(secretOf(result).metadata.name, 'kds-tls');
  const values = parse(file(result, 'values.yaml').content) as { controlPlane: { mode: string; tls: { kdsGlobalServer: { secretName: string } } } };
  assert.equal(values.controlPlane.mode, 'global');
  assert.equal(values.controlPlane.tls.kdsGlobalServer.secretName, 'kds-tls');
  assert.match(file(result, 'install.sh').content, /--set "controlPlane\.mode=global"/);
});

test('kdsZoneClient distributes only the CA: ca.crt in an Opaque Secret, mode zone', async () => {
  const result = await runRecipe({ recipe: 'kdsZoneClient', ca });
  assert.deepEqual(result.files.map((each) => each.relativePath), ['ca.crt', 'secret.yaml', 'values.yaml', 'install.sh']);
  const secret = secretOf(result);
  assert.equal(secret.metadata.name, 'kds-ca-certs');
  assert.equal(secret.type, 'Opaque');
  assert.deepEqual(Object.keys(secret.data), ['ca.crt']);
  assert.equal(decoded(secret.data['ca.crt']), ca.certPem);
  assert.equal(modeOf(file(result, 'secret.yaml')), 0o644);
  const values = parse(file(result, 'values.yaml').content) as { controlPlane: { mode: string; tls: { kdsZoneClient: { secretName: string } } } };
  assert.equal(values.controlPlane.mode, 'zone');
  assert.equal(values.controlPlane.tls.kdsZoneClient.secretName, 'kds-ca-certs');
  const script = file(result, 'install.sh').content;
  assert.match(script, /kubectl create secret generic kds-ca-certs -n "\$NAMESPACE" --from-file=ca\.crt=ca\.crt/);
  assert.match(script, /--set "controlPlane\.kdsGlobalAddress=\$KDS_GLOBAL_ADDRESS"/);
});

test('a bad extra hostname is refused before anything is generated', async () => {
  await assert.rejects(runRecipe({ recipe: 'general', ca, hostnames: ['bad host'] }), /invalid hostname "bad host"/);
});
