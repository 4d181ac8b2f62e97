// `.kuma-tls.yaml` in the core: parsing with the key and line of a problem, the nearest file
// winning, per-path overrides, precedence (host options > config > defaults), cumulative ignores,
// and a LintWorkspace that re-lints exactly the files below an edited config file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigSet } from '../../../src/lint/config/config-set';
import { parseConfig } from '../../../src/lint/config/parse';
import { LintWorkspace } from '../../../src/lint/workspace';
import { NOW } from '../lint/fixtures';

const BROKEN_PEM = '-----BEGIN CERTIFICATE-----\nnotbase64!!\n-----END CERTIFICATE-----\n';

function problemOf(text: string): { line: number; column: number; key: string; message: string } {
  const parsed = parseConfig('/repo/.kuma-tls.yaml', text);
  assert.ok('message' in parsed, `expected a problem for ${JSON.stringify(text)}`);
  return parsed;
}

test('invalid config files: the key path, the line and column, and what is wrong', () => {
  const typo = problemOf('rules:\n  pem-malformed: warning\n  cert-expird: off\n');
  assert.deepEqual([typo.line, typo.column, typo.key], [3, 3, 'rules.cert-expird']);
  assert.match(typo.message, /unknown rule id, did you mean cert-expired\?/);
  const severity = problemOf('rules:\n  cert-expiring: loud\n');
  assert.deepEqual([severity.line, severity.key], [2, 'rules.cert-expiring']);
  assert.match(severity.message, /"loud" is not a severity/);
  const key = problemOf('ignores: [a]\n');
  assert.deepEqual([key.line, key.key], [1, 'ignores']);
  assert.match(key.message, /did you mean ignore\?/);
  const nested = problemOf('overrides:\n  - files: ["*.pem"]\n    expiry:\n      days: soon\n');
  assert.deepEqual([nested.line, nested.key], [4, 'overrides[0].expiry.days']);
  const fraction = problemOf('expiry:\n  lifetimeFraction: 2\n');
  assert.equal(fraction.key, 'expiry.lifetimeFraction');
  const version = problemOf('kumaVersion: "1.2"\n');
  assert.match(version.message, /not a Kuma release/);
  const files = problemOf('overrides:\n  - rules: {cert-weak: off}\n');
  assert.match(files.message, /needs "files"/);
  const yaml = problemOf('rules: [\n');
  assert.match(yaml.message, /not valid YAML/);
  const namespace = problemOf('controlPlane:\n  namespace: Kuma_System\n');
  assert.equal(namespace.key, 'controlPlane.namespace');
});

test('a value quoted in a problem goes through echo(): no control characters reach the message', () => {
  const problem = problemOf('rules:\n  cert-expiring: "\\u001b[31mred"\n');
  assert.doesNotMatch(problem.message, /\u001b/);
});

test('an empty config file and every key of a valid one', () => {
  assert.ok(!('message' in parseConfig('/r/.kuma-tls.yaml', '')));
  const config = parseConfig('/r/.kuma-tls.yaml', 'rules: {cert-weak: off}\nignore: [vendor/, "*.bak.pem"]\nkumaVersion: "2.9"\ncontrolPlane: {namespace: mesh}\nexpiry: {days: 14, lifetimeFraction: 0.2}\noverrides:\n  - files: "legacy/**"\n    rules: {cert-expired: warning}\n');
  assert.ok(!('message' in config));
  assert.equal(config.ignore.patterns.length, 2);
  assert.equal(config.overrides.length, 1);
});

test('the nearest config file wins; overrides apply by glob, in order; host options win over the file', () => {
  const set = new ConfigSet();
  set.set('/repo/.kuma-tls.yaml', 'rules: {cert-weak: off, cert-expiring: error}\nexpiry: {days: 60}\nkumaVersion: "2.9"\n');
  set.set('/repo/team/.kuma-tls.yaml', 'rules: {cert-weak: info}\ncontrolPlane: {namespace: mesh}\noverrides:\n  - files: ["legacy/**", "*.old.pem"]\n    rules: {cert-expired: warning}\n    expiry: {lifetimeFraction: 0.25}\n  - files: legacy/keep/**\n    rules: {cert-expired: error}\n');
  const top = set.answer('/repo/app/values.yaml');
  assert.equal(top.configFile, '/repo/.kuma-tls.yaml');
  assert.deepEqual(top.options, { severities: { 'cert-weak': 'off', 'cert-expiring': 'error' }, expiryWindowDays: 60, kumaVersion: '2.9' });
  // Nearest wins whole: the team's file does not inherit the root's settings.
  const team = set.answer('/repo/team/values.yaml');
  assert.equal(team.configFile, '/repo/team/.kuma-tls.yaml');
  assert.deepEqual(team.options, { severities: { 'cert-weak': 'info' }, controlPlane: { namespace: 'mesh', serviceName: 'kuma-control-plane' } });
  assert.equal(set.answer('/repo/team/legacy/a/ca.crt').options.severities?.['cert-expired'], 'warning');
  assert.equal(set.answer('/repo/team/legacy/a/ca.crt').options.expiryLifetimeFraction, 0.25);
  assert.equal(set.answer('/repo/team/x/y.old.pem').options.severities?.['cert-expired'], 'warning', 'a pattern without a slash matches at any depth');
  assert.equal(set.answer('/repo/team/legacy/keep/ca.crt').options.severities?.['cert-expired'], 'error', 'a later override wins');
  assert.equal(set.answer('/repo/team/other/ca.crt').options.severities?.['cert-expired'], undefined);
  // CLI flags (or editor settings) over the file, rule by rule.
  const host = set.answer('/repo/app/values.yaml', { severities: { 'cert-weak': 'error' }, expiryWindowDays: 7 });
  assert.deepEqual(host.options, { severities: { 'cert-weak': 'error', 'cert-expiring': 'error' }, expiryWindowDays: 7, kumaVersion: '2.9' });
  // No config file: the host's options as given, the defaults stay the engine's.
  assert.deepEqual(new ConfigSet().answer('/x/y.yaml', { expiryWindowDays: 3 }).options, { expiryWindowDays: 3 });
});

test('ignore globs are relative to their file and add up down the tree; an explicit config replaces discovery', () => {
  const set = new ConfigSet();
  set.set('/repo/.kuma-tls.yaml', 'ignore: [fixtures/, /generated]\n');
  set.set('/repo/sub/.kuma-tls.yaml', 'ignore: "*.test.pem"\n');
  assert.equal(set.answer('/repo/fixtures/a.pem').ignored, true);
  assert.equal(set.answer('/repo/sub/fixtures/a.pem').ignored, true, 'an unanchored folder pattern matches at any depth, also below a nearer config');
  assert.equal(set.answer('/repo/generated/a.pem').ignored, true);
  assert.equal(set.answer('/repo/sub/generated/a.pem').ignored, false, 'an anchored pattern matches only below its own folder');
  assert.equal(set.answer('/repo/sub/x.test.pem').ignored, true);
  assert.equal(set.answer('/repo/x.test.pem').ignored, false);
  assert.equal(set.isIgnored('/repo/fixtures', true), true);
  assert.equal(set.isIgnored('/repo/fixtures', false), false, 'a trailing slash matches folders only');
  set.useExplicit('/elsewhere/ci.yaml', 'ignore: ["*.pem"]\nrules: {cert-weak: off}\n');
  assert.equal(set.answer('/elsewhere/a/b.pem').ignored, true);
  assert.equal(set.answer('/repo/fixtures/a.yaml').ignored, false, 'discovered files no longer count');
  assert.equal(set.answer('/repo/a.yaml').configFile, '/elsewhere/ci.yaml');
});

test('LintWorkspace: a config file as a document sets severities, and editing it re-lints exactly the files below it', () => {
  const workspace = new LintWorkspace({ now: NOW });
  workspace.setDocument('/repo/team/broken.pem', BROKEN_PEM);
  workspace.setDocument('/repo/other/broken.pem', BROKEN_PEM);
  assert.equal(workspace.lint('/repo/team/broken.pem')[0].severity, 'warning');
  assert.equal(workspace.lint('/repo/other/broken.pem')[0].severity, 'warning');
  // The first config file anywhere may change any file's options.
  workspace.setDocument('/repo/team/.kuma-tls.yaml', 'rules: {pem-malformed: info}\n');
  assert.deepEqual(workspace.dependentsOf('/repo/team/.kuma-tls.yaml').sort(), ['/repo/other/broken.pem', '/repo/team/broken.pem']);
  assert.equal(workspace.lint('/repo/team/broken.pem')[0].severity, 'info');
  assert.equal(workspace.lint('/repo/other/broken.pem')[0].severity, 'warning');
  // From now on only the files below the edited file depend on it.
  workspace.setDocument('/repo/team/.kuma-tls.yaml', 'rules: {pem-malformed: "off"}\n');
  assert.deepEqual(workspace.dependentsOf('/repo/team/.kuma-tls.yaml'), ['/repo/team/broken.pem']);
  assert.deepEqual(workspace.lint('/repo/team/broken.pem'), []);
  assert.equal(workspace.lint('/repo/other/broken.pem')[0].severity, 'warning');
  // A new config file between a file and the one that applied takes over.
  workspace.setDocument('/repo/.kuma-tls.yaml', 'ignore: [other/]\n');
  assert.deepEqual(workspace.dependentsOf('/repo/.kuma-tls.yaml').sort(), ['/repo/other/broken.pem', '/repo/team/broken.pem']);
  assert.deepEqual(workspace.lint('/repo/other/broken.pem'), [], 'ignored by the root config');
  // The same text again (a save) changes nothing; un-ignoring re-lints the ignored file.
  workspace.setDocument('/repo/.kuma-tls.yaml', 'ignore: [other/]\n');
  assert.deepEqual(workspace.dependentsOf('/repo/.kuma-tls.yaml'), []);
  workspace.setDocument('/repo/.kuma-tls.yaml', 'ignore: []\n');
  assert.ok(workspace.dependentsOf('/repo/.kuma-tls.yaml').includes('/repo/other/broken.pem'));
  assert.equal(workspace.lint('/repo/other/broken.pem')[0].severity, 'warning');
  workspace.removeDocument('/repo/team/.kuma-tls.yaml');
  assert.equal(workspace.lint('/repo/team/broken.pem')[0].severity, 'warning');
  assert.deepEqual(workspace.paths().sort(), ['/repo/other/broken.pem', '/repo/team/broken.pem'], 'config files are not documents to lint');
  assert.deepEqual(workspace.optionsFor('/repo/team/x.pem'), { now: NOW });
});

test('LintWorkspace: an invalid config file is reported, and governs its folder with no settings', () => {
  const workspace = new LintWorkspace({ now: NOW });
  workspace.setDocument('/repo/.kuma-tls.yaml', 'rules: {pem-malformed: "off"}\n');
  workspace.setDocument('/repo/team/.kuma-tls.yaml', 'rules: {pem-malformd: "off"}\n');
  workspace.setDocument('/repo/team/broken.pem', BROKEN_PEM);
  assert.equal(workspace.configProblems().length, 1);
  assert.equal(workspace.configProblems()[0].key, 'rules.pem-malformd');
  assert.equal(workspace.lint('/repo/team/broken.pem')[0].severity, 'warning', 'not handed to the root config');
});
