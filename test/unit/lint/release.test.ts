// LintWorkspace.release drops the trees and the texts the host can read again; a file read again
// must be the file that was linted. One that changed or went away in between is skipped with the
// reason (never linted against what the rest of the workspace saw), and standard input, which
// cannot be read again, keeps its text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintWorkspace } from '../../../src/lint/workspace';
import { NOW } from './fixtures';

const VALUES = 'controlPlane:\n  tls:\n    general:\n      secretName: missing-tls\n';

function tlsSecret(name: string): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\ntype: kubernetes.io/tls\n`;
}

function workspaceOver(disk: Map<string, string>): LintWorkspace {
  return new LintWorkspace({ now: NOW }, undefined, {
    tracksDependents: false,
    reread: (path) => {
      const text = disk.get(path);
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return Buffer.from(text);
    },
  });
}

test('a released file is read again and linted as before; standard input keeps its text', () => {
  const disk = new Map([
    ['/w/values.yaml', VALUES],
    ['/w/other.yaml', tlsSecret('other-tls')],
  ]);
  const ws = workspaceOver(disk);
  for (const path of disk.keys()) ws.setDocument(path, disk.get(path)!, true);
  ws.setDocument('/w/stdin-values.yaml', VALUES);
  const before = ws.lint('/w/values.yaml');
  assert.ok(before.some((f) => f.rule === 'secret-not-found'), 'the unresolved Secret is reported');
  ws.lint('/w/stdin-values.yaml');
  ws.release();
  assert.equal(ws.heldTrees, 0);
  assert.equal(ws.heldRereadableTexts, 0);
  assert.equal(ws.textOf('/w/stdin-values.yaml'), VALUES, 'standard input cannot be read again: kept');
  // A Secret of another name arrives: the values file is stale, read again, linted the same.
  ws.setDocument('/w/secret.yaml', tlsSecret('third-tls'), true);
  const parsed = ws.parsedDocuments;
  assert.deepEqual(ws.lint('/w/values.yaml').map((f) => f.rule), before.map((f) => f.rule));
  assert.ok(ws.parsedDocuments > parsed, 'the stale file was parsed again from its re-read text');
  assert.equal(ws.textOf('/w/values.yaml'), VALUES);
});

test('a released file that changed or went away before it was read again is skipped, with the reason', () => {
  const disk = new Map([
    ['/w/a/values.yaml', VALUES],
    ['/w/b/values.yaml', VALUES],
  ]);
  const ws = workspaceOver(disk);
  for (const path of disk.keys()) ws.setDocument(path, disk.get(path)!, true);
  for (const path of disk.keys()) ws.lint(path);
  ws.release();
  disk.set('/w/a/values.yaml', VALUES.replace('missing-tls', 'renamed-tls-x'));
  disk.delete('/w/b/values.yaml');
  // Another file makes both stale.
  ws.setDocument('/w/secret.yaml', tlsSecret('missing-tls'), true);
  const changed = ws.lint('/w/a/values.yaml');
  assert.deepEqual(changed.map((f) => f.rule), ['file-skipped']);
  assert.match(changed[0].message, /changed while kuma-tls read the workspace/);
  const gone = ws.lint('/w/b/values.yaml');
  assert.deepEqual(gone.map((f) => f.rule), ['file-skipped']);
  assert.match(gone[0].message, /could not be read again \(ENOENT/);
  // And it stays skipped, not linted on a later call.
  assert.deepEqual(ws.lint('/w/b/values.yaml').map((f) => f.rule), ['file-skipped']);
});
