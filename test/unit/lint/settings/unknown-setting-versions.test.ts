// unknown-setting against the generated, version-aware catalogue: keys Kuma reads in some version,
// the Kuma version taken from the option, the file or the workspace, removed keys and their successors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CliIo } from '../../../../src/cli/io';
import { main } from '../../../../src/cli/main';
import { buildDocument } from '../../../../src/lint/model/document';
import { agreedVersion, kumaVersionsIn } from '../../../../src/lint/kuma-version';
import { LintWorkspace, lintText } from '../../../../src/lint/workspace';
import { LintOptions } from '../../../../src/lint/types';
import { applyFix } from './harness';

function unknownFindings(fileName: string, text: string, options: LintOptions = {}) {
  return lintText(`/ws/${fileName}`, text, options).filter((finding) => finding.rule === 'unknown-setting');
}

const KUMA_CP_CONFIG_WITH_PUBLIC_KEYS = [
  'apiServer:',
  '  authn:',
  '    tokens:',
  '      validator:',
  '        useSecrets: false',
  '        publicKeys:',
  '          - kid: key-1',
  '            keyFile: /keys/public.pem',
  'dpServer:',
  '  authn:',
  '    dpProxy:',
  '      dpToken:',
  '        validator:',
  '          publicKeys: []',
  '',
].join('\n');

test('list-valued *.validator.publicKeys in a kuma-cp config are settings Kuma reads', () => {
  assert.deepEqual(unknownFindings('kuma-cp.yaml', KUMA_CP_CONFIG_WITH_PUBLIC_KEYS), []);
  assert.deepEqual(unknownFindings('kuma-cp.yaml', KUMA_CP_CONFIG_WITH_PUBLIC_KEYS, { kumaVersion: '2.14' }), []);
  // The file is judged (not passed over): a misspelt sibling is reported.
  const [typo] = unknownFindings('kuma-cp.yaml', KUMA_CP_CONFIG_WITH_PUBLIC_KEYS.replace('useSecrets', 'useSecret'));
  assert.match(typo.message, /Did you mean apiServer\.authn\.tokens\.validator\.useSecrets\?/);
});

const WATCHDOG_CONFIG = [
  'multizone:',
  '  global:',
  '    kds:',
  '      grpcPort: 5685',
  '      eventBasedWatchdog:',
  '        flushInterval: 5s',
  '',
].join('\n');
const WATCHDOG_ENV = 'KUMA_MULTIZONE_GLOBAL_KDS_EVENT_BASED_WATCHDOG_FLUSH_INTERVAL=5s\n';

test('multizone.global.kds.eventBasedWatchdog.* is known with no version and on master', () => {
  assert.deepEqual(unknownFindings('kuma-cp.yaml', WATCHDOG_CONFIG), []);
  assert.deepEqual(unknownFindings('kuma-cp.env', WATCHDOG_ENV), []);
  assert.deepEqual(unknownFindings('kuma-cp.yaml', WATCHDOG_CONFIG, { kumaVersion: 'master' }), []);
  assert.deepEqual(unknownFindings('kuma-cp.env', WATCHDOG_ENV, { kumaVersion: '3.0' }), []);
});

test('multizone.global.kds.eventBasedWatchdog.* is not read by an older Kuma, and the message says when it came', () => {
  const [yamlFinding, ...moreYaml] = unknownFindings('kuma-cp.yaml', WATCHDOG_CONFIG, { kumaVersion: '2.9' });
  assert.equal(moreYaml.length, 0);
  assert.match(yamlFinding.message, /^multizone\.global\.kds\.eventBasedWatchdog\.flushInterval is not read by Kuma 2\.9 \(added in 3\.0/);
  const [envFinding] = unknownFindings('kuma-cp.env', WATCHDOG_ENV, { kumaVersion: '2.14.3' });
  assert.match(envFinding.message, /is not read by Kuma 2\.14\.3 \(added in 3\.0/);
});

test('a removed key names its successor for that version, and the rename lints clean', () => {
  const text = 'KUMA_DP_SERVER_AUTH_TYPE=dpToken\n';
  // 2.0 to 2.6 read it: with no version known, some supported Kuma does.
  assert.deepEqual(unknownFindings('kuma-cp.env', text), []);
  assert.deepEqual(unknownFindings('kuma-cp.env', text, { kumaVersion: '2.6' }), []);
  const [finding] = unknownFindings('kuma-cp.env', text, { kumaVersion: '2.9' });
  assert.match(finding.message, /not read by Kuma 2\.9: removed in 2\.7; use KUMA_DP_SERVER_AUTHN_DP_PROXY_TYPE or KUMA_DP_SERVER_AUTHN_ZONE_PROXY_TYPE\./);
  assert.deepEqual(finding.fixes.map((fix) => fix.title).slice(0, 2), ['Rename to KUMA_DP_SERVER_AUTHN_DP_PROXY_TYPE', 'Rename to KUMA_DP_SERVER_AUTHN_ZONE_PROXY_TYPE']);
  const fixed = applyFix(text, finding.fixes[0]);
  assert.equal(fixed, 'KUMA_DP_SERVER_AUTHN_DP_PROXY_TYPE=dpToken\n');
  assert.deepEqual(unknownFindings('kuma-cp.env', fixed, { kumaVersion: '2.9' }), []);
});

test('a removed YAML key names its successor by its YAML path', () => {
  const text = 'dpServer:\n  port: 5678\n  auth:\n    type: dpToken\n';
  assert.deepEqual(unknownFindings('kuma-cp.yaml', text), []);
  const [finding] = unknownFindings('kuma-cp.yaml', text, { kumaVersion: '2.8' });
  assert.match(finding.message, /^dpServer\.auth\.type is not read by Kuma 2\.8: removed in 2\.7; use dpServer\.authn\.dpProxy\.type or dpServer\.authn\.zoneProxy\.type\./);
});

test('a backported key is judged by patch: 2.9.3 does not read what 2.9.16 added', () => {
  const text = 'KUMA_CONTROL_PLANE_URL=https://cp:5678\nKUMA_CONTROL_PLANE_TLS_SKIP_VERIFY=false\n';
  const [finding] = unknownFindings('kuma-dp.env', text, { kumaVersion: '2.9.3' });
  assert.match(finding.message, /not read by Kuma 2\.9\.3 \(added in 2\.9\.16\)/);
  assert.deepEqual(unknownFindings('kuma-dp.env', text, { kumaVersion: '2.9.16' }), []);
  assert.deepEqual(unknownFindings('kuma-dp.env', text, { kumaVersion: '2.9' }), [], 'a minor without a patch gets the benefit of the doubt');
});

test('a typo still gets its did-you-mean, among the names that version reads', () => {
  const [finding] = unknownFindings('kuma-cp.env', 'KUMA_API_SERVER_HTTP_INTERFCE=127.0.0.1\n', { kumaVersion: '2.9' });
  assert.match(finding.message, /is not a setting Kuma 2\.9 reads.*Did you mean KUMA_API_SERVER_HTTP_INTERFACE\?/);
  const [untargeted] = unknownFindings('kuma-cp.env', 'KUMA_DP_SERVER_AUTHN_DP_PROXI_TYPE=dpToken\n');
  assert.match(untargeted.message, /Did you mean KUMA_DP_SERVER_AUTHN_DP_PROXY_TYPE\?/);
});

test('versions are read from install lines, Chart.yaml dependencies and image tags', () => {
  const versionsOf = (fileName: string, text: string) => kumaVersionsIn(buildDocument(`/ws/${fileName}`, text, 1));
  assert.deepEqual(versionsOf('install.sh', 'helm repo add kuma https://kumahq.github.io/charts\nhelm install --create-namespace --namespace kuma-system \\\n  --version 2.9.3 kuma kuma/kuma\n'), ['2.9.3']);
  // Kong Mesh numbers its own releases: they name no Kuma version (kong-mesh-ecs: kong/kuma-cp:2.1.1 with 2.2 keys).
  assert.deepEqual(versionsOf('install.sh', 'helm upgrade --install kong-mesh kong-mesh/kong-mesh --version=2.11.1\n'), []);
  assert.deepEqual(versionsOf('install.sh', 'helm install --version 4.2.0 prometheus prometheus-community/prometheus\n'), [], 'another chart');
  assert.deepEqual(versionsOf('install.sh', 'helm install kuma kuma/kuma --version "$KUMA_VERSION"\n'), [], 'a variable names no version');
  assert.deepEqual(versionsOf('Chart.yaml', 'apiVersion: v2\nname: mesh\nversion: 0.1.0\ndependencies:\n  - name: kuma\n    version: 2.10.4\n    repository: https://kumahq.github.io/charts\n'), ['2.10.4']);
  assert.deepEqual(versionsOf('Chart.yaml', 'apiVersion: v2\nname: mesh\nversion: 0.1.0\ndependencies:\n  - name: kuma\n    version: "^2.10.0"\n'), [], 'a caret range names no one minor');
  assert.deepEqual(versionsOf('Chart.yaml', 'apiVersion: v2\nname: mesh\nversion: 0.1.0\ndependencies:\n  - name: kuma\n    version: "~2.10.0"\n'), ['2.10']);
  assert.deepEqual(versionsOf('Chart.yaml', 'apiVersion: v2\nname: mesh\nversion: 0.1.0\ndependencies:\n  - name: kuma\n    version: " = v2.10.1 "\n'), ['v2.10.1'], 'spaces around an exact version');
  assert.deepEqual(versionsOf('Chart.yaml', 'apiVersion: v2\nname: mesh\nversion: 0.1.0\ndependencies:\n  - name: kuma\n    version: "~   2.10.0"\n'), ['2.10'], 'spaces after ~');
  assert.deepEqual(versionsOf('cp.yaml', 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: control-plane\n          image: docker.io/kumahq/kuma-cp:2.8.2\n'), ['2.8.2']);
  assert.deepEqual(versionsOf('compose.yaml', 'services:\n  dp:\n    image: "kong/kuma-dp:2.12.0"\n'), [], 'a Kong Mesh image');
  assert.deepEqual(versionsOf('compose.yaml', 'services:\n  dp:\n    image: "kumahq/kuma-dp:2.12.0"\n'), ['2.12.0']);
  assert.deepEqual(agreedVersion(['2.9.3', '2.9.4'])?.text, '2.9', 'two patches of one minor agree on the minor');
  assert.equal(agreedVersion(['2.9.3', '2.10.0']), undefined, 'two minors: no one version');
  assert.equal(agreedVersion(['2.9.3', '0.0.1']), undefined, 'a test image tag beside a release: no one version');
  assert.deepEqual(versionsOf('CHANGELOG.md', '# Changes\n\nThe kuma-cp:2.13.2 image fixes…\n\n```sh\nhelm install kuma kuma/kuma --version 2.12.1\n```\n'), ['2.12.1'], 'Markdown: fenced commands only');
});

test('image tags are found on every line that names one: first and last line, two on a line, CRLF, beside base64', () => {
  const versionsOf = (text: string) => kumaVersionsIn(buildDocument('/ws/images.yaml', text, 1));
  const base64Line = `  tls.crt: ${Buffer.from('x'.repeat(600)).toString('base64').replace(/(.{20})/g, '$1/')}\n`;
  assert.deepEqual(versionsOf('image: kumahq/kuma-cp:2.9.1\n'), ['2.9.1'], 'the first line');
  assert.deepEqual(versionsOf(`a: 1\n${base64Line}image: kumahq/kuma-dp:2.9.2`), ['2.9.2'], 'the last line, no line break after it');
  assert.deepEqual(versionsOf('args: "kumahq/kuma-cp:2.9.1 kumahq/kuma-dp:2.9.3"\r\nimage: kuma-cp:v2.10.0\r\n'), ['2.9.1', '2.9.3', 'v2.10.0'], 'two on one line, CRLF');
  assert.deepEqual(versionsOf('image: kumahq/kuma-cp:latest kong/kuma-cp:2.1.1 kumahq/kuma-cp:2.8.0\n'), ['2.8.0'], 'a tag that is no version, a Kong Mesh image, then a Kuma one');
  assert.deepEqual(versionsOf(`${base64Line}note: my-kuma-cp:2.9.1 is not an image of ours\n`), [], 'a name that only ends in kuma-cp');
});

test('the workspace version judges env files that name none; the file\'s own version comes first', () => {
  const workspace = new LintWorkspace();
  workspace.setDocument('/ws/install.sh', 'helm install kuma kuma/kuma --namespace kuma-system --version 2.9.1\n');
  workspace.setDocument('/ws/kuma-cp.env', 'KUMA_DP_SERVER_AUTH_TYPE=dpToken\n');
  const [finding] = workspace.lint('/ws/kuma-cp.env').filter((f) => f.rule === 'unknown-setting');
  assert.match(finding.message, /not read by Kuma 2\.9\.1 \(the Kuma version this workspace installs;.*removed in 2\.7/);
  workspace.setDocument('/ws/cp.yaml', 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: control-plane\n          image: kumahq/kuma-cp:2.6.3\n          env:\n            - name: KUMA_DP_SERVER_AUTH_TYPE\n              value: dpToken\n');
  assert.deepEqual(workspace.lint('/ws/cp.yaml').filter((f) => f.rule === 'unknown-setting'), [], 'the container runs 2.6, which reads it');
  // The workspace now names 2.9.1 and 2.6.3: no one version, so any supported one counts.
  assert.deepEqual(workspace.lint('/ws/kuma-cp.env').filter((f) => f.rule === 'unknown-setting'), []);
});

test('--kuma-version judges the CLI run; a version the catalogue cannot judge is a usage error', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kuma-tls-version-'));
  try {
    writeFileSync(path.join(root, 'kuma-cp.env'), WATCHDOG_ENV);
    const run = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: root };
      return { code: await main(['lint', '--format', 'json', ...args, '.'], io), stdout, stderr };
    };
    const untargeted = await run([]);
    assert.equal(JSON.parse(untargeted.stdout).findings.filter((f: { rule: string }) => f.rule === 'unknown-setting').length, 0);
    const targeted = await run(['--kuma-version', '2.9']);
    const findings = JSON.parse(targeted.stdout).findings.filter((f: { rule: string }) => f.rule === 'unknown-setting');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /not read by Kuma 2\.9 \(added in 3\.0/);
    const bad = await run(['--kuma-version', '1.8']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid --kuma-version "1\.8"/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an example image tag in a Markdown fence judges that file only, not the workspace (kuma-website: versioned reference files)', () => {
  const workspace = new LintWorkspace();
  workspace.setDocument('/site/docs/builtin-gateway.md', '# Gateway\n\n```yaml\nspec:\n  containers:\n    - image: docker.io/kumahq/kuma-dp:2.6.2\n```\n');
  workspace.setDocument('/site/assets/2.14.x/raw/kuma-cp.yaml', 'bootstrapServer:\n  params:\n    xdsGrpcMaxReceiveMessageBytes: 4194304\n    adminPort: 9901\n');
  assert.deepEqual(
    workspace.lint('/site/assets/2.14.x/raw/kuma-cp.yaml').filter((f) => f.rule === 'unknown-setting').map((f) => f.message),
    [],
    'a 2.14 key in the 2.14 reference file is known when no install names a version',
  );
});
