// The incremental workspace (an index patched per changed file, findings cached by what they
// read) against linting from scratch: after every step of a seeded random sequence of edits
// (Secrets added, removed and renamed, secretNames and caBundles changed, install lines with -f
// added, version tags changed, PEM files broken and deleted) every file's findings equal those
// of a fresh LintWorkspace with the same files, and a file `dependentsOf` did not name for the
// edit has the findings it had before it. A workspace that keeps no dependents (the CLI's) lints
// every step exactly like the fresh one, and so does linting the files in batches as they are
// added, their trees released after each batch (lint/batches.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LintBatches } from '../../../../src/lint/batches';
import { LintWorkspace } from '../../../../src/lint/workspace';
import { Finding } from '../../../../src/lint/types';
import { b64, caAndLeaf, keys, makeCert, NOW } from '../fixtures';
import { seededRandom } from '../../seeded-random';

const { ca, leaf } = caAndLeaf();
const otherCa = makeCert({ isCA: true, keys: keys(3), commonName: 'other-ca' });
const zoneCert = makeCert({ issuer: ca, keys: keys(4), hosts: ['global.example.com'] });

type Pick = <T>(items: readonly T[]) => T;

const NAMES = ['alpha-tls', 'beta-tls', 'alpha-tlz', 'kds-global'];
const NAMESPACES = ['kuma-system', 'mesh-system'];
const VERSIONS = ['2.6.3', '2.9.1', '2.9.2', '2.10.0'];

/** Each path of the workspace with a generator of its possible contents. */
const FILES: Record<string, (pick: Pick) => string> = {
  '/w/secrets/a.yaml': (pick) => manifest(pick),
  '/w/secrets/b.yaml': (pick) => manifest(pick),
  '/w/k8s/c.yaml': (pick) => manifest(pick),
  '/w/secrets/create.sh': (pick) =>
    `kubectl create secret generic ${pick(NAMES)} -n ${pick(NAMESPACES)} --from-file=tls.crt=../pki/tls.crt --from-file=tls.key=../pki/tls.key${pick([' --from-file=ca.crt=../pki/ca.crt', ''])}\n`,
  '/w/values/v0.yaml': (pick) => valuesFile(pick),
  '/w/values/v1.yaml': (pick) => valuesFile(pick),
  '/w/values/global.yaml': (pick) => `controlPlane:\n  mode: global\n  tls:\n    kdsGlobalServer:\n      secretName: ${pick(NAMES)}\n`,
  '/w/zone/values.yaml': (pick) => `controlPlane:\n  mode: zone\n  kdsGlobalAddress: grpcs://${pick(['global.example.com', 'other.example.com'])}:5685\n  tls:\n    kdsZoneClient:\n      secretName: ${pick(NAMES)}\n`,
  '/w/install.sh': (pick) => installLine(pick, 'values/v0.yaml'),
  '/w/values/install.sh': (pick) => installLine(pick, pick(['v1.yaml', 'v0.yaml', 'missing.yaml'])),
  '/w/compose.yaml': (pick) => `services:\n  cp:\n    image: kumahq/kuma-cp:${pick(VERSIONS)}\n`,
  '/w/kuma-cp.env': (pick) => `KUMA_DP_SERVER_AUTH_TYPE=dpToken\nKUMA_GENERAL_TLS_CERT_FILE=${pick(['pki/tls.crt', 'pki/ca.crt', 'pki/other.crt'])}\n`,
  '/w/pki/ca.crt': (pick) => pick([ca.certPem, otherCa.certPem, broken(ca.certPem)]),
  '/w/pki/tls.crt': (pick) => pick([leaf.certPem, zoneCert.certPem, broken(leaf.certPem)]),
  '/w/pki/tls.key': (pick) => pick([leaf.keyPem, zoneCert.keyPem]),
  '/w/pki/other.crt': (pick) => pick([broken(otherCa.certPem), otherCa.certPem]),
};

function broken(pem: string): string {
  return pem.replace(/\n-----END CERTIFICATE-----\n$/, '\n');
}

function manifest(pick: Pick): string {
  const [cert, key] = pick([
    [leaf.certPem, leaf.keyPem],
    [zoneCert.certPem, zoneCert.keyPem],
  ]);
  const caLine = pick([`  ca.crt: ${b64(pick([ca.certPem, otherCa.certPem]))}\n`, '']);
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${pick(NAMES)}\n${pick(['', `  namespace: ${pick(NAMESPACES)}\n`])}type: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(cert)}\n  tls.key: ${b64(key)}\n${caLine}`;
}

function valuesFile(pick: Pick): string {
  const bundle = pick([`      caBundle: ${b64(pick([ca.certPem, otherCa.certPem]))}\n`, '']);
  return `controlPlane:\n  tls:\n    general:\n      secretName: ${pick(NAMES)}\n${bundle}${pick(['', `    apiServer:\n      secretName: ${pick(NAMES)}\n`])}`;
}

function installLine(pick: Pick, valuesPath: string): string {
  const set = pick(['', ` --set controlPlane.tls.general.secretName=${pick(NAMES)}`]);
  return `helm install kuma kuma/kuma -n ${pick(NAMESPACES)} --version ${pick(VERSIONS)} -f ${valuesPath}${set}\n`;
}

function lintEverything(ws: LintWorkspace): Map<string, Finding[]> {
  return new Map(ws.paths().map((p) => [p, ws.lint(p)]));
}

test('after every random edit, incremental findings equal a fresh lint, and files dependentsOf leaves out are unchanged', () => {
  const next = seededRandom(2024);
  const pick: Pick = (items) => items[Math.floor(next() * items.length)];
  const paths = Object.keys(FILES);
  const texts = new Map<string, string>();
  const ws = new LintWorkspace({ now: NOW });
  // The CLI's workspace: it keeps no reverse map of dependents, and must still know which of its
  // cached findings an edit made stale.
  const noDependents = new LintWorkspace({ now: NOW }, undefined, { tracksDependents: false });
  for (const path of paths) {
    if (next() < 0.2) continue;
    texts.set(path, FILES[path](pick));
    ws.setDocument(path, texts.get(path)!);
    noDependents.setDocument(path, texts.get(path)!);
  }
  let compared = 0;
  let skipped = 0;
  for (let step = 0; step < 120; step++) {
    const before = lintEverything(ws);
    // One to three edits before anything is linted again: stale caches must stay stale.
    const edited = new Set<string>();
    const dependents = new Set<string>();
    const edits = 1 + Math.floor(next() * 3);
    for (let e = 0; e < edits; e++) {
      const path = pick(paths);
      if (texts.has(path) && next() < 0.2) {
        texts.delete(path);
        ws.removeDocument(path);
        noDependents.removeDocument(path);
      } else {
        texts.set(path, FILES[path](pick));
        ws.setDocument(path, texts.get(path)!);
        noDependents.setDocument(path, texts.get(path)!);
      }
      edited.add(path);
      for (const d of ws.dependentsOf(path)) dependents.add(d);
    }
    const fresh = new LintWorkspace({ now: NOW });
    for (const path of ws.paths()) fresh.setDocument(path, texts.get(path)!);
    for (const path of ws.paths()) {
      const expected = fresh.lint(path);
      assert.deepEqual(ws.lint(path), expected, `step ${step}: ${path} after editing ${[...edited].join(', ')}`);
      assert.deepEqual(noDependents.lint(path), expected, `step ${step}: ${path}, linted by a workspace that keeps no dependents (its cached findings judged stale by what they read alone)`);
      compared++;
      if (edited.has(path) || dependents.has(path)) continue;
      skipped++;
      assert.deepEqual(expected, before.get(path), `step ${step}: ${path} changed, but dependentsOf(${[...edited].join(', ')}) did not name it`);
    }
  }
  // The sequence is not trivial: findings were compared, and most files were left alone by most edits.
  assert.ok(compared > 1000 && skipped > compared / 3, `${compared} compared, ${skipped} not re-linted`);
});

test('files linted in batches as they are added, trees and texts released after each batch, get the findings of linting them all at once', () => {
  const next = seededRandom(7);
  const pick: Pick = (items) => items[Math.floor(next() * items.length)];
  let files = 0;
  let parsedAgain = 0;
  for (let round = 0; round < 80; round++) {
    // A random subset in a random order: a values file may come before or after its Secret, a
    // version tag before or after the files it judges.
    const paths = Object.keys(FILES)
      .filter(() => next() < 0.85)
      .map((path) => ({ path, key: next() }))
      .sort((a, b) => a.key - b.key)
      .map(({ path }) => path);
    const texts = new Map(paths.map((path) => [path, FILES[path](pick)]));
    const size = 1 + Math.floor(next() * 4);
    const fresh = new LintWorkspace({ now: NOW });
    for (const path of paths) fresh.setDocument(path, texts.get(path)!);
    // The texts map stands for the disk the CLI reads released files from again.
    const ws = new LintWorkspace({ now: NOW }, undefined, { tracksDependents: false, reread: (path) => Buffer.from(texts.get(path)!) });
    const batches = new LintBatches(ws, NOW, size);
    let parsing = 0;
    paths.forEach((path) => {
      ws.setDocument(path, texts.get(path)!, true);
      batches.add(path);
      // Files that parse nothing are no weight to a batch; every `size`-th one that parses closes one.
      if (ws.parsesWhenLinted(path) && ++parsing % size === 0) {
        // A batch was just linted: its trees and texts, and those it read of earlier batches, are gone.
        assert.equal(batches.waitingFiles, 0, `round ${round}: batch ${parsing / size} not linted`);
        assert.equal(ws.heldTrees, 0, `round ${round}: trees held after batch ${parsing / size}`);
        assert.equal(ws.heldRereadableTexts, 0, `round ${round}: texts held after batch ${parsing / size}`);
      }
    });
    const parsedWhileAdding = ws.parsedDocuments;
    const expected = paths.flatMap((path) => fresh.lint(path));
    assert.deepEqual(batches.findings(), expected, `round ${round}: ${paths.length} files in batches of ${size}`);
    assert.equal(ws.heldTrees, 0, `round ${round}: trees held after the findings were collected`);
    files += paths.length;
    // What collecting parsed besides the last, unfinished batch: trees of stale files and their reads.
    parsedAgain += ws.parsedDocuments - parsedWhileAdding - (parsing % size);
  }
  // Not trivial: stale findings were linted again, which parses a released tree anew.
  assert.ok(files > 800 && parsedAgain > 200, `${files} files, ${parsedAgain} trees parsed again`);
});
