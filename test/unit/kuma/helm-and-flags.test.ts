import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHART_FAIL,
  HELM_TLS_VALUES,
  KUMACTL_INSTALL_TLS_FLAGS,
  KUMA_PORTS,
  PORT_HTTP_API,
  SECRET_REQUIREMENTS,
  helmValueByPath,
  helmValueMarkdown,
  installFlagByName,
  kumaPort,
  secretRequirementFor,
  settingByEnv,
  settingMarkdown,
} from '../../../src/kuma';

test('Helm values are unique and the secret contract names catalogued values', () => {
  const paths = HELM_TLS_VALUES.map((value) => value.path);
  assert.equal(new Set(paths).size, paths.length);
  for (const requirement of SECRET_REQUIREMENTS) {
    assert.ok(helmValueByPath(requirement.valuePath), requirement.valuePath);
  }
  assert.deepEqual(secretRequirementFor('controlPlane.tls.general.secretName')?.keysUnlessSet?.keys, ['ca.crt']);
  assert.deepEqual(secretRequirementFor('controlPlane.tls.kdsZoneClient.secretName')?.requiredKeys, ['ca.crt']);
});

test('kumactl install TLS flags map to catalogued Helm values', () => {
  for (const flag of KUMACTL_INSTALL_TLS_FLAGS.filter((entry) => entry.helmValue.startsWith('controlPlane.tls.'))) {
    assert.ok(helmValueByPath(flag.helmValue), flag.flag);
  }
  assert.equal(installFlagByName('--tls-general-ca-bundle')?.helmValue, 'controlPlane.tls.general.caBundle');
});

test('chart messages and ports hold the reference facts', () => {
  assert.match(CHART_FAIL.caBundleSecretPair, /^You need to send both or neither/);
  assert.equal(kumaPort(PORT_HTTP_API)?.tls, 'never');
  assert.deepEqual(KUMA_PORTS.map((port) => port.port), [5676, 5678, 5680, 5681, 5682, 5683, 5685]);
});

test('hover markdown carries both names, the default and the pitfalls', () => {
  const setting = settingByEnv('KUMA_API_SERVER_HTTP_INTERFACE')!;
  const markdown = settingMarkdown(setting);
  assert.match(markdown, /^\*\*KUMA_API_SERVER_HTTP_INTERFACE\*\* \(kuma-cp\)/);
  assert.match(markdown, /YAML: `apiServer\.http\.interface` · default: `0\.0\.0\.0`/);
  assert.match(markdown, /\*\*Note:\*\* Must not be empty/);
  assert.match(settingMarkdown(settingByEnv('KUMA_DP_SERVER_TLS_MIN_VERSION')!), /Accepted: `TLSv1_2`, `TLSv1_3`/);
  const helm = helmValueMarkdown(helmValueByPath('controlPlane.tls.kdsZoneClient.skipVerify')!);
  assert.match(helm, /default: `false`/);
  assert.match(helm, /\*since 2\.3\.0\*/);
  assert.match(helmValueMarkdown(helmValueByPath('controlPlane.tls.general.caBundle')!), /default: empty/);
});
