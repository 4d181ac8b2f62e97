// Files with no Kuma marker are recognised by a cheap scan before any full parse, and nothing of them is kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayBeKumaFile, mayHoldKumaYaml, YAML_MARKERS } from '../../../src/lint/model/prescan';
import { seededRandom } from '../../fuzz/prng';
import { LintWorkspace } from '../../../src/lint/workspace';
import { buildDocument } from '../../../src/lint/model/document';
import { kumaVersionsIn } from '../../../src/lint/kuma-version';
import { b64, caAndLeaf, secretYaml, SINGLE_FILE } from './fixtures';

const HELM_TEMPLATE = '{{- if .Values.controlPlane.enabled }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "kuma.name" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: control-plane\n          env:\n            - name: KUMA_API_SERVER_HTTP_INTERFACE\n              value: {{ .Values.iface | quote }}\n{{- end }}\n';
const CRD = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: meshes.kuma.io\nspec:\n  versions:\n    - schema:\n        openAPIV3Schema:\n          properties:\n            secretName:\n              type: string\n            controlPlane:\n              type: object\n';
const DASHBOARD = JSON.stringify({ __inputs: [], schemaVersion: 27, title: 'Kuma CP', panels: [{ targets: [{ expr: 'sum(rate(envoy_cluster_upstream_rq{kuma_io_service="kuma-cp"}[1m]))' }] }] }, null, 2);
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  greeting: hello\n';

test('Helm templates, CRDs, Grafana dashboards and plain manifests are not parsed, lint to nothing, and keep no text', () => {
  const workspace = new LintWorkspace(SINGLE_FILE);
  const files: Record<string, string> = {
    '/repo/charts/kuma/templates/cp-deployment.yaml': HELM_TEMPLATE,
    '/repo/charts/kuma/crds/kuma.io_meshes.yaml': CRD,
    '/repo/dashboards/kuma-cp.json': DASHBOARD,
    '/repo/apps/configmap.yaml': CONFIG_MAP,
  };
  for (const [path, text] of Object.entries(files)) workspace.setDocument(path, text);
  for (const path of Object.keys(files)) {
    assert.deepEqual(workspace.lint(path), [], path);
    assert.equal(workspace.get(path), undefined, `${path}: nothing of it is kept`);
  }
  assert.equal([...workspace.documents()].length, 0);
  assert.equal(workspace.parsedDocuments, 0, 'none of them was parsed');
});

test('a CRD bundle with kind: Secret in a schema is not parsed; a Secret document beside CRDs is', () => {
  const nested = `${CRD}            certificateSecretRef:\n              properties:\n                kind:\n                  default: Secret\n              example:\n                kind: Secret\n                name: tls\n`;
  assert.equal(mayBeKumaFile('/repo/crds/gateways.yaml', nested), false);
  const { ca } = caAndLeaf();
  const withSecret = `${CRD}---\n${secretYaml('general-tls-certs', { 'ca.crt': b64(ca.certPem) })}`;
  assert.equal(mayBeKumaFile('/repo/crds/with-secret.yaml', withSecret), true);
  assert.equal(mayBeKumaFile('/repo/crds/with-secret.json', JSON.stringify({ kind: 'Secret', metadata: { name: 'x' } })), true, 'JSON is no CRD bundle by this test');
});

test('a software bill of materials (CycloneDX, SPDX) is no Kuma file, though its package names hold kuma_', () => {
  const cpe = 'cpe:2.3:a:\\@kumahq\\/kuma_gui:\\@kumahq\\/kuma_gui:3.0.0:*:*:*:*:*:*:*';
  // CycloneDX lists services too: that key is a compose file's, beside which kuma_ counts.
  const cycloneDx = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ name: '@kumahq/kuma-gui', cpe }], services: [] });
  const spdx = JSON.stringify({ spdxVersion: 'SPDX-2.3', name: 'kumahq/kuma-gui', packages: [{ externalRefs: [{ referenceLocator: cpe }] }] });
  const spdxYaml = `spdxVersion: SPDX-2.3\nname: kumahq/kuma-gui\npackages:\n  - externalRefs:\n      - referenceLocator: "${cpe}"\n`;
  assert.ok(mayHoldKumaYaml(cycloneDx), 'beside a services key the marker counts: the SBOM check is what rejects it');
  for (const [path, text] of [['/repo/kuma-gui-sbom.cyclonedx.json', cycloneDx], ['/repo/kuma-gui-sbom.spdx.json', spdx], ['/repo/sbom.spdx.yaml', spdxYaml]]) {
    assert.ok(YAML_MARKERS[1].test(text), `${path}: the kuma_ marker matches`);
    assert.equal(mayBeKumaFile(path, text), false, path);
  }
  assert.equal(mayBeKumaFile('/repo/values.json', JSON.stringify({ controlPlane: { mode: 'zone' }, bom: 'CycloneDX' })), true, 'a values file that mentions CycloneDX is still one');
});

test('Kuma files and Secret producers pass the scan and are parsed', () => {
  const { ca } = caAndLeaf();
  const kept: Record<string, string> = {
    '/repo/values.yaml': 'controlPlane:\n  mode: zone\n',
    '/repo/kong-mesh/values.yaml': 'kuma:\n  controlPlane:\n    mode: zone\n',
    '/repo/secret.yaml': secretYaml('general-tls-certs', { 'ca.crt': b64(ca.certPem) }),
    '/repo/certificate.yaml': 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: general\nspec:\n  secretName: general-tls-certs\n',
    '/repo/external.yaml': 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: general-tls-certs\n',
    '/repo/kustomization.yaml': 'secretGenerator:\n  - name: general-tls-certs\n    files: [tls.crt]\n',
    '/repo/kuma-cp.yaml': 'apiServer:\n  http:\n    interface: 0.0.0.0\n',
    '/repo/compose.yaml': 'services:\n  cp:\n    image: kumahq/kuma-cp:2.9.3\n',
    '/repo/deploy.yaml': 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cp\n          env:\n            - name: kuma_api_server_http_interface\n              value: 0.0.0.0\n',
    '/repo/Chart.yaml': 'apiVersion: v2\nname: mesh\ndependencies:\n  - name: kuma\n    version: 2.9.3\n',
    '/repo/docs/install.md': '```sh\nkumactl install control-plane | kubectl apply -f -\n```\n',
  };
  for (const [path, text] of Object.entries(kept)) assert.ok(mayBeKumaFile(path, text), path);
  const workspace = new LintWorkspace(SINGLE_FILE);
  for (const [path, text] of Object.entries(kept)) workspace.setDocument(path, text);
  assert.equal([...workspace.documents()].length, Object.keys(kept).length);
  assert.equal(workspace.parsedDocuments, Object.keys(kept).length);
});

test('a file that gains a Kuma marker is parsed from then on, and one that loses it is dropped', () => {
  const workspace = new LintWorkspace(SINGLE_FILE);
  workspace.setDocument('/w/values.yaml', 'replicas: 1\n');
  assert.equal(workspace.get('/w/values.yaml'), undefined);
  workspace.setDocument('/w/values.yaml', 'controlPlane:\n  tls:\n    general:\n      secretName: x\n');
  assert.deepEqual(workspace.lint('/w/values.yaml').map((f) => f.rule), ['ca-bundle-secret-pair']);
  workspace.setDocument('/w/values.yaml', 'replicas: 2\n');
  assert.deepEqual(workspace.lint('/w/values.yaml'), []);
  assert.equal(workspace.get('/w/values.yaml'), undefined);
});

test('env, PEM and shell files are not screened (they are cheap to read as they are)', () => {
  assert.ok(mayBeKumaFile('/w/app.env', 'APP=1\n'));
  assert.ok(mayBeKumaFile('/w/tls.crt', 'not pem'));
  assert.ok(mayBeKumaFile('/w/run.sh', 'echo hi\n'));
  assert.ok(!mayBeKumaFile('/w/README.md', '# Hello\n\n```yaml\nreplicas: 1\n```\n'));
});

test('a Markdown helm line counts only when it could install Kuma: a chart README that installs its own chart is not parsed', () => {
  const readme = (line: string): string => `# Chart\n\n## Installing\n\n\`\`\`console\n${line}\n\`\`\`\n\n\`\`\`yaml\nreplicaCount: 2\n\`\`\`\n`;
  for (const line of ['helm install my-release oci://registry-1.docker.io/bitnamicharts/redis', 'helm upgrade --install prometheus prometheus-community/prometheus', 'helm template loki grafana/loki -f values.yaml']) {
    assert.equal(mayBeKumaFile('/charts/x/README.md', readme(line)), false, line);
  }
  for (const line of [
    'helm install kuma kuma/kuma --version 2.9.3',
    'helm upgrade --install kong-mesh kong-mesh/kong-mesh',
    'helm install cp ./charts/my-mesh --set controlPlane.tls.general.secretName=general-tls-certs',
    'helm install cp ./charts/my-mesh --set kuma.controlPlane.mode=zone',
    'kubectl create secret generic general-tls-certs --from-file=ca.crt=ca.crt',
    'kumactl install control-plane | kubectl apply -f -',
    'docker run kumahq/kuma-cp:2.9.3 run',
  ]) {
    assert.equal(mayBeKumaFile('/docs/install.md', readme(line)), true, line);
  }
});

test('YAML that holds certificates but no Kuma kind (an Envoy config, a test fixture) is not parsed; the same PEM in a Secret or values is', () => {
  const { ca } = caAndLeaf();
  const indented = ca.certPem.trimEnd().replace(/^/gm, '          ');
  const envoy = `static_resources:\n  clusters:\n    - name: backend\n      transport_socket:\n        typed_config:\n          common_tls_context:\n            validation_context:\n              trusted_ca:\n                inline_string: |\n${indented}\n`;
  const envoyJson = JSON.stringify({ xds: { cluster: { trusted_ca: { inline_string: ca.certPem } } } }, null, 2);
  assert.ok(!mayBeKumaFile('/repo/testdata/envoy.yaml', envoy));
  assert.ok(!mayBeKumaFile('/repo/testdata/xds.golden.json', envoyJson));
  const workspace = new LintWorkspace(SINGLE_FILE);
  workspace.setDocument('/repo/testdata/envoy.yaml', envoy);
  assert.deepEqual(workspace.lint('/repo/testdata/envoy.yaml'), []);
  assert.equal(workspace.parsedDocuments, 0);
  // The certificate is still read wherever a Kuma kind holds it.
  assert.ok(mayBeKumaFile('/repo/secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ca\nstringData:\n  ca.crt: |\n${indented}\n`));
  assert.ok(mayBeKumaFile('/repo/values.yaml', `controlPlane:\n  caCert: |\n${indented}\n`));
  assert.ok(mayBeKumaFile('/repo/kuma-dp.yaml', `dataplane:\n  mesh: default\ncontrolPlane:\n  caCert: |\n${indented}\n`));
  assert.ok(mayBeKumaFile('/repo/ca.pem', ca.certPem));
});

test('another chart\'s values with secretName keys (Ingress TLS, existing Secrets) are not parsed; a cert-manager Certificate and Kuma\'s values are', () => {
  const otherChart = 'ingress:\n  enabled: true\n  tls: true\n  secretName: my-app-tls\nauth:\n  existingSecret: ""\nmetrics:\n  serviceMonitor:\n    tlsConfig:\n      secretName: scrape-tls\n';
  assert.ok(!mayBeKumaFile('/repo/charts/my-app/values.yaml', otherChart));
  const workspace = new LintWorkspace(SINGLE_FILE);
  workspace.setDocument('/repo/charts/my-app/values.yaml', otherChart);
  assert.deepEqual(workspace.lint('/repo/charts/my-app/values.yaml'), []);
  assert.equal(workspace.parsedDocuments, 0);
  assert.ok(mayBeKumaFile('/repo/cert.yaml', 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: general\nspec:\n  secretName: general-tls-certs\n'));
  assert.ok(mayBeKumaFile('/repo/cert.json', '{"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "spec": {"secretName": "general-tls-certs"}}'));
  assert.ok(mayBeKumaFile('/repo/kuma/values.yaml', 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n'));
});

test('the markers as one expression answer as the markers one by one, on 20,000 random texts; kuma_ in any case but kuma_io_', () => {
  const random = seededRandom(44);
  const pieces = ['controlPlane', 'controlPlane:', 'controlPlanes', 'controlPlaneRef:', '{', ',', 'controlplane', 'KUMA_API', 'kuma_io_service', 'Kuma_Io_x', 'kUmA_x', 'kuma-cp', 'kuma-cp:2.9.3', 'kuma-dp:v2.9', 'kumactl', 'helm install ', 'services:', '"services": ', 'kind: Deployment', '"kind": "CronJob"', 'kind: Deploy', 'containerDefinitions', 'ContainerDefinitions', 'kind: Secret', 'kind: "Secret"', 'kind: Secrets', '"kind": "Certificate"', 'kind: CertificateRequest', 'ExternalSecret', 'secretGenerator', 'apiServer', 'apiServer:', 'interCp', '"multizone": ', 'multizone-', 'general:', 'store:', '  runtime:', '"diagnostics": ', '\n', ' ', 'x', ':', '"', "'", 'kuma', '_io_', '#', '\n# ', '\n  #'];
  // The rule written plainly: any marker, where kuma-cp or kumactl alone counts only beside a
  // services key, an image tag or a helm install line, and a KUMA_ name alone only beside a
  // workload's kind, a services key or a task definition's containers.
  const program = YAML_MARKERS[2];
  const setting = YAML_MARKERS[1];
  const services = /(?:^|[\s{,[])["']?services["']?\s*:/m;
  const context = [services, /kuma-[cd]p:v?\d/, /\bhelm\s+install/];
  const settingContext = [services, /kind["']?\s*:\s*["']?(?:Deployment|StatefulSet|DaemonSet|Pod|Job|CronJob|ReplicaSet)\b/, /[cC]ontainerDefinitions/];
  // Markers count outside comment lines only (the context may be anywhere).
  const reference = (text: string): boolean => {
    const code = text
      .split('\n')
      .map((line) => (/^[ \t]*#/.test(line) ? '' : line))
      .join('\n');
    return (
      YAML_MARKERS.some((marker) => marker !== program && marker !== setting && marker.test(code)) ||
      (program.test(code) && context.some((c) => c.test(text))) ||
      (setting.test(code) && settingContext.some((c) => c.test(text)))
    );
  };
  let passed = 0;
  for (let round = 0; round < 20_000; round++) {
    let text = '';
    const count = 1 + random.int(6);
    for (let i = 0; i < count; i++) text += random.pick(pieces);
    const expected = reference(text);
    assert.equal(mayHoldKumaYaml(text), expected, JSON.stringify(text));
    if (expected) passed++;
    // The case-free spelling of kuma_ is the case-insensitive one.
    assert.equal(YAML_MARKERS[1].test(text), /kuma_(?!io_)/i.test(text), JSON.stringify(text));
  }
  assert.ok(passed > 5000 && passed < 19_000, `${passed} of 20,000 passed: both answers must be exercised`);
  assert.equal(program.source, 'kuma-cp|kumactl', 'the test knows which marker names the programs');
  assert.equal(setting.source, '[kK][uU][mM][aA]_(?![iI][oO]_)', 'the test knows which marker names the settings');
  // Joined into one expression, a marker's own flag would be lost: only the m flag is kept.
  for (const marker of YAML_MARKERS) assert.ok(marker.flags === '' || marker.flags === 'm', `${marker} has flags the joined expression drops`);
});

test('kuma-cp as an Envoy SAN matcher, kumactl as a page title and "multizone" as a mesh name or a word are no Kuma files; a compose service, an image tag, a helm install line and kuma-cp config sections are', () => {
  const envoyGolden = JSON.stringify({ match_subject_alt_names: [{ matcher: { exact: 'kuma-cp' } }], cluster: { name: 'kuma:envoy:admin' } }, null, 2);
  const meshInput = 'type: MeshExternalService\nname: mes\nmesh: multizone-label-validation\nspec:\n  match:\n    port: 80\n';
  const prose = '# Zones\n\nIn a multizone deployment every zone has its own control plane.\n\n```yaml\nmesh: multizone-a\n```\n';
  const navigation = 'docs:\n  - title: Reference\n    items:\n      - text: kumactl\n        url: /reference/kumactl\n      - text: kuma-cp\n        url: /reference/kuma-cp\n';
  for (const [path, text] of [['/repo/testdata/zone-proxy.golden.json', envoyGolden], ['/repo/testdata/mes.input.yaml', meshInput], ['/repo/docs/zones.md', prose], ['/repo/_data/docs_nav.yml', navigation]]) assert.equal(mayBeKumaFile(path, text), false, path);
  const workspace = new LintWorkspace(SINGLE_FILE);
  workspace.setDocument('/repo/testdata/zone-proxy.golden.json', envoyGolden);
  workspace.setDocument('/repo/testdata/mes.input.yaml', meshInput);
  assert.equal(workspace.parsedDocuments, 0);
  const kept: Record<string, string> = {
    // A kuma-cp service with no KUMA_ variable still publishes Kuma's default plain-HTTP API.
    '/repo/compose.yaml': 'services:\n  cp:\n    image: kumahq/kuma-cp\n    command: ["run"]\n    ports:\n      - "5681:5681"\n',
    '/repo/compose.json': JSON.stringify({ services: { cp: { command: ['kuma-cp', 'run'] } } }),
    '/repo/deploy.yaml': 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: kumahq/kuma-cp:2.9.3\n',
    '/repo/kuma-cp.json': JSON.stringify({ multizone: { zone: { globalAddress: 'grpcs://global:5685' } } }),
    '/repo/kuma-cp.yaml': 'interCp:\n  server:\n    port: 5683\n',
    // The versions a workflow installs count towards the workspace's Kuma version.
    '/repo/.github/workflows/e2e.yaml': 'jobs:\n  e2e:\n    steps:\n      - run: |\n          helm install kuma kuma/kuma --version 2.9.3\n          kumactl inspect zones\n',
    '/repo/.github/workflows/dp.yaml': 'jobs:\n  dp:\n    container: kumahq/kuma-dp:2.9.3\n    steps:\n      - run: kumactl version\n',
  };
  for (const [path, text] of Object.entries(kept)) assert.ok(mayBeKumaFile(path, text), path);
  for (const path of ['/repo/.github/workflows/e2e.yaml', '/repo/.github/workflows/dp.yaml']) assert.deepEqual(kumaVersionsIn(buildDocument(path, kept[path], 1)), ['2.9.3'], path);
  const compose = new LintWorkspace(SINGLE_FILE);
  compose.setDocument('/repo/compose.yaml', kept['/repo/compose.yaml']);
  assert.deepEqual(compose.lint('/repo/compose.yaml').map((f) => f.rule), ['api-server-http-exposed']);
});

test('an OpenAPI document alone in its file is not parsed, though its schemas name controlPlanes and KUMA_ settings; a second document or a nested openapi key is read as usual', () => {
  const spec = 'openapi: 3.0.1\ninfo:\n  title: Kuma API\npaths:\n  /config:\n    get:\n      responses:\n        "200":\n          description: the controlPlanes of KUMA_MULTIZONE_GLOBAL\ncomponents:\n  schemas:\n    Config:\n      properties:\n        controlPlanes:\n          type: array\n';
  assert.ok(mayHoldKumaYaml(spec), 'its text holds markers');
  assert.equal(mayBeKumaFile('/repo/docs/generated/openapi.yaml', spec), false);
  assert.equal(mayBeKumaFile('/repo/swagger.yaml', spec.replace('openapi: 3.0.1', "swagger: '2.0'").replace('components:', 'definitions:')), false);
  assert.ok(mayBeKumaFile('/repo/api-and-secret.yaml', `${spec}---\nkind: Secret\nmetadata:\n  name: general-tls-certs\n`), 'a second document');
  assert.ok(mayBeKumaFile('/repo/values.yaml', 'controlPlane:\n  mode: zone\n  openapi: 3.0\npaths:\n  - /\n'), 'openapi nested in values is a value');
});

test('a marker on a comment line lets nothing through: a commented example in another chart\'s values is not parsed, the same lines uncommented are', () => {
  const commented = 'prometheus:\n  extraSecret:\n    # Example:\n    # apiVersion: v1\n    #   kind: Secret\n    #   controlPlane: {}\n    name: ""\n';
  assert.equal(mayBeKumaFile('/repo/charts/stack/values.yaml', commented), false);
  const uncommented = commented.replace('    #   kind: Secret\n', 'kind: Secret\n');
  assert.ok(mayBeKumaFile('/repo/charts/stack/secret.yaml', uncommented));
  // A key form that starts with the line break before it is judged on its own line.
  assert.ok(mayHoldKumaYaml('# values for Kuma\ncontrolPlane:\n  mode: zone\n'));
  // Only whole comment lines are passed over: after a value, `#` may be inside quotes.
  assert.ok(mayHoldKumaYaml('name: "a # kind: Secret"\n'));
});

test('a KUMA_ name counts only where a rule reads settings: a workload, a compose service, a task definition, a Markdown env block', () => {
  // kumahq/kuma's OpenTelemetry goldens name kuma_dp_ metrics; its GitHub actions pass KUMA_ variables to test runs.
  const otelGolden = JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'kuma_dp_envoy_connections', gauge: { dataPoints: [{ asInt: '3' }] } }] }] }] }, null, 2);
  const action = 'name: run-e2e\nruns:\n  using: composite\n  steps:\n    - run: make test/e2e\n      env:\n        KUMA_DEBUG: "true"\n';
  for (const [path, text] of [['/repo/testdata/otel/gauge.golden.json', otelGolden], ['/repo/.github/actions/run-e2e/action.yml', action]]) assert.equal(mayBeKumaFile(path, text), false, path);
  const misspelt = 'KUMA_API_SERVER_HTTP_INTERFACES';
  const kept: Record<string, string> = {
    '/repo/deploy.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cp\nspec:\n  template:\n    spec:\n      containers:\n        - name: control-plane\n          image: kumahq/kuma-cp\n          env:\n            - name: ${misspelt}\n              value: 127.0.0.1\n`,
    '/repo/compose.yaml': `services:\n  cp:\n    image: kumahq/kuma-cp\n    environment:\n      - ${misspelt}=127.0.0.1\n`,
    '/repo/task.json': JSON.stringify({ family: 'cp', containerDefinitions: [{ name: 'kuma-cp', image: 'kumahq/kuma-cp', environment: [{ name: misspelt, value: '127.0.0.1' }] }] }),
    '/repo/docs/setup.md': `# Setup\n\n\`\`\`env\n${misspelt}=127.0.0.1\n\`\`\`\n`,
  };
  const workspace = new LintWorkspace(SINGLE_FILE);
  for (const [path, text] of Object.entries(kept)) {
    assert.ok(mayBeKumaFile(path, text), path);
    workspace.setDocument(path, text);
  }
  for (const path of Object.keys(kept)) assert.ok(workspace.lint(path).some((f) => f.rule === 'unknown-setting'), `${path}: the misspelt setting is still reported`);
});
