// The engine around the rules: recognition, severities, suppression comments and their fix,
// rule isolation, hostile-input skips, and the workspace cache.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rule } from '../../../src/lint/rule';
import { ALL_RULES } from '../../../src/lint/rules';
import { LintWorkspace, lintText } from '../../../src/lint/workspace';
import { applyFix, b64, makeCert, NOW, SINGLE_FILE } from './fixtures';

const opts = SINGLE_FILE;
const onlySecret = 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n';

test('unrelated YAML and .env files get nothing, even with TLS-looking content', () => {
  assert.deepEqual(lintText('/w/app.yaml', 'name: x\ntls:\n  secretName: foo\ncaBundle: "!!!"\n', opts), []);
  assert.deepEqual(lintText('/w/.env', 'DATABASE_URL=postgres://x\nTLS=0.0.0.0\n', opts), []);
  const w = new LintWorkspace(opts);
  w.setDocument('/w/app.yaml', 'a: 1\n');
  assert.deepEqual(w.kindsOf('/w/app.yaml'), []);
});

test('kindsOf reports what a file was recognised as', () => {
  const w = new LintWorkspace(opts);
  w.setDocument('/w/values.yaml', onlySecret);
  w.setDocument('/w/multi.yaml', 'kind: Secret\nmetadata: {name: a}\n---\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        env:\n        - name: KUMA_MODE\n          value: zone\n');
  w.setDocument('/w/kuma-cp.env', 'KUMA_MODE=zone\n');
  w.setDocument('/w/bundle', makeCert().certPem);
  assert.deepEqual(w.kindsOf('/w/values.yaml'), ['helm-values']);
  assert.deepEqual(w.kindsOf('/w/multi.yaml'), ['secret', 'workload-env']);
  assert.deepEqual(w.kindsOf('/w/kuma-cp.env'), ['env-file']);
  assert.deepEqual(w.kindsOf('/w/bundle'), ['pem']);
});

test('severity overrides change the severity; off removes the rule', () => {
  assert.equal(lintText('/w/values.yaml', onlySecret, { ...opts, severities: { ...opts.severities, 'ca-bundle-secret-pair': 'warning' } })[0].severity, 'warning');
  assert.deepEqual(lintText('/w/values.yaml', onlySecret, { ...opts, severities: { ...opts.severities, 'ca-bundle-secret-pair': 'off' } }), []);
});

test('every finding carries "Disable <rule> for this line"; applying it suppresses the finding', () => {
  const [finding] = lintText('/w/values.yaml', onlySecret, opts);
  const disable = finding.fixes.find((f) => f.title === 'Disable ca-bundle-secret-pair for this line');
  assert.ok(disable);
  const fixed = applyFix(onlySecret, disable);
  assert.ok(fixed.includes('      # kuma-tls-disable-next-line ca-bundle-secret-pair\n      secretName:'));
  assert.deepEqual(lintText('/w/values.yaml', fixed, opts), []);
});

test('a disable comment for a finding inside a block scalar goes above the key', () => {
  const pem = makeCert({ notAfter: new Date(NOW.getTime() + 24 * 3600 * 1000) }).certPem;
  const text = `kind: Secret\nmetadata:\n  name: s\nstringData:\n  tls.crt: |\n${pem.trimEnd().split('\n').map((l) => `    ${l}`).join('\n')}\n`;
  const [finding] = lintText('/w/s.yaml', text, opts);
  assert.equal(finding.rule, 'cert-expiring');
  assert.equal(finding.range.start.line, 5);
  const disable = finding.fixes.find((f) => f.title.startsWith('Disable'));
  assert.ok(disable);
  assert.equal(disable.edits[0].range.start.line, 4);
  assert.deepEqual(lintText('/w/s.yaml', applyFix(text, disable), opts), []);
});

test('next-line suppression lists several ids; other rules still fire; file-level disable', () => {
  const text = `controlPlane:\n  tls:\n    general:\n      # kuma-tls-disable-next-line cert-expired, ca-bundle-secret-pair\n      secretName: x\n`;
  assert.deepEqual(lintText('/w/values.yaml', text, opts), []);
  const other = text.replace('ca-bundle-secret-pair', 'cert-weak');
  assert.equal(lintText('/w/values.yaml', other, opts).length, 1);
  assert.deepEqual(lintText('/w/values.yaml', `# kuma-tls-disable\n${onlySecret}`, opts), []);
  assert.deepEqual(lintText('/w/values.yaml', `# kuma-tls-disable ca-bundle-secret-pair\n${onlySecret}`, opts), []);
  assert.equal(lintText('/w/values.yaml', `# something else\n# kuma-tls-disable\n${onlySecret}`, opts).length, 1, 'only as the first comment');
});

test('a rule that throws is reported once as internal-error; the other rules still run', () => {
  const boom: Rule = { id: 'boom', defaultSeverity: 'error', summary: 'throws', check: () => { throw new Error('kaput'); } };
  const w = new LintWorkspace(opts, [boom, boom, ...ALL_RULES]);
  w.setDocument('/w/values.yaml', onlySecret);
  const findings = w.lint('/w/values.yaml');
  assert.deepEqual(findings.map((f) => f.rule).sort(), ['ca-bundle-secret-pair', 'internal-error']);
  const internal = findings.find((f) => f.rule === 'internal-error');
  assert.equal(internal?.severity, 'info');
  assert.match(internal?.message ?? '', /boom \(kaput\)/);
});

test('files over the size cap and binary files are skipped with one info finding', () => {
  const w = new LintWorkspace({ ...opts, maxFileBytes: 100 });
  w.setDocument('/w/values.yaml', `${onlySecret}${'#'.repeat(200)}\n`);
  const [big] = w.lint('/w/values.yaml');
  assert.equal(big.rule, 'file-skipped');
  assert.equal(big.severity, 'info');
  w.setDocument('/w/tls.crt', new Uint8Array([0x2d, 0x00, 0x01]));
  assert.match(w.lint('/w/tls.crt')[0].message, /binary/);
  w.setDocument('/w/tls.key', new Uint8Array([0xff, 0xfe, 0x41]));
  assert.match(w.lint('/w/tls.key')[0].message, /UTF-8/);
  w.setDocument('/w/image.png', new Uint8Array([0x00, 0x01]));
  assert.deepEqual(w.lint('/w/image.png'), [], 'files of no lintable kind stay silent');
});

test('findings are cached per version and recomputed after a change', () => {
  const w = new LintWorkspace(opts);
  w.setDocument('/w/values.yaml', onlySecret);
  const first = w.lint('/w/values.yaml');
  assert.equal(w.lint('/w/values.yaml'), first, 'same array from the cache');
  w.setDocument('/w/values.yaml', `${onlySecret}      caBundle: ${b64(makeCert().certPem)}\n`);
  assert.notEqual(w.lint('/w/values.yaml'), first);
  w.removeDocument('/w/values.yaml');
  assert.deepEqual(w.lint('/w/values.yaml'), []);
  assert.deepEqual([...w.lintAll().keys()], []);
});

test('YAML alias bombs are walked without expansion', () => {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 12; i++) text += `a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]\n`;
  text += 'controlPlane:\n  envVars: *a11\n  tls:\n    general: *a11\n';
  const start = Date.now();
  const findings = lintText('/w/values.yaml', text, opts);
  assert.ok(Date.now() - start < 5000, 'an expanding walk would take minutes');
  assert.ok(Array.isArray(findings));
});

test('Markdown counts as a Kuma file only for commands inside fenced code blocks', () => {
  const w = new LintWorkspace(opts);
  w.setDocument('/w/prose.md', 'Run helm install to get going.\n');
  w.setDocument('/w/howto.md', '# Install\n\n```sh\nhelm install kuma kuma/kuma \\\n  --namespace kuma-system\n```\n');
  w.setDocument('/w/install.sh', 'kumactl install control-plane \\\n  --tls-general-secret=general-tls-certs | kubectl apply -f -\n');
  assert.deepEqual(w.kindsOf('/w/prose.md'), []);
  assert.deepEqual(w.kindsOf('/w/howto.md'), ['markdown']);
  assert.deepEqual(w.kindsOf('/w/install.sh'), ['shell']);
});

test('a 1 MB single-line value and 10,000 nested flow sequences finish quickly', () => {
  const longLine = `controlPlane:\n  tls:\n    general:\n      secretName: x\n      caBundle: ${'QUFB'.repeat(1 << 18)}\n`;
  let start = Date.now();
  const findings = lintText('/w/values.yaml', longLine, { ...opts, maxFileBytes: 4 << 20 });
  assert.ok(Date.now() - start < 5000);
  assert.deepEqual(findings.map((f) => f.rule), ['pem-malformed']);
  start = Date.now();
  const deep = lintText('/w/values.yaml', `${onlySecret}  x: ${'['.repeat(10000)}${']'.repeat(10000)}\n`, opts);
  // Parsed repeatedly, such nesting aborts the process inside yaml + V8 (test/unit/hostile/nesting.test.ts): skipped.
  assert.deepEqual(deep.map((f) => f.rule), ['file-skipped'], 'one skip note beside deep nesting, no internal-error');
  assert.ok(Date.now() - start < 5000);
});
