import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALL_SETTINGS,
  CATALOGUE_VERSIONS,
  SETTING_RENAMES,
  resolveKumaVersion,
  settingMarkdown,
  CERT_KEY_PAIRS,
  KUMA_CP_SETTINGS,
  KUMA_CP_TOP_LEVEL_KEYS,
  KUMA_DP_SETTINGS,
  MISNAMED,
  PER_SERVER_TLS_MIN_VERSIONS,
  TLS_VERSIONS,
  isEnvNameInScope,
  isKnownYamlPath,
  isYamlPathInScope,
  settingByEnv,
  settingByYamlPath,
  suggestEnvName,
  suggestYamlPath,
} from '../../../src/kuma';

test('env names are unique, upper-case and each has a YAML twin', () => {
  const names = ALL_SETTINGS.map((setting) => setting.env);
  assert.equal(new Set(names).size, names.length);
  for (const setting of ALL_SETTINGS) {
    assert.match(setting.env, /^KUMA_[A-Z0-9_]+$/, setting.env);
    assert.match(setting.yamlPath, /^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)*$/, setting.env);
  }
  for (const setting of [...KUMA_CP_SETTINGS, ...KUMA_DP_SETTINGS]) assert.ok(setting.description.length > 10, `${setting.env} needs a description`);
});

test('YAML paths are unique per component and lead back to their env name', () => {
  for (const component of ['kuma-cp', 'kuma-dp'] as const) {
    const paths = ALL_SETTINGS.filter((setting) => setting.component === component).map((setting) => setting.yamlPath.toLowerCase());
    assert.equal(new Set(paths).size, paths.length, component);
  }
  assert.equal(settingByYamlPath('apiServer.http.interface')?.env, 'KUMA_API_SERVER_HTTP_INTERFACE');
  assert.equal(settingByYamlPath('APISERVER.HTTP.INTERFACE')?.env, 'KUMA_API_SERVER_HTTP_INTERFACE');
  assert.equal(settingByYamlPath('controlPlane.caCert', 'kuma-dp')?.env, 'KUMA_CONTROL_PLANE_CA_CERT');
  assert.equal(settingByYamlPath('controlPlane.caCert'), undefined);
});

test('every kuma-cp YAML path starts with a top-level config key', () => {
  for (const setting of KUMA_CP_SETTINGS) {
    assert.ok(KUMA_CP_TOP_LEVEL_KEYS.includes(setting.yamlPath.split('.')[0]), setting.yamlPath);
  }
});

test('the reference §3.1 rows carry their Kuma facts', () => {
  assert.equal(settingByEnv('KUMA_API_SERVER_HTTP_INTERFACE')?.defaultValue, '0.0.0.0');
  assert.equal(settingByEnv('KUMA_API_SERVER_HTTP_ENABLED')?.kind, 'bool');
  assert.equal(settingByEnv('KUMA_GENERAL_TLS_MIN_VERSION')?.defaultValue, 'TLSv1_2');
  assert.deepEqual(settingByEnv('KUMA_DP_SERVER_TLS_MAX_VERSION')?.values, TLS_VERSIONS);
  assert.equal(settingByEnv('KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED')?.defaultValue, 'false');
  assert.equal(settingByEnv('KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY')?.since, '2.3.0');
  assert.equal(settingByEnv('KUMA_API_SERVER_AUTH_CLIENT_CERTS_DIR')?.removedIn, '3.0');
  assert.ok(settingByEnv('KUMA_API_SERVER_HTTPS_TLS_MAX_VERSION')?.notes?.some((note) => /never applied/.test(note)));
  assert.equal(settingByEnv('KUMA_CONTROL_PLANE_CA_CERT')?.kind, 'pem');
  assert.equal(settingByEnv('KUMA_CONTROL_PLANE_URL')?.defaultValue, 'https://localhost:5678');
  assert.equal(settingByEnv('KUMA_BOOTSTRAP_SERVER_PARAMS_XDS_HOST')?.yamlPath, 'bootstrapServer.params.xdsHost');
  assert.equal(settingByEnv('KUMA_STORE_POSTGRES_TLS_CA_PATH')?.yamlPath, 'store.postgres.tls.caPath');
  for (const setting of ALL_SETTINGS.filter((entry) => entry.kind === 'tlsVersion')) {
    assert.deepEqual(setting.values, TLS_VERSIONS, setting.env);
  }
});

test('misnamed settings point at real settings and are not themselves in the catalogue', () => {
  assert.equal(Object.keys(MISNAMED).length, 2);
  for (const [wrong, right] of Object.entries(MISNAMED)) {
    assert.equal(settingByEnv(wrong), undefined, wrong);
    assert.ok(settingByEnv(right), right);
    assert.equal(suggestEnvName(wrong), right);
  }
});

test('cert/key pairs and per-server TLS minimums name catalogued settings', () => {
  for (const pair of CERT_KEY_PAIRS) {
    assert.ok(settingByEnv(pair.cert), pair.cert);
    assert.ok(settingByEnv(pair.key), pair.key);
  }
  assert.ok(PER_SERVER_TLS_MIN_VERSIONS.includes('KUMA_DP_SERVER_TLS_MIN_VERSION'));
  assert.ok(!PER_SERVER_TLS_MIN_VERSIONS.includes('KUMA_GENERAL_TLS_MIN_VERSION'));
  assert.equal(PER_SERVER_TLS_MIN_VERSIONS.length, 6);
});

test('the suggester corrects typos and case within the covered namespaces', () => {
  assert.equal(suggestEnvName('KUMA_API_SERVER_HTTP_INTERFCE'), 'KUMA_API_SERVER_HTTP_INTERFACE');
  assert.equal(suggestEnvName('KUMA_DP_SERVER_TLS_CERT_FIEL'), 'KUMA_DP_SERVER_TLS_CERT_FILE');
  assert.equal(suggestEnvName('kuma_api_server_http_interface'), 'KUMA_API_SERVER_HTTP_INTERFACE');
  assert.equal(suggestEnvName('KUMA_CONTROL_PLANE_CA_CERTFILE'), 'KUMA_CONTROL_PLANE_CA_CERT_FILE');
  assert.equal(suggestYamlPath('apiServer.http.interfce'), 'apiServer.http.interface');
  assert.equal(suggestEnvName('KUMA_API_SERVR_HTTP_INTERFACE'), 'KUMA_API_SERVER_HTTP_INTERFACE');
  assert.equal(suggestEnvName('KUMA_MULTIZONE_ZONE_GLOBAL_ADRESS'), 'KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS');
});

test('the suggester stays quiet outside the covered namespaces and for far-off names', () => {
  assert.equal(suggestEnvName('KUMA_XDS_SERVER_DATAPLANE_CONFIGURATION_REFRESH_INTERVAL'), undefined);
  assert.equal(suggestEnvName('KUMA_MODE'), undefined);
  assert.equal(suggestEnvName('HOME'), undefined);
  assert.equal(suggestEnvName('KUMA_API_SERVER_SOMETHING_ENTIRELY_DIFFERENT'), undefined);
  assert.equal(suggestYamlPath('xdsServer.dataplaneStatusFlushInterval'), undefined);
});

test('scope: only names under covered prefixes are judged', () => {
  assert.ok(isEnvNameInScope('KUMA_API_SERVER_HTTP_INTERFCE'));
  assert.ok(isEnvNameInScope('kuma_general_tls_cert_file'));
  assert.ok(isEnvNameInScope('KUMA_CONTROL_PLANE_CA_CERT'));
  assert.ok(!isEnvNameInScope('KUMA_GENERAL_WORK_DIR'));
  assert.ok(!isEnvNameInScope('KUMA_STORE_TYPE'));
  assert.ok(!isEnvNameInScope('KUMA_RUNTIME_KUBERNETES_INJECTOR_CNI_ENABLED'));
  assert.ok(!isEnvNameInScope('KUMA_DNS_ENABLED'));
  assert.ok(isEnvNameInScope('KUMA_DP_SEVER_TLS_CERT_FILE'), 'a typo inside the namespace part');
  assert.ok(isYamlPathInScope('apiServer.http.interface'));
  assert.ok(!isYamlPathInScope('store.type'));
  assert.ok(isKnownYamlPath('apiServer.http'));
  assert.ok(!isKnownYamlPath('apiServer.htp'));
});

test('the generated catalogue covers every minor from 2.0 and master, and the hand facts lie on real keys', () => {
  const labels = CATALOGUE_VERSIONS.map((version) => version.label);
  assert.equal(labels[0], '2.0');
  assert.equal(labels[labels.length - 1], 'master');
  labels.slice(0, -1).forEach((label, index) => assert.equal(label, `2.${index}`));
  for (const [component, hand] of [['kuma-cp', KUMA_CP_SETTINGS], ['kuma-dp', KUMA_DP_SETTINGS]] as const) {
    for (const setting of hand) {
      const generated = ALL_SETTINGS.find((entry) => entry.component === component && entry.env === setting.env);
      assert.ok(generated && generated.readBy.length > 0, `${setting.env} is in Kuma's structs`);
      assert.equal(generated.yamlPath.toLowerCase(), setting.yamlPath.toLowerCase(), setting.env);
    }
  }
  for (const rename of SETTING_RENAMES) {
    assert.ok(settingByEnv(rename.from)?.removedIn, `${rename.from} was removed`);
    for (const to of rename.to) assert.ok(settingByEnv(to)?.readBy.includes('master'), `${to} is read on master`);
  }
});

test('versions resolve to a catalogued minor, newer ones to master, older ones to none', () => {
  assert.deepEqual(resolveKumaVersion('2.9'), { label: '2.9', text: '2.9' });
  assert.deepEqual(resolveKumaVersion('v2.9.3'), { label: '2.9', text: '2.9.3', patch: 3 });
  assert.equal(resolveKumaVersion('3.0')?.label, 'master');
  assert.equal(resolveKumaVersion('master')?.label, 'master');
  assert.equal(resolveKumaVersion('1.8.1'), undefined);
  assert.equal(resolveKumaVersion('latest-ish'), undefined);
});

test('a list-valued key with no environment name gets a YAML-only hover', () => {
  const setting = settingByYamlPath('apiServer.authn.tokens.validator.publicKeys');
  assert.equal(setting?.kind, 'list');
  assert.match(settingMarkdown(setting!), /^\*\*apiServer\.authn\.tokens\.validator\.publicKeys\*\* \(kuma-cp config file only\)/);
  assert.ok(isKnownYamlPath('apiServer.authn.tokens.validator.publicKeys.kid'), 'keys inside the list are its value');
});
