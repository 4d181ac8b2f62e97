// The fuzz seeds: every file under examples/, Kuma files shaped like the unit-test fixtures
// (certificates generated now, never pasted), and the snippets as a user gets them after Tab.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { b64, caAndLeaf, secretYaml } from '../unit/lint/fixtures';
import { renderSnippet } from '../unit/snippets/render-snippet';

export interface Seed {
  /** Workspace path the seed is linted under (its extension decides the format). */
  path: string;
  bytes: Buffer;
}

/** The repository root from out/test/fuzz/ or test/fuzz/. */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}

function exampleSeeds(): Seed[] {
  const root = path.join(REPO_ROOT, 'examples');
  return filesUnder(root).map((file) => ({ path: `/fuzz/examples/${path.relative(root, file).split(path.sep).join('/')}`, bytes: readFileSync(file) }));
}

function fixtureSeeds(): Seed[] {
  const { ca, leaf } = caAndLeaf();
  const indent = (pem: string, spaces: number) => pem.trimEnd().split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');
  const texts: Array<[string, string]> = [
    ['values.yaml', `controlPlane:\n  mode: global\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: ${b64(ca.certPem)}\n    kdsGlobalServer:\n      create: true\n      cert: |\n${indent(leaf.certPem, 8)}\n      key: |\n${indent(leaf.keyPem, 8)}\n  envVars:\n    KUMA_API_SERVER_HTTP_INTERFACE: 0.0.0.0\n`],
    ['secret.yaml', secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(ca.certPem) })],
    ['string-secret.yaml', secretYaml('kds-ca-certs', { 'ca.crt': ca.certPem }, 'stringData')],
    ['kuma-cp.env', `export KUMA_GENERAL_TLS_CERT_FILE=/certs/tls.crt\nKUMA_GENERAL_TLS_KEY_FILE=/certs/tls.key\nKUMA_CONTROL_PLANE_CA_CERT="${ca.certPem.trimEnd()}"\n`],
    ['bundle.pem', leaf.certPem + leaf.keyPem + ca.certPem],
    ['deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kuma-control-plane\nspec:\n  template:\n    spec:\n      containers:\n      - name: kuma-cp\n        image: kumahq/kuma-cp:2.14.3\n        env:\n        - name: KUMA_GENERAL_TLS_CERT_FILE\n          value: /certs/tls.crt\n        - name: KUMA_API_SERVER_HTTPS_TLS_MIN_VERSION\n          value: TLSv1_1\n'],
  ];
  return texts.map(([name, text]) => ({ path: `/fuzz/fixtures/${name}`, bytes: Buffer.from(text) }));
}

const SNIPPET_EXTENSION: Record<string, string> = { yaml: 'yaml', shell: 'sh', env: 'env', markdown: 'md' };

function snippetSeeds(): Seed[] {
  return Object.entries(SNIPPET_EXTENSION).flatMap(([file, ext]) => {
    const snippets = JSON.parse(readFileSync(path.join(REPO_ROOT, 'snippets', `${file}.code-snippets`), 'utf8')) as Record<string, { body: string[] }>;
    return Object.values(snippets).map((snippet, i) => ({ path: `/fuzz/snippets/${file}-${i}.${ext}`, bytes: Buffer.from(renderSnippet(snippet.body.join('\n')).text) }));
  });
}

export function seedCorpus(): Seed[] {
  return [...exampleSeeds(), ...fixtureSeeds(), ...snippetSeeds()];
}
