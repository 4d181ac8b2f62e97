// Issue 11, "Every Kuma command is a Kuma line" and item 4: kuma-dp/kuma-cp/kumactl by absolute
// path, in docker run and with KUMA_ prefixes make a shell or Markdown file a Kuma file, and
// tls-verify-disabled fires only where there is verification to skip.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../../../src/lint/workspace';
import { buildDocument } from '../../../../src/lint/model/document';
import { Finding, Span } from '../../../../src/lint/types';
import { LineIndex } from '../../../../src/lint/model/text';
import { applyFix, only, SINGLE_FILE } from '../fixtures';

const opts = SINGLE_FILE;

function textAt(text: string, range: Span): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(range.start), lines.offset(range.end));
}

const verify = (path: string, text: string): Finding[] => only(lintText(path, text, opts), 'tls-verify-disabled');

test('kuma-dp run --skip-verify to a remote control plane: by name, by absolute path, in docker run', () => {
  for (const line of [
    'kuma-dp run --cp-address=https://cp.example:5678 --skip-verify',
    '/usr/local/bin/kuma-dp run --cp-address=https://cp.example:5678 --skip-verify',
    'docker run --rm --name kuma-dp -v /tmp:/tmp kumahq/kuma-dp:2.9.3 run --cp-address=https://cp.example:5678 --skip-verify',
    'sudo KUMA_DATAPLANE_RUNTIME_TOKEN_PATH=/tmp/t kuma-dp run \\\n  --cp-address https://cp.example:5678 \\\n  --skip-verify',
  ]) {
    const text = `#!/bin/sh\n${line}\n`;
    assert.ok(buildDocument('/w/dp.sh', text, 1).kinds.includes('shell'), line);
    const [finding, ...rest] = verify('/w/dp.sh', text);
    assert.ok(finding, line);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.equal(textAt(text, finding.range), '--skip-verify');
  }
});

test('--skip-verify=false, a loopback control plane, and http:// (info: no effect)', () => {
  assert.deepEqual(verify('/w/dp.sh', 'kuma-dp run --cp-address=https://cp.example:5678 --skip-verify=false\n'), []);
  assert.deepEqual(verify('/w/dp.sh', 'kuma-dp run --cp-address=https://127.0.0.1:5678 --skip-verify\n'), []);
  assert.deepEqual(verify('/w/dp.sh', 'kumactl config control-planes add --name local --address https://localhost:5682 --skip-verify\n'), []);
  const [info] = verify('/w/dp.sh', 'kuma-dp run --cp-address=http://cp.example:5681 --skip-verify\n');
  assert.equal(info.severity, 'info');
  assert.match(info.message, /has no effect.*http:\/\//);
  const [env] = verify('/w/dp.env', 'KUMA_CONTROL_PLANE_URL=http://cp.example:5681\nKUMA_CONTROL_PLANE_TLS_SKIP_VERIFY=true\n');
  assert.equal(env.severity, 'info');
  assert.deepEqual(verify('/w/dp.env', 'KUMA_CONTROL_PLANE_URL=https://[::1]:5678\nKUMA_CONTROL_PLANE_TLS_SKIP_VERIFY=true\n'), []);
  const config = 'controlPlanes:\n  - name: dev\n    coordinates:\n      apiServer:\n        url: http://cp.example:5681\n        skipVerify: true\n';
  assert.equal(verify('/w/kumactl.yaml', config)[0].severity, 'info');
});

test('values Kuma\'s parser reads as true count: KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY=1, TRUE; as a kuma-cp run prefix too', () => {
  for (const value of ['1', 'TRUE', 'True', 't']) {
    assert.equal(verify('/w/zone.env', `KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY=${value}\n`).length, 1, value);
  }
  assert.deepEqual(verify('/w/zone.env', 'KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY=0\n'), []);
  const text = 'KUMA_MODE=zone KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY=1 KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS=grpcs://global.example:5685 kuma-cp run\n';
  const [finding] = verify('/w/zone.sh', text);
  assert.ok(finding);
  assert.equal(textAt(text, finding.range), 'KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY=1');
  assert.equal(verify('/w/zone.sh', text.replace('grpcs://', 'grpc://'))[0].severity, 'info');
});

test('docker run -e KUMA_… of a kuma-cp image: settings of that control plane, fixes edit the line', () => {
  const text = 'docker run -d -p 5681:5681 -e KUMA_API_SERVER_HTTP_INTERFACE=0.0.0.0 kumahq/kuma-cp:2.9.3 run\n';
  const [finding] = only(lintText('/w/cp.sh', text, opts), 'api-server-http-exposed');
  assert.ok(finding);
  assert.equal(textAt(text, finding.range), '0.0.0.0');
  assert.equal(applyFix(text, finding.fixes[0]), text.replace('=0.0.0.0', '=127.0.0.1'));
});

test('a kuma-cp run prefix: a setting the scope lacks is added as another prefix', () => {
  const text = 'KUMA_GENERAL_TLS_CERT_FILE=/certs/tls.crt KUMA_GENERAL_TLS_KEY_FILE=/certs/tls.key kuma-cp run\n';
  const [finding] = only(lintText('/w/cp.sh', text, opts), 'mads-tls-disabled');
  assert.ok(finding);
  const fixed = applyFix(text, finding.fixes[0]);
  assert.equal(fixed, `KUMA_MONITORING_ASSIGNMENT_SERVER_TLS_ENABLED=true ${text}`);
  assert.deepEqual(only(lintText('/w/cp.sh', fixed, opts), 'mads-tls-disabled'), []);
  // kuma-cp migrate up reads the same env but serves nothing.
  assert.deepEqual(only(lintText('/w/cp.sh', text.replace('kuma-cp run', 'kuma-cp migrate up'), opts), 'mads-tls-disabled'), []);
});

test('a Markdown fence with only a kuma-dp line is a Kuma file', () => {
  const text = '# Run\n\n```sh\nkuma-dp run --cp-address=https://cp.example:5678 --skip-verify\n```\n';
  const [finding] = verify('/w/README.md', text);
  assert.ok(finding);
  assert.equal(finding.range.start.line, 3);
});
