// LintBatches: files that parse nothing (the screen passed over them) are no weight to a batch, so
// a few Kuma files among thousands of other files are linted once, against the whole index, and
// never parsed again because a later file made their findings stale.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintBatches } from '../../../src/lint/batches';
import { LintWorkspace } from '../../../src/lint/workspace';
import { NOW } from './fixtures';

const VALUES = 'controlPlane:\n  tls:\n    general:\n      secretName: general-tls\n';
const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: general-tls\n  namespace: kuma-system\ntype: kubernetes.io/tls\n';
const OTHER_CHART = (i: number): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: ${i}\n`;

function workspaceOver(disk: Map<string, string>): LintWorkspace {
  return new LintWorkspace({ now: NOW }, undefined, { tracksDependents: false, reread: (path) => Buffer.from(disk.get(path)!) });
}

/** A values file first, the Secret it names last, `between` files of another chart in the middle. */
function monorepo(between: number): Map<string, string> {
  const disk = new Map([['/repo/a/values.yaml', VALUES]]);
  for (let i = 0; i < between; i++) disk.set(`/repo/b/app-${i}.yaml`, OTHER_CHART(i));
  disk.set('/repo/c/secret.yaml', SECRET);
  return disk;
}

function lintInBatches(disk: Map<string, string>, size: number): { ws: LintWorkspace; batches: LintBatches; findings: string[] } {
  const ws = workspaceOver(disk);
  const batches = new LintBatches(ws, NOW, size);
  for (const [path, text] of disk) {
    ws.setDocument(path, text, true);
    batches.add(path);
  }
  return { ws, batches, findings: batches.findings().map((f) => `${f.path} ${f.rule}`) };
}

test('files the screen passes over do not fill a batch: the Kuma files are parsed once, against the whole index', () => {
  const disk = monorepo(40);
  const { ws, findings } = lintInBatches(disk, 4);
  assert.equal(ws.parsesWhenLinted('/repo/b/app-0.yaml'), false, "another chart's Deployment is passed over unparsed");
  assert.equal(ws.parsesWhenLinted('/repo/a/values.yaml'), true);
  assert.equal(ws.parsedDocuments, 2, 'the values file and the Secret, once each');
  assert.ok(!findings.some((f) => f.endsWith('secret-not-found')), `the Secret after the other chart is found: ${findings.join('; ')}`);
  assert.equal(ws.heldTrees, 0, 'nothing held once the findings are collected');
});

test('the findings are those of one workspace linted at once, whatever the batch size', () => {
  const disk = monorepo(9);
  disk.set('/repo/a/values-missing.yaml', VALUES.replace('general-tls', 'missing-tls'));
  const whole = workspaceOver(disk);
  for (const [path, text] of disk) whole.setDocument(path, text);
  const expected = [...disk.keys()].flatMap((path) => whole.lint(path, NOW)).map((f) => `${f.path} ${f.rule}`);
  assert.ok(expected.includes('/repo/a/values-missing.yaml secret-not-found'), `a real finding is compared: ${expected.join('; ')}`);
  for (const size of [1, 2, 3, 256]) assert.deepEqual(lintInBatches(disk, size).findings, expected, `batches of ${size}`);
});

test('a batch of files that parse is linted as soon as it is full, and its trees and texts let go', () => {
  const disk = new Map<string, string>();
  for (let i = 0; i < 3; i++) {
    disk.set(`/repo/s-${i}.yaml`, SECRET.replace('general-tls', `tls-${i}`));
    disk.set(`/repo/app-${i}.yaml`, OTHER_CHART(i));
  }
  const ws = workspaceOver(disk);
  const batches = new LintBatches(ws, NOW, 2);
  const waiting: number[] = [];
  for (const [path, text] of disk) {
    ws.setDocument(path, text, true);
    batches.add(path);
    waiting.push(batches.waitingFiles);
  }
  // s-0, app-0, s-1 (a batch of two: linted), app-1, s-2, app-2.
  assert.deepEqual(waiting, [1, 1, 0, 0, 1, 1]);
  assert.equal(ws.heldRereadableTexts, 1, 'only the Secret of the unfinished batch holds its text');
});
