// Handing the workspace the text it already has keeps the parse and the findings: the editor's
// hovers, lenses and debounced lint all hand over the same version, and it is parsed once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace } from '../../../src/lint/workspace';

const VALUES = 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls-certs\n';

test('the same text again keeps the parsed model and the cached findings', () => {
  const workspace = new LintWorkspace({});
  workspace.setDocument('/ws/values.yaml', VALUES);
  const model = workspace.get('/ws/values.yaml');
  const findings = workspace.lint('/ws/values.yaml');
  assert.ok(model);
  workspace.setDocument('/ws/values.yaml', VALUES);
  workspace.setDocument('/ws/values.yaml', Buffer.from(VALUES));
  assert.equal(workspace.get('/ws/values.yaml'), model, 'not parsed again');
  assert.equal(workspace.lint('/ws/values.yaml'), findings, 'findings served from the cache');
});

test('changed text replaces the model and is linted anew', () => {
  const workspace = new LintWorkspace({});
  workspace.setDocument('/ws/values.yaml', VALUES);
  const model = workspace.get('/ws/values.yaml');
  assert.deepEqual(workspace.lint('/ws/values.yaml').map((f) => f.rule), ['ca-bundle-secret-pair']);
  workspace.setDocument('/ws/values.yaml', VALUES.replace('secretName: general-tls-certs', 'secretName: ""'));
  assert.notEqual(workspace.get('/ws/values.yaml'), model);
  assert.deepEqual(workspace.lint('/ws/values.yaml').map((f) => f.rule), []);
});
