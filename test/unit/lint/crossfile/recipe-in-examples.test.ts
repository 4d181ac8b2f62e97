// Issue 14: "Set Up a Kuma TLS Channel" run inside examples/, which already defines
// general-tls-certs. With the channel's usual name the new, correct files make the name defined
// several times: the only finding about it is secret-ambiguous, no rule judges the new files
// against the old definition, no fix copies a caBundle from one of them, and openssl accepts the
// new chain. With the name the setup proposes (the first free one) the new files lint clean.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { firstFreeName } from '../../../../src/pki/choices';
import { RECIPES, runRecipe } from '../../../../src/pki/recipes';
import { secretNamesDefinedIn } from '../../../../src/lint/secretNames';
import { Finding } from '../../../../src/lint/types';
import { LintWorkspace } from '../../../../src/lint/workspace';
import { opensslVerify } from '../../pki/support';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', '..', '..', 'examples');
const OUT = path.join(EXAMPLES, 'certs', 'general');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const exampleFiles = filesUnder(EXAMPLES).map((file) => ({ path: file, text: fs.readFileSync(file, 'utf8') }));
/** Rules that compare a Secret's content: each would have to pick one of several definitions. */
const CONTENT_RULES = ['ca-bundle-mismatch', 'cert-untrusted', 'secret-missing-key', 'cert-key-mismatch', 'cert-hostname-mismatch'];

async function lintWithRecipe(secretName: string | undefined): Promise<{ findings: Map<string, Finding[]>; files: Map<string, string> }> {
  const result = await runRecipe({ recipe: 'general', keyType: 'ecdsa', ...(secretName ? { secretName } : {}) });
  const workspace = new LintWorkspace({});
  for (const file of exampleFiles) workspace.setDocument(file.path, Buffer.from(file.text));
  const files = new Map(result.files.map((f) => [path.join(OUT, f.relativePath), f.content]));
  for (const [file, content] of files) workspace.setDocument(file, Buffer.from(content));
  return { findings: workspace.lintAll(), files };
}

let taken: { findings: Map<string, Finding[]>; files: Map<string, string> };
before(async () => {
  taken = await lintWithRecipe(undefined);
});

test('examples/ itself defines general-tls-certs once: the setup would make it a duplicate', () => {
  const defined = secretNamesDefinedIn(exampleFiles);
  assert.deepEqual(defined.get('general-tls-certs')?.map((p) => path.relative(EXAMPLES, p)), ['k8s/secret-general.yaml']);
});

test('the usual name taken twice: secret-ambiguous lists every definition, no content rule judges it', () => {
  const all = [...taken.findings.entries()].flatMap(([file, list]) => list.map((f) => ({ file, f })));
  const ambiguous = all.filter(({ file, f }) => f.rule === 'secret-ambiguous' && file === path.join(OUT, 'values.yaml'));
  assert.equal(ambiguous.length, 1, 'the generated values file says its Secret is ambiguous');
  const related = ambiguous[0].f.related.map((r) => path.relative(EXAMPLES, r.path)).sort();
  assert.deepEqual(related, ['certs/general/install.sh', 'certs/general/secret.yaml', 'k8s/secret-general.yaml']);
  const judged = all.filter(({ f }) => CONTENT_RULES.includes(f.rule) && /general-tls-certs(?![-\w])/.test(f.message));
  assert.deepEqual(judged.map(({ file, f }) => `${path.relative(EXAMPLES, file)}: ${f.rule}`), [], 'no rule picks one of the definitions');
  const caBundleFixes = all.flatMap(({ f }) => f.fixes).filter((fix) => /caBundle|ca\.crt/.test(fix.title) && /general-tls-certs(?![-\w])/.test(fix.title));
  assert.deepEqual(caBundleFixes.map((fix) => fix.title), [], 'no fix copies a caBundle from one definition');
});

test('the generated files carry no finding but the ambiguity, and openssl verifies their chain', () => {
  for (const file of taken.files.keys()) {
    const rules = (taken.findings.get(file) ?? []).map((f) => f.rule);
    assert.ok(rules.every((r) => r === 'secret-ambiguous'), `${path.relative(EXAMPLES, file)}: ${rules.join(', ')}`);
  }
  const verified = opensslVerify(taken.files.get(path.join(OUT, 'ca.crt'))!, taken.files.get(path.join(OUT, 'tls.crt'))!);
  assert.ok(verified.ok, verified.output);
});

test('with the name the setup proposes (the first free one), the generated files lint clean', async () => {
  const defined = secretNamesDefinedIn(exampleFiles);
  const proposed = firstFreeName(RECIPES.general.secretName, (name) => defined.has(name));
  assert.equal(proposed, 'general-tls-certs-2');
  const { findings, files } = await lintWithRecipe(proposed);
  for (const file of files.keys()) {
    assert.deepEqual((findings.get(file) ?? []).map((f) => `${f.rule}: ${f.message}`), [], path.relative(EXAMPLES, file));
  }
});
