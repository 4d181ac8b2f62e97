// Seeded mutation fuzzing of the parsers and rules: real-shaped Kuma files mutated by byte
// flips, truncation, duplication, re-indentation, line-break mixes, huge lines and deep
// nesting. Parsing never throws, no rule throws (no internal-error), each input is quick.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDocument } from '../../../src/lint/model/document';
import { lintText } from '../../../src/lint/workspace';
import { b64, caAndLeaf, NOW, secretYaml } from './fixtures';

const ITERATIONS = 300;
const PER_INPUT_BUDGET_MS = Number(process.env.KUMA_TLS_FUZZ_BUDGET_MS ?? 5000);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(): Array<[string, string]> {
  const { ca, leaf } = caAndLeaf();
  return [
    ['/w/values.yaml', `controlPlane:\n  mode: zone\n  envVars:\n    KUMA_API_SERVER_HTTP_INTERFACE: 0.0.0.0\n  tls:\n    general:\n      secretName: general-tls-certs\n      caBundle: ${b64(ca.certPem)}\n    kdsGlobalServer:\n      create: true\n      cert: |\n${leaf.certPem.trimEnd().split('\n').map((l) => `        ${l}`).join('\n')}\n`],
    ['/w/secret.yaml', secretYaml('general-tls-certs', { 'tls.crt': b64(leaf.certPem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(ca.certPem) })],
    ['/w/string-secret.yaml', secretYaml('kds', { 'ca.crt': ca.certPem, 'tls.key': leaf.keyPem }, 'stringData')],
    ['/w/kuma-cp.env', `export KUMA_GENERAL_TLS_CERT_FILE=/certs/tls.crt\nKUMA_API_SERVER_HTTP_INTERFACE="0.0.0.0" # open\nKUMA_CONTROL_PLANE_CA_CERT="${ca.certPem.trimEnd()}"\n`],
    ['/w/tls.crt', leaf.certPem + ca.certPem],
    ['/w/compose.yaml', 'services:\n  cp:\n    image: kumahq/kuma-cp\n    environment:\n      - KUMA_MODE=zone\n      - KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS=grpcs://global:5685\n'],
    ['/w/kuma-cp.yaml', 'general:\n  tlsCertFile: /a.crt\napiServer:\n  http:\n    interface: 0.0.0.0\n  https:\n    tlsMinVersion: TLSv1_3\n'],
    ['/w/install.sh', `kubectl create secret generic general-tls-certs -n kuma-system \\\n  --from-file=ca.crt=ca.crt --from-file=tls.crt=tls.crt --from-file=tls.key=tls.key\nkumactl install control-plane \\\n  --tls-general-secret=general-tls-certs \\\n  --tls-general-ca-bundle=$(cat ca.crt | base64 -w0) | kubectl apply -f -\n`],
    ['/w/README.md', '# Install\n\n```sh\nhelm install kuma kuma/kuma --set controlPlane.tls.general.secretName=general-tls-certs\n```\n'],
  ];
}

function mutate(text: string, random: () => number): string {
  const pick = (n: number) => Math.floor(random() * n);
  const at = pick(text.length + 1);
  switch (pick(9)) {
    case 0: {
      const chars = ['\u0000', '\uFFFD', ':', '-', '|', '>', '"', "'", '&', '*', '#', '\t', '{', '[', '\\'];
      return text.slice(0, at) + chars[pick(chars.length)] + text.slice(at + 1);
    }
    case 1:
      return text.slice(0, at);
    case 2: {
      const len = pick(200);
      return text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
    }
    case 3:
      return text.replace(/\n/g, () => (random() < 0.3 ? `\n${' '.repeat(pick(5))}` : '\n'));
    case 4:
      return text.replace(/\n/g, () => ['\n', '\r\n', '\r'][pick(3)]);
    case 5:
      return text.slice(0, at) + 'A'.repeat(20_000 + pick(20_000)) + text.slice(at);
    case 6:
      return text.slice(0, at) + '['.repeat(500) + ']'.repeat(pick(500)) + text.slice(at);
    case 7:
      return text.slice(0, at) + '\n' + '- '.repeat(300) + 'x\n' + text.slice(at);
    default: {
      const lines = text.split('\n');
      const i = pick(lines.length);
      lines.splice(i, 1);
      return lines.join('\n');
    }
  }
}

test(`${ITERATIONS} seeded mutations of Kuma files: no throw, no internal-error, within budget`, () => {
  const random = prng(20261127);
  const seeds = corpus();
  let slowest = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const [path, original] = seeds[i % seeds.length];
    let text = original;
    const rounds = 1 + Math.floor(random() * 3);
    for (let r = 0; r < rounds; r++) text = mutate(text, random);
    const start = performance.now();
    assert.doesNotThrow(() => buildDocument(path, text, 1), `iteration ${i} (${path})`);
    const findings = lintText(path, text, { now: NOW });
    const elapsed = performance.now() - start;
    if (process.env.KUMA_TLS_FUZZ_REPORT && elapsed > 200) console.log(`iteration ${i} ${path} ${text.length} chars: ${elapsed.toFixed(0)} ms`);
    slowest = Math.max(slowest, elapsed);
    const internal = findings.filter((f) => f.rule === 'internal-error');
    assert.deepEqual(internal.map((f) => f.message), [], `iteration ${i} (${path}): a rule threw`);
    assert.ok(elapsed < PER_INPUT_BUDGET_MS, `iteration ${i} (${path}) took ${elapsed.toFixed(0)} ms`);
  }
  if (process.env.KUMA_TLS_FUZZ_REPORT) console.log(`slowest input: ${slowest.toFixed(0)} ms`);
});
