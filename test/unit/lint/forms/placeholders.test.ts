// Issue 11, item 5: template placeholders are unknowable like $VAR, and a template tag at a
// line end does not break a `\` continuation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../../../src/lint/workspace';
import { InstallCommand, ProgramCommand, readCommands } from '../../../../src/lint/model/commands';
import { LineIndex } from '../../../../src/lint/model/text';
import { only, SINGLE_FILE } from '../fixtures';

const opts = SINGLE_FILE;
const commandsOf = (text: string, markdown = false) => readCommands(text, new LineIndex(text), markdown);

test('{{ … }}, {% … %} and <your-…> values are never reported as malformed', () => {
  for (const value of ['{{ .Values.tlsVersion }}', '{% raw %}x{% endraw %}', '<your-tls-version>']) {
    assert.deepEqual(only(lintText('/w/cp.env', `KUMA_GENERAL_TLS_MIN_VERSION=${value}\n`, opts), 'tls-version-invalid'), [], value);
    assert.deepEqual(only(lintText('/w/cp.env', `KUMA_GENERAL_TLS_MIN_VERSION='${value}'\n`, opts), 'tls-version-invalid'), [], `'${value}'`);
    assert.deepEqual(only(lintText('/w/dp.env', `KUMA_CONTROL_PLANE_CA_CERT=${value}\n`, opts), 'ca-cert-not-pem'), [], value);
  }
});

test('a placeholder namespace or name on a command line is unknowable', () => {
  const text = 'helm install kuma kuma/kuma -n {{ .Values.namespace }} --set controlPlane.tls.general.secretName=<your-secret>\nkubectl create secret generic general-tls -n <your-namespace> --from-file=tls.crt=a.crt\n';
  const [install, secret] = commandsOf(text) as [InstallCommand, { namespace: { dynamic: boolean; value: string } }];
  assert.equal(install.namespace?.value, '{{ .Values.namespace }}');
  assert.equal(install.namespace?.dynamic, true);
  assert.equal(install.sets[0].value.dynamic, true);
  assert.equal(secret.namespace.dynamic, true);
});

test('a template tag at a line end keeps the \\ continuation', () => {
  const liquid = '```sh\nKUMA_READINESS_PORT=9901 \\{% if_version gte:2.9.x %}KUMA_APPLICATION_PROBE_PROXY_PORT=9902 \\{% endif_version %} kuma-dp run \\\n  --cp-address=https://cp.example:5678/ \\{% if_version lte:2.8.x %}\n  --skip-verify\n```\n';
  const [dp] = commandsOf(liquid, true) as ProgramCommand[];
  assert.equal(dp.kind, 'program');
  assert.deepEqual(dp.env.map((e) => e.key), ['KUMA_READINESS_PORT', 'KUMA_APPLICATION_PROBE_PROXY_PORT']);
  assert.deepEqual(dp.options.map((o) => o.name), ['--cp-address', '--skip-verify']);
  assert.equal(only(lintText('/w/README.md', liquid, opts), 'tls-verify-disabled').length, 1);

  const helm = 'helm install kuma kuma/kuma \\\n{{- if .Values.tls }}\n  --set controlPlane.tls.general.secretName=general-tls {{ end }} \\\n  --set controlPlane.tls.general.caBundle=$(base64 -w0 < ca.crt) \\\n  -n kuma-system\n';
  const [install] = commandsOf(helm) as InstallCommand[];
  assert.deepEqual(install.sets.map((s) => s.key), ['controlPlane.tls.general.secretName', 'controlPlane.tls.general.caBundle']);
  assert.equal(install.namespace?.value, 'kuma-system');
  assert.deepEqual(only(lintText('/w/install.sh', helm, opts), 'ca-bundle-secret-pair'), []);
});
