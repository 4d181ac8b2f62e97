// The key-leak invariant (issue 10): no finding text, in any output format, contains 16 or more
// consecutive characters of a private key that is in the input. Key-bearing workspaces are
// mutated the ways keys really get damaged or misplaced (a block line indented one level wrong,
// lines lost or joined, a key pasted into every scalar slot, the body without its PEM lines,
// encoded once or twice) and linted through LintWorkspace and the CLI's three formatters.
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { formatJson } from '../../src/cli/format/json';
import { formatSarif } from '../../src/cli/format/sarif';
import { toCliFinding } from '../../src/cli/format/shape';
import { formatText } from '../../src/cli/format/text';
import { KEY_WINDOW } from '../../src/pki/redact';
import { allRuleMeta } from '../../src/lint/rules';
import { Finding } from '../../src/lint/types';
import { LintWorkspace } from '../../src/lint/workspace';
import { Random, seededRandom } from './prng';

export interface KeyUnderTest {
  name: string;
  pem: string;
  /** Every KEY_WINDOW-character window of the key's base64 body, of its PEM's base64, and of that again. */
  windows: Set<string>;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function windowsOf(texts: readonly string[]): Set<string> {
  const windows = new Set<string>();
  for (const text of texts) {
    const compact = text.replace(/\s+/g, '');
    for (let i = 0; i + KEY_WINDOW <= compact.length; i++) windows.add(compact.slice(i, i + KEY_WINDOW));
  }
  return windows;
}

export function keyUnderTest(name: string, key: KeyObject, type: 'pkcs8' | 'pkcs1' | 'sec1'): KeyUnderTest {
  const pem = key.export({ type, format: 'pem' }) as string;
  const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  return { name, pem, windows: windowsOf([body, b64(pem), b64(b64(pem))]) };
}

/** RSA (PKCS#1 and PKCS#8) and EC (SEC 1 and PKCS#8) keys: every label and body shape Kuma meets. */
export function keysUnderTest(): KeyUnderTest[] {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  return [keyUnderTest('rsa-pkcs1', rsa, 'pkcs1'), keyUnderTest('rsa-pkcs8', rsa, 'pkcs8'), keyUnderTest('ec-sec1', ec, 'sec1'), keyUnderTest('ec-pkcs8', ec, 'pkcs8')];
}

/** The first window of `key` found in `text` (whitespace ignored), or undefined. */
export function leakedWindow(key: KeyUnderTest, text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  for (let i = 0; i + KEY_WINDOW <= compact.length; i++) {
    const window = compact.slice(i, i + KEY_WINDOW);
    if (key.windows.has(window)) return window;
  }
  return undefined;
}

const indent = (text: string, spaces: number): string =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');

/** The forms a key takes in a value: PEM, its bare body, base64 of PEM, base64 twice, one line. */
function keyForms(pem: string): string[] {
  const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  return [pem, body, b64(pem), b64(b64(pem)), pem.trimEnd().replace(/\n/g, ' '), body.slice(0, 44)];
}

/** A scalar as YAML writes it on one line (JSON strings are YAML). */
const inline = (value: string): string => JSON.stringify(value);

/** Relative path → content: the key in the slots it belongs in, and in every slot it does not. */
export function keyWorkspace(pem: string, random: Random): Record<string, string> {
  const form = (): string => random.pick(keyForms(pem));
  const wrong = (): string => inline(form());
  return {
    'secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: general-tls-certs\n  namespace: kuma-system\ntype: kubernetes.io/tls\ndata:\n  tls.key: ${b64(pem)}\n  ca.crt: ${b64(pem)}\n`,
    'secret-string.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-server-tls\n  namespace: kuma-system\nstringData:\n  tls.key: |\n${indent(pem, 4)}\n  tls.crt: |\n${indent(pem, 4)}\n  ca.crt: ${wrong()}\n`,
    'values.yaml': [
      'controlPlane:',
      `  mode: ${wrong()}`,
      '  tls:',
      '    general:',
      `      secretName: ${wrong()}`,
      `      caSecretName: ${wrong()}`,
      `      caBundle: ${wrong()}`,
      '    apiServer:',
      `      secretName: ${wrong()}`,
      '    kdsGlobalServer:',
      '      create: true',
      '      cert: |',
      indent(pem, 8),
      '      key: |',
      indent(pem, 8),
      '  service:',
      `    type: ${wrong()}`,
      '  envVars:',
      `    KUMA_API_SERVER_HTTP_INTERFACE: ${wrong()}`,
      `    KUMA_GENERAL_TLS_MIN_VERSION: ${wrong()}`,
      `    KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS: ${wrong()}`,
      `    KUMA_CONTROL_PLANE_CA_CERT: ${wrong()}`,
      `    ${form().replace(/\s+/g, '').slice(0, 200)}: x`,
      '',
    ].join('\n'),
    'kuma-cp.yaml': `apiServer:\n  http:\n    interface: ${wrong()}\n  https:\n    tlsMinVersion: ${wrong()}\ngeneral:\n  tlsCertFile: ${wrong()}\n`,
    'kuma-cp.env': `KUMA_API_SERVER_HTTP_INTERFACE=${inline(form())}\nKUMA_GENERAL_TLS_MAX_VERSION=${form().replace(/\s+/g, '')}\n${form().replace(/\s+/g, '')}\nKUMA_CONTROL_PLANE_CA_CERT="${pem.trimEnd()}"\n`,
    'kumactl.yaml': `controlPlanes:\n  - name: ${wrong()}\n    coordinates:\n      apiServer:\n        url: ${wrong()}\n        caCertFile: ${wrong()}\n`,
    'tls.key': pem,
    'ca.crt': pem,
    'install.sh': `kubectl create secret generic ${form().replace(/\s+/g, '').slice(0, 60)} -n kuma-system --from-literal=tls.key='${pem}' --from-literal=ca.crt=${b64(pem)}\nkumactl install control-plane --tls-general-secret=${form().replace(/\s+/g, '').slice(0, 80)} --tls-general-ca-bundle=${b64(pem)} | kubectl apply -f -\nhelm install kuma kuma/kuma -n ${form().replace(/\s+/g, '').slice(0, 50)} --set controlPlane.tls.general.caBundle=${b64(pem)}\n`,
  };
}

/** Damage one file the way keys are really damaged; returns the new text and what was done. */
export function damage(text: string, random: Random): { text: string; what: string } {
  const lines = text.split('\n');
  const keyLines = lines.map((l, i) => (/^\s+[A-Za-z0-9+/=]{20,}\s*$/.test(l) ? i : -1)).filter((i) => i >= 0);
  const pickLine = (): number => (keyLines.length > 0 && random.next() < 0.8 ? random.pick(keyLines) : random.int(lines.length));
  switch (random.int(7)) {
    case 0: {
      // One line of a block scalar indented one level (2 spaces) less: YAML ends the block there.
      const i = pickLine();
      lines[i] = lines[i].replace(/^ {2}/, '');
      return { text: lines.join('\n'), what: `dedent line ${i + 1}` };
    }
    case 1: {
      const i = pickLine();
      lines[i] = `  ${lines[i]}`;
      return { text: lines.join('\n'), what: `indent line ${i + 1}` };
    }
    case 2: {
      const i = pickLine();
      lines.splice(i, 1);
      return { text: lines.join('\n'), what: `delete line ${i + 1}` };
    }
    case 3: {
      const i = pickLine();
      if (i + 1 < lines.length) lines.splice(i, 2, `${lines[i]}${lines[i + 1].trim()}`);
      return { text: lines.join('\n'), what: `join line ${i + 1}` };
    }
    case 4: {
      const at = random.int(text.length + 1);
      return { text: text.slice(0, at), what: `truncate at ${at}` };
    }
    case 5: {
      const i = pickLine();
      lines[i] = lines[i].replace(/^(\s*)/, `$1${random.pick([':', '- ', '? ', '&a ', '"', "'", '#', '{'])}`);
      return { text: lines.join('\n'), what: `punctuate line ${i + 1}` };
    }
    default:
      return { text: text.replace(/\n/g, () => random.pick(['\n', '\r\n', '\r'])), what: 'mixed line ends' };
  }
}

export interface KeyLeak {
  iteration: number;
  key: string;
  file: string;
  damage: string[];
  where: string;
  window: string;
}

/** Every text a person reads of a finding set: raw findings, and the CLI's text, JSON and SARIF. */
function outputsOf(findings: readonly Finding[], root: string): Array<[string, string]> {
  const cli = findings.map((f) => toCliFinding(root, f));
  const raw = findings.map((f) => [f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title)].join('\n')).join('\n');
  return [
    ['findings', raw],
    ['text', formatText(cli)],
    ['json', formatJson(cli)],
    ['sarif', formatSarif(cli, allRuleMeta(), 'fuzz', root)],
  ];
}

export function runKeyLeakFuzz(options: { seed: number; iterations: number; keys?: KeyUnderTest[]; now?: Date }): { inputs: number; findings: number; leaks: KeyLeak[] } {
  const random = seededRandom(options.seed);
  const keys = options.keys ?? keysUnderTest();
  const root = '/fuzz';
  const leaks: KeyLeak[] = [];
  let findings = 0;
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const key = keys[iteration % keys.length];
    const files = keyWorkspace(key.pem, random);
    const names = Object.keys(files);
    const victim = random.pick(names);
    const applied: string[] = [];
    for (let rounds = 1 + random.int(2); rounds > 0; rounds--) {
      const result = damage(files[victim], random);
      files[victim] = result.text;
      applied.push(result.what);
    }
    const workspace = new LintWorkspace({ now: options.now ?? new Date('2026-11-27T12:00:00Z') });
    for (const name of names) workspace.setDocument(`${root}/${name}`, files[name]);
    const all = [...workspace.lintAll().values()].flat();
    findings += all.length;
    for (const [where, output] of outputsOf(all, root)) {
      const window = leakedWindow(key, output);
      if (window !== undefined) leaks.push({ iteration, key: key.name, file: victim, damage: applied, where, window });
    }
  }
  return { inputs: options.iterations, findings, leaks };
}
