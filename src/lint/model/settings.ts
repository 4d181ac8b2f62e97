// One list of "Kuma settings as written", whatever the file format: env files, container
// `env:` lists, docker-compose `environment:`, Helm `controlPlane.envVars`, and kuma-cp config
// YAML. Settings rules iterate this instead of knowing every format.
import { isMap, isScalar, isSeq, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { Span } from '../types';
import { commandValueText, KeyValue, KumaCommand } from './commands';
import { EnvFile } from './env';
import { isUnknowable } from './placeholders';
import { EmbeddedText, LineIndex, wholeValue } from './text';
import { scalarString, YamlDocument, YamlEntry, YamlFile } from './yaml';

export type SettingSource = 'env-file' | 'workload-env' | 'compose' | 'helm-env-vars' | 'kuma-cp-config' | 'command';

/** Which Kuma program reads these settings, as far as the file tells. */
export type SettingComponent = 'kuma-cp' | 'kuma-dp' | 'unknown';

export interface SettingOccurrence {
  source: SettingSource;
  /** The env variable name exactly as written (may be lower-case or misspelled); null for kuma-cp YAML. */
  envName: string | null;
  /** The kuma-cp YAML key path exactly as written (e.g. ['apiServer','http','interface']); null for env forms. */
  yamlPath: string[] | null;
  /** Unquoted, unescaped value; "" when empty or absent. */
  value: string;
  /** False when the value cannot be known statically: `valueFrom`, `$(…)`/`${VAR}`, a non-scalar. */
  known: boolean;
  nameRange: Span;
  valueRange: Span;
  /** Name and value together (a whole `- name: … value: …` item, a whole env line). */
  range: Span;
  /** 0-based line of the name. */
  line: number;
  /** The value with its way back to the document (for PEM in `KUMA_CONTROL_PLANE_CA_CERT`). */
  embedded: EmbeddedText;
  /** How the value is quoted in the source, so a replacement keeps the style. */
  quote: '"' | "'" | null;
}

/** Settings that belong together: one env file, one container, one compose service, one config document. */
export interface SettingScope {
  source: SettingSource;
  component: SettingComponent;
  /** Human-readable: "container kuma-cp", "service cp", "controlPlane.envVars", "env file". */
  label: string;
  /** Where scope-level findings go (the container's name, the `envVars` key, the first entry). */
  range: Span;
  occurrences: SettingOccurrence[];
  /** The YAML document the scope is in (YAML sources only; for envVars, the chart-values view of it). */
  yamlDoc?: YamlDocument;
  /** The command line the scope is on (env prefixes, `docker run -e`, `--set controlPlane.envVars.…`). */
  command?: KumaCommand;
  /** Command lines: where a new setting goes, as `${before}NAME=value${after}`. */
  insertion?: { at: Span; before: string; after: string };
  /**
   * `other`: the program does not run the servers these settings configure (an init container
   * such as `migration`, `kuma-cp migrate up`); control-plane server rules skip such scopes.
   */
  runs?: 'server' | 'other';
  /** Compose services: the `ports:` it publishes, as written. */
  ports?: PublishedPort[];
}

/** One `ports:` item of a compose service, short (`"127.0.0.1:5681:5681"`) or long (`target:`/`host_ip:`) syntax. */
export interface PublishedPort {
  /** The host address it binds to; '' when none is written (Docker binds every interface). */
  hostIp: string;
  /** Container ports published, ranges expanded as [first, last]. */
  target: readonly [number, number];
  /** False when a part is a variable (`${PORT}:5681`). */
  known: boolean;
  range: Span;
  /** The short-syntax item's value, for a fix that prefixes the host address; null for long syntax. */
  shortValue: { text: string; range: Span; quote: '"' | "'" | null } | null;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Job', 'CronJob', 'ReplicaSet']);

export const KUMA_CP_CONFIG_SECTIONS = [
  'general',
  'apiServer',
  'dpServer',
  'multizone',
  'monitoringAssignmentServer',
  'diagnostics',
  'bootstrapServer',
  'store',
  'runtime',
  'interCp',
] as const;

export function isKumaEnvName(name: string): boolean {
  return name.length > 5 && name.slice(0, 5).toUpperCase() === 'KUMA_';
}

/** Env-file settings: every `KUMA_*` line (any case, so `unknown-setting` can flag lower-case names). */
export function envFileScope(env: EnvFile): SettingScope | null {
  const occurrences: SettingOccurrence[] = [];
  for (const e of env.entries) {
    if (!isKumaEnvName(e.name)) continue;
    occurrences.push({
      source: 'env-file',
      envName: e.name,
      yamlPath: null,
      value: e.value,
      known: !e.hasSubstitution,
      nameRange: e.nameRange,
      valueRange: e.valueRange,
      range: e.range,
      line: e.line,
      embedded: e.embedded,
      quote: e.quote,
    });
  }
  if (occurrences.length === 0) return null;
  return { source: 'env-file', component: componentOf(occurrences), label: 'env file', range: occurrences[0].range, occurrences };
}

/** Settings scopes of one YAML document (workloads, compose services, Helm envVars, kuma-cp config). */
export function yamlScopes(file: YamlFile, doc: YamlDocument, isKumaCpConfig: boolean, helmValues: YamlDocument | null = null): SettingScope[] {
  const root = doc.root;
  if (!root || !isMap(root)) return [];
  const scopes: SettingScope[] = [];
  const kind = file.getString(doc, ['kind']);
  if (kind && WORKLOAD_KINDS.has(kind)) scopes.push(...workloadScopes(file, doc, kind));
  const services = file.getNode(doc, ['services']);
  if (services && isMap(services)) scopes.push(...composeScopes(file, doc, services));
  scopes.push(...taskDefinitionScopes(file, doc));
  const envVars = helmValues ? file.get(helmValues, ['controlPlane', 'envVars']) : undefined;
  if (helmValues && envVars && envVars.value && isMap(envVars.value)) {
    const occurrences = mapOccurrences(file, doc, envVars.value, 'helm-env-vars');
    if (occurrences.length > 0) scopes.push({ source: 'helm-env-vars', component: 'kuma-cp', label: 'controlPlane.envVars', range: envVars.keyRange ?? envVars.range, occurrences, yamlDoc: helmValues });
  }
  if (isKumaCpConfig) {
    const occurrences: SettingOccurrence[] = [];
    for (const entry of file.entries(doc, root)) {
      if ((KUMA_CP_CONFIG_SECTIONS as readonly string[]).includes(String(entry.path[0]))) collectLeaves(file, doc, entry, occurrences, 0);
    }
    if (occurrences.length > 0) scopes.push({ source: 'kuma-cp-config', component: 'kuma-cp', label: 'kuma-cp config', range: occurrences[0].range, occurrences });
  }
  for (const scope of scopes) scope.yamlDoc ??= doc;
  return scopes;
}

function workloadScopes(file: YamlFile, doc: YamlDocument, kind: string): SettingScope[] {
  const podSpecPath = kind === 'Pod' ? ['spec'] : kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
  const scopes: SettingScope[] = [];
  for (const list of ['initContainers', 'containers']) {
    const containers = file.getNode(doc, [...podSpecPath, list]);
    if (!containers || !isSeq(containers)) continue;
    for (const container of file.items(doc, containers)) {
      if (!container.value || !isMap(container.value)) continue;
      const env = file.getNode(doc, ['env'], container.value);
      if (!env || !isSeq(env)) continue;
      const occurrences: SettingOccurrence[] = [];
      for (const item of file.items(doc, env)) {
        if (!item.value || !isMap(item.value)) continue;
        const name = file.get(doc, ['name'], item.value);
        if (!name || !name.value || !isScalar(name.value)) continue;
        const envName = scalarString(name.value);
        if (!isKumaEnvName(envName)) continue;
        const valueEntry = file.get(doc, ['value'], item.value);
        const valueFrom = file.get(doc, ['valueFrom'], item.value);
        occurrences.push(occurrence(file, 'workload-env', envName, null, name.valueRange, valueEntry ?? valueFrom ?? null, item.range, valueFrom !== undefined));
      }
      if (occurrences.length === 0) continue;
      const containerName = file.get(doc, ['name'], container.value);
      const image = file.getString(doc, ['image'], container.value) ?? '';
      const label = `container ${containerName?.value && isScalar(containerName.value) ? scalarString(containerName.value) : '?'}`;
      const runs = list === 'initContainers' || runsOtherSubcommand(file, doc, container.value) ? 'other' : 'server';
      scopes.push({ source: 'workload-env', component: componentOf(occurrences, image + ' ' + label), label, range: containerName?.valueRange ?? container.range, occurrences, runs });
    }
  }
  return scopes;
}

/** `command`/`args` naming a kuma-cp or kuma-dp subcommand other than `run` (`migrate up`, `version`). */
function runsOtherSubcommand(file: YamlFile, doc: YamlDocument, container: YAMLMap): boolean {
  const words: string[] = [];
  for (const key of ['command', 'args']) {
    const list = file.getNode(doc, [key], container);
    if (list && isSeq(list)) for (const item of list.items) if (isScalar(item)) words.push(...scalarString(item).split(/\s+/));
  }
  const program = words.findIndex((w) => /(?:^|\/)kuma-(?:cp|dp)$/.test(w));
  const subcommand = program >= 0 ? words[program + 1] : words.find((w) => w !== '' && !w.startsWith('-'));
  return subcommand !== undefined && subcommand !== 'run' && /^[a-z][a-z-]*$/.test(subcommand);
}

function composeScopes(file: YamlFile, doc: YamlDocument, services: YAMLMap): SettingScope[] {
  const scopes: SettingScope[] = [];
  for (const service of file.entries(doc, services)) {
    if (!service.value || !isMap(service.value)) continue;
    const environment = file.getNode(doc, ['environment'], service.value);
    let occurrences: SettingOccurrence[] = [];
    if (environment && isMap(environment)) occurrences = mapOccurrences(file, doc, environment, 'compose');
    else if (environment && isSeq(environment)) {
      for (const item of file.items(doc, environment)) {
        if (!item.value || !isScalar(item.value)) continue;
        const text = scalarString(item.value);
        const eq = text.indexOf('=');
        const envName = eq < 0 ? text : text.slice(0, eq);
        if (!isKumaEnvName(envName)) continue;
        const embedded = file.embedded(item.value);
        const value = eq < 0 ? '' : text.slice(eq + 1);
        const valueStart = eq < 0 ? text.length : eq + 1;
        occurrences.push({
          source: 'compose',
          envName,
          yamlPath: null,
          value,
          known: eq >= 0 && !hasShellSubstitution(value),
          nameRange: embedded.spanOf(0, envName.length),
          valueRange: embedded.spanOf(valueStart, text.length),
          range: item.range,
          line: item.range.start.line,
          embedded: { text: value, range: embedded.spanOf(valueStart, text.length), spanOf: (s, e) => embedded.spanOf(valueStart + s, valueStart + e) },
          quote: quoteOf(item.value),
        });
      }
    }
    const image = file.getString(doc, ['image'], service.value) ?? '';
    const label = `service ${String(service.path[service.path.length - 1])}`;
    // A kuma-cp service with no KUMA_ variable still runs with Kuma's defaults, which its ports can publish.
    const runsKumaCp = runsProgram(file, doc, service.value, image, 'kuma-cp');
    if (occurrences.length === 0 && !runsKumaCp) continue;
    const ports = composePorts(file, doc, service.value);
    scopes.push({ source: 'compose', component: runsKumaCp ? 'kuma-cp' : componentOf(occurrences, image + ' ' + label), label, range: service.keyRange ?? service.range, occurrences, ports });
  }
  return scopes;
}

/** The image is `…/kuma-cp:<tag>`, or the command runs `kuma-cp`. */
function runsProgram(file: YamlFile, doc: YamlDocument, service: YAMLMap, image: string, program: string): boolean {
  if (new RegExp(`(?:^|/)${program}(?::|@|$)`).test(image)) return true;
  const command = file.getNode(doc, ['command'], service) ?? file.getNode(doc, ['entrypoint'], service);
  const words = command && isSeq(command) ? command.items.map((i) => (isScalar(i) ? scalarString(i) : '')) : command && isScalar(command) ? scalarString(command).split(/\s+/) : [];
  return words.some((w) => w === program || w.endsWith(`/${program}`));
}

function composePorts(file: YamlFile, doc: YamlDocument, service: YAMLMap): PublishedPort[] {
  const ports = file.getNode(doc, ['ports'], service);
  if (!ports || !isSeq(ports)) return [];
  const out: PublishedPort[] = [];
  for (const item of file.items(doc, ports)) {
    const value = item.value;
    if (value && isScalar(value)) {
      const text = scalarString(value);
      const parsed = shortPort(text);
      if (parsed) out.push({ ...parsed, range: item.range, shortValue: { text, range: item.range, quote: quoteOf(value) } });
    } else if (value && isMap(value)) {
      const target = file.getString(doc, ['target'], value) ?? '';
      const hostIp = file.getString(doc, ['host_ip'], value) ?? '';
      const first = Number(target);
      if (!Number.isInteger(first)) continue;
      out.push({ hostIp, target: [first, first], known: !hasShellSubstitution(hostIp), range: item.range, shortValue: null });
    }
  }
  return out;
}

/** `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, HOST_IP possibly `[v6]`. */
function shortPort(text: string): Pick<PublishedPort, 'hostIp' | 'target' | 'known'> | null {
  let rest = text.trim().replace(/\/(?:tcp|udp|sctp)$/i, '');
  let hostIp = '';
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2];
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) hostIp = parts.shift()!;
  const container = /^(\d+)(?:-(\d+))?$/.exec(parts[parts.length - 1]);
  if (!container) return null;
  const first = Number(container[1]);
  return { hostIp, target: [first, container[2] ? Number(container[2]) : first], known: !hasShellSubstitution(text) };
}

/**
 * ECS task definitions (`containerDefinitions[].environment: [{name, value}]`, as the ECS API and
 * `aws ecs register-task-definition` read them) and CloudFormation's `AWS::ECS::TaskDefinition`
 * (`ContainerDefinitions[].Environment: [{Name, Value}]`): each container's KUMA_ variables.
 */
function taskDefinitionScopes(file: YamlFile, doc: YamlDocument): SettingScope[] {
  const lists: Node[] = [];
  for (const path of [['containerDefinitions'], ['ContainerDefinitions'], ['taskDefinition', 'containerDefinitions']]) {
    const node = file.getNode(doc, path);
    if (node && isSeq(node)) lists.push(node);
  }
  const resources = file.getNode(doc, ['Resources']);
  if (resources && isMap(resources)) {
    for (const resource of file.entries(doc, resources)) {
      if (!resource.value || !isMap(resource.value) || file.getString(doc, ['Type'], resource.value) !== 'AWS::ECS::TaskDefinition') continue;
      const node = file.getNode(doc, ['Properties', 'ContainerDefinitions'], resource.value);
      if (node && isSeq(node)) lists.push(node);
    }
  }
  const scopes: SettingScope[] = [];
  for (const list of lists) {
    for (const container of file.items(doc, list as YAMLSeq)) {
      if (!container.value || !isMap(container.value)) continue;
      const field = (name: string): YamlEntry | undefined => taskDefinitionField(file, doc, container.value as YAMLMap, name);
      const env = field('environment');
      if (!env || !env.value || !isSeq(env.value)) continue;
      const occurrences: SettingOccurrence[] = [];
      for (const item of file.items(doc, env.value)) {
        if (!item.value || !isMap(item.value)) continue;
        const pair = (name: string): YamlEntry | undefined => taskDefinitionField(file, doc, item.value as YAMLMap, name);
        const name = pair('name');
        if (!name || !name.value || !isScalar(name.value)) continue;
        const envName = scalarString(name.value);
        if (!isKumaEnvName(envName)) continue;
        occurrences.push(occurrence(file, 'workload-env', envName, null, name.valueRange, pair('value') ?? null, item.range, false));
      }
      if (occurrences.length === 0) continue;
      const nameEntry = field('name');
      const containerName = nameEntry?.value && isScalar(nameEntry.value) ? scalarString(nameEntry.value) : '?';
      const image = field('image')?.value;
      const hint = `${image && isScalar(image) ? scalarString(image) : ''} container ${containerName}`;
      scopes.push({ source: 'workload-env', component: componentOf(occurrences, hint), label: `container ${containerName}`, range: nameEntry?.valueRange ?? container.range, occurrences });
    }
  }
  return scopes;
}

/** The ECS API spells fields `name`, CloudFormation `Name`. */
function taskDefinitionField(file: YamlFile, doc: YamlDocument, map: YAMLMap, name: string): YamlEntry | undefined {
  return file.get(doc, [name], map) ?? file.get(doc, [name[0].toUpperCase() + name.slice(1)], map);
}

function mapOccurrences(file: YamlFile, doc: YamlDocument, map: YAMLMap, source: SettingSource): SettingOccurrence[] {
  const out: SettingOccurrence[] = [];
  for (const entry of file.entries(doc, map)) {
    const envName = String(entry.path[entry.path.length - 1]);
    if (!isKumaEnvName(envName) || !entry.keyRange) continue;
    out.push(occurrence(file, source, envName, null, entry.keyRange, entry, entry.range, false));
  }
  return out;
}

const MAX_CONFIG_DEPTH = 12;

function collectLeaves(file: YamlFile, doc: YamlDocument, entry: YamlEntry, out: SettingOccurrence[], depth: number): void {
  const value = entry.value;
  if (value && isMap(value)) {
    if (depth >= MAX_CONFIG_DEPTH) return;
    // Aliased mappings are not descended into: a hostile config could fan out exponentially.
    if (entry.rawValue !== value) return;
    for (const child of file.entries(doc, value, entry.path)) collectLeaves(file, doc, child, out, depth + 1);
    return;
  }
  if (!entry.keyRange) return;
  out.push(occurrence(file, 'kuma-cp-config', null, entry.path.map(String), entry.keyRange, entry, entry.range, false));
}

function occurrence(
  file: YamlFile,
  source: SettingSource,
  envName: string | null,
  yamlPath: string[] | null,
  nameRange: Span,
  valueEntry: YamlEntry | null,
  range: Span,
  fromReference: boolean,
): SettingOccurrence {
  const node: Node | null = valueEntry?.value ?? null;
  const scalar = node && isScalar(node) ? node : null;
  const embedded = scalar ? file.embedded(scalar) : wholeValue('', valueEntry?.valueRange ?? nameRange);
  const value = scalar ? scalarString(scalar) : isSeq(node) ? seqText(node.items) : '';
  const known = !fromReference && (scalar !== null || node === null || isSeq(node)) && !hasShellSubstitution(value);
  return {
    source,
    envName,
    yamlPath,
    value,
    known,
    nameRange,
    valueRange: valueEntry?.valueRange ?? nameRange,
    range,
    line: nameRange.start.line,
    embedded,
    quote: scalar ? quoteOf(scalar) : null,
  };
}

function seqText(items: unknown[]): string {
  return items.map((i) => (isScalar(i) ? scalarString(i) : '')).join(',');
}

function quoteOf(node: Scalar): '"' | "'" | null {
  return node.type === Scalar.QUOTE_DOUBLE ? '"' : node.type === Scalar.QUOTE_SINGLE ? "'" : null;
}

/**
 * Settings written on command lines: `KUMA_…=… kuma-cp run` prefixes and `docker run -e KUMA_…=…`
 * of a kuma-cp/kuma-dp command, and `--set controlPlane.envVars.KUMA_…=…` / kumactl's
 * `--env-var KUMA_…=…` of an install line (the chart's control-plane env).
 */
export function commandScopes(commands: readonly KumaCommand[], lines: LineIndex): SettingScope[] {
  const scopes: SettingScope[] = [];
  for (const command of commands) {
    if (command.kind === 'program' && command.program !== 'kumactl') {
      const occurrences = command.env.filter((e) => isKumaEnvName(e.key)).map((e) => commandOccurrence('command', e.key, e, lines));
      if (occurrences.length === 0) continue;
      const runs = command.subcommand[0] === undefined || command.subcommand[0] === 'run' ? 'server' : 'other';
      const first = occurrences[0];
      scopes.push({ source: 'command', component: command.program, label: `${command.program} command line`, range: first.range, occurrences, command, runs, insertion: { at: { start: first.nameRange.start, end: first.nameRange.start }, before: '', after: ' ' } });
    } else if (command.kind === 'install') {
      const occurrences: SettingOccurrence[] = [];
      for (const set of command.sets) {
        const name = /^controlPlane\.envVars\.(.+)$/.exec(set.key)?.[1];
        if (!name || set.file || !isKumaEnvName(name)) continue;
        const nameStart = set.key.length - name.length;
        occurrences.push(commandOccurrence('helm-env-vars', name, { ...set, keyRange: shiftStart(set.keyRange, nameStart) }, lines));
      }
      for (const flag of command.flags) {
        if (flag.key !== 'env-var') continue;
        const eq = flag.value.value.indexOf('=');
        const name = eq > 0 ? flag.value.value.slice(0, eq) : '';
        if (!isKumaEnvName(name)) continue;
        const value = { value: flag.value.value.slice(eq + 1), range: lines.span(flag.value.offsets[eq + 1], flag.value.offsets[flag.value.offsets.length - 1]), dynamic: flag.value.dynamic, offsets: flag.value.offsets.slice(eq + 1) };
        occurrences.push(commandOccurrence('helm-env-vars', name, { key: name, keyRange: lines.span(flag.value.offsets[0], flag.value.offsets[eq]), value }, lines));
      }
      if (occurrences.length === 0) continue;
      const at = { start: command.range.end, end: command.range.end };
      const before = command.tool === 'kumactl' ? ' --env-var ' : ' --set controlPlane.envVars.';
      scopes.push({ source: 'helm-env-vars', component: 'kuma-cp', label: 'controlPlane.envVars', range: occurrences[0].range, occurrences, command, insertion: { at, before, after: '' } });
    }
  }
  return scopes;
}

function commandOccurrence(source: SettingSource, envName: string, kv: KeyValue, lines: LineIndex): SettingOccurrence {
  return {
    source,
    envName,
    yamlPath: null,
    value: kv.value.value,
    known: !kv.value.dynamic,
    nameRange: kv.keyRange,
    valueRange: kv.value.range,
    range: { start: kv.keyRange.start, end: kv.value.range.end },
    line: kv.keyRange.start.line,
    embedded: commandValueText(kv.value, lines),
    quote: null,
  };
}

/** A one-line range without its first `by` characters. */
function shiftStart(range: Span, by: number): Span {
  return { start: { line: range.start.line, character: range.start.character + by }, end: range.end };
}

/** `$(…)`, `${VAR}`, `{{ … }}`, `{% … %}`, `<your-…>`: shell or template values the linter cannot know. */
export function hasShellSubstitution(value: string): boolean {
  return isUnknowable(value);
}

const CP_ONLY_PREFIXES = ['KUMA_GENERAL_', 'KUMA_API_SERVER_', 'KUMA_DP_SERVER_', 'KUMA_MULTIZONE_', 'KUMA_STORE_', 'KUMA_MONITORING_ASSIGNMENT_SERVER_', 'KUMA_DIAGNOSTICS_', 'KUMA_RUNTIME_', 'KUMA_INTER_CP_', 'KUMA_BOOTSTRAP_SERVER_', 'KUMA_MODE', 'KUMA_ENVIRONMENT'];
const DP_ONLY_PREFIXES = ['KUMA_CONTROL_PLANE_', 'KUMA_DATAPLANE_', 'KUMA_DNS_'];

function componentOf(occurrences: SettingOccurrence[], hint = ''): SettingComponent {
  const lowerHint = hint.toLowerCase();
  if (lowerHint.includes('kuma-cp') || lowerHint.includes('control-plane')) return 'kuma-cp';
  if (lowerHint.includes('kuma-dp') || lowerHint.includes('dataplane')) return 'kuma-dp';
  let cp = 0;
  let dp = 0;
  for (const o of occurrences) {
    const name = (o.envName ?? '').toUpperCase();
    if (CP_ONLY_PREFIXES.some((p) => name.startsWith(p))) cp++;
    else if (DP_ONLY_PREFIXES.some((p) => name.startsWith(p))) dp++;
  }
  if (cp > dp) return 'kuma-cp';
  if (dp > cp) return 'kuma-dp';
  return 'unknown';
}
