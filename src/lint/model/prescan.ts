// A cheap look at a file's text before any full parse. A chart monorepo holds thousands of YAML
// files (Helm templates, CRDs, dashboards) of which a handful are Kuma's: parsing and keeping all of
// them cost 944 MB on one. A file that fails this scan cannot be recognised as any Kuma kind
// (lint-rules.md, "Which files are Kuma files") nor produce anything another file's rules read
// (Secrets, cert-manager Certificates, ExternalSecrets, SealedSecrets, kustomize generators), so
// the workspace neither parses nor keeps it.
import { baseName, formatOf } from './kinds';

/**
 * Helm values (Kuma's and Kong Mesh's `kuma:` layout), kuma-dp's controlPlane.caCert, kumactl's
 * controlPlanes: each a key, in block, flow or JSON form. Not the bare word: Cluster API's
 * controlPlaneRef and KubeadmControlPlane alone let 43 of its 110 passing files through, none Kuma's.
 */
const CONTROL_PLANE_KEY = /(?:^|[\s{,[])["']?controlPlanes?["']?\s*:/m;

/** The same prefilter word for the marker below: the engine finds a literal, where a key form is tried at every space. */
const KUMA_CP_SECTION = /apiServer|dpServer|multizone|monitoringAssignmentServer|bootstrapServer|interCp/;

/**
 * kuma-cp config sections, as keys (block, flow or JSON), at any depth: the word alone let through
 * every file that mentions a multizone mesh (106 test inputs of kumahq/kuma hold `mesh: multizone-…`,
 * and READMEs say "a multizone deployment").
 */
const KUMA_CP_SECTION_KEY = new RegExp(`(?:^|[\\s{,[])["']?(?:${KUMA_CP_SECTION.source})["']?\\s*:`, 'm');

/** kuma-cp or kumactl named anywhere: a marker only with more (mayHoldKumaYaml). */
const KUMA_PROGRAM = /kuma-cp|kumactl/;

/**
 * What makes a mention of kuma-cp or kumactl Kuma's in YAML without another marker: a compose file
 * (its `services` key) whose service may run kuma-cp, or a Kuma version the workspace installs (a
 * kuma-cp or kuma-dp image tag, a `helm install` line): a YAML file holding only the names is read
 * for nothing else. Envoy configs name kuma-cp as a SAN to match (`"exact": "kuma-cp"`): 256 golden
 * files of kumahq/kuma's tests passed on that word alone, half of that repository's lint; the
 * kuma-website's navigation files name kumactl pages.
 */
const PROGRAM_CONTEXT = /(?:^|[\s{,[])["']?services["']?\s*:|kuma-[cd]p:v?\d|\bhelm\s+(?:install|upgrade|template)\b/m;

/** KUMA_* settings in any case (unknown-setting flags a lower-case one); not the kuma_io_* metric labels of every Kuma dashboard. */
const KUMA_SETTING = /[kK][uU][mM][aA]_(?![iI][oO]_)/;

/**
 * Where YAML sets a KUMA_ variable that a rule reads (lint-rules.md, "Workload env"): a workload's
 * containers (its kind), a compose service (`services`), an ECS task definition or CloudFormation
 * one (`containerDefinitions`). Helm's `controlPlane.envVars` has a marker of its own. Elsewhere the
 * name is read by no rule: kumahq/kuma's OpenTelemetry goldens name `kuma_dp_…` metrics, its
 * GitHub actions pass KUMA_ variables to e2e runs.
 */
const SETTING_CONTEXT = /kind["']?\s*:\s*["']?(?:Deployment|StatefulSet|DaemonSet|Pod|Job|CronJob|ReplicaSet)\b|(?:^|[\s{,[])["']?services["']?\s*:|[cC]ontainerDefinitions/m;

/**
 * Substrings that every Kuma kind, and every Secret producer, must contain in YAML. A PEM block is
 * not one: every kind that holds certificates names itself otherwise (`kind: Secret`,
 * `controlPlane`, a KUMA_ setting), while Envoy configs and test fixtures full of inline
 * certificates are none of Kuma's.
 */
export const YAML_MARKERS: readonly RegExp[] = [
  CONTROL_PLANE_KEY,
  KUMA_SETTING, // a workload's, compose service's or task definition's setting (see mayHoldKumaYaml)
  KUMA_PROGRAM, // a compose service running kuma-cp (see mayHoldKumaYaml)
  /kind["']?\s*:\s*["']?Secret\b/,
  // Producers of the Secrets values name. cert-manager's Certificate by its kind, not by
  // `secretName`: every other chart's values have one (Ingress TLS, existing Secrets), and no
  // Kuma kind is recognised by it (Kuma's own are under `controlPlane`).
  /kind["']?\s*:\s*["']?Certificate\b|ExternalSecret|SealedSecret|secretGenerator/,
  KUMA_CP_SECTION_KEY,
  /^["']?(?:general|store|runtime|diagnostics)["']?\s*:/m, // the same, for the generic section names only at the top level
];

/**
 * The markers as one expression: one pass over a text instead of one per marker, half the time
 * over the 46 MB of YAML of two chart repositories. Only the first and the last marker use `^`,
 * for which the `m` flag is meant; the others hold no anchor, and none a flag other than `m`.
 */
const ANY_YAML_MARKER = anyOf(YAML_MARKERS);

/** The same, global, to walk past markers on comment lines; the two that need a context; the others. */
const ANY_YAML_MARKER_ALL = new RegExp(ANY_YAML_MARKER.source, 'gm');
const PROGRAMS_ALL = new RegExp(KUMA_PROGRAM.source, 'gm');
const SETTINGS_ALL = new RegExp(KUMA_SETTING.source, 'gm');
/** The markers that count without a context. */
const STANDALONE_YAML_MARKERS_ALL = new RegExp(anyOf(YAML_MARKERS.filter((marker) => marker !== KUMA_PROGRAM && marker !== KUMA_SETTING)).source, 'gm');

/**
 * The same with `controlPlane` as a bare word, which the engine finds as a literal where the key
 * form is tried at every space: over 48 MB of YAML of nine public repositories, 190 ms against
 * 230. It answers most files (no marker at all) alone; only a text it passes is checked again.
 */
const ANY_YAML_MARKER_OR_WORD = anyOf(YAML_MARKERS.map((marker) => (marker === CONTROL_PLANE_KEY ? /controlPlane/ : marker === KUMA_CP_SECTION_KEY ? KUMA_CP_SECTION : marker)));

function anyOf(markers: readonly RegExp[]): RegExp {
  return new RegExp(markers.map((marker) => `(?:${marker.source})`).join('|'), 'm');
}

const COMMAND_MARKERS = /kumactl|kuma-cp|kuma-dp|helm\s+(?:install|upgrade|template)|kubectl\s+create\s+secret/;

/**
 * What a command in Markdown needs beside its marker for a rule to read it: a helm line is a Kuma
 * install only when it names Kuma's or Kong Mesh's chart or sets `controlPlane.` values
 * (`installsKumaChart` in commands.ts, `helmInstallVersions` in kuma-version.ts). Every other
 * marker holds itself. 85 of bitnami/charts' READMEs passed on `helm install` of their own charts.
 */
const KUMA_COMMAND_CONTEXT = /kuma|kong-mesh|controlPlane\.|kubectl\s+create\s+secret/i;

/**
 * False when the text cannot be a Kuma file of its format (only YAML and Markdown are screened;
 * every other format is cheap to read as it is).
 */
export function mayBeKumaFile(path: string, text: string): boolean {
  const format = formatOf(path, text);
  // A Markdown file's env blocks set KUMA_ variables with no YAML around them.
  if (format === 'markdown') return (COMMAND_MARKERS.test(text) && KUMA_COMMAND_CONTEXT.test(text)) || KUMA_SETTING.test(text) || mayHoldKumaYaml(text);
  if (format !== 'yaml') return true;
  // Version detection reads a chart's dependency on kuma or kong-mesh.
  if (/^chart\.ya?ml$/i.test(baseName(path))) return /kuma|kong-mesh/i.test(text);
  if (isHelmTemplate(path, text)) return false;
  if (!mayHoldKumaYaml(text)) return false;
  return !isCrdOrDashboard(text) && !isSoftwareBillOfMaterials(text) && !isOpenApiDocument(text);
}

/**
 * False when YAML text holds none of the substrings every Kuma kind and Secret producer must
 * contain outside a comment line: a YAML file's screen, and a Markdown file's YAML blocks' (most
 * READMEs that show a `helm install` line hold blocks of some other chart's values). A marker on a
 * comment line is no setting: kube-prometheus-stack's 200 kB values.yaml passed on a commented
 * example (`#   kind: Secret`) and was parsed for nothing, as were eleven more values files of its
 * repository.
 */
export function mayHoldKumaYaml(text: string): boolean {
  if (!ANY_YAML_MARKER_OR_WORD.test(text)) return false;
  const first = firstMarkerOutsideComments(text, ANY_YAML_MARKER_ALL);
  if (first === null) return false;
  // A program's name or a KUMA_ name counts only beside its context; any other marker is enough.
  // Each search stops at its first match outside a comment, and the last one leaves both out, so
  // a line of a million mentions is not walked mention by mention.
  const program = KUMA_PROGRAM.test(first);
  const setting = !program && KUMA_SETTING.test(first);
  if (!program && !setting) return true;
  if (PROGRAM_CONTEXT.test(text) && (program || firstMarkerOutsideComments(text, PROGRAMS_ALL) !== null)) return true;
  if (SETTING_CONTEXT.test(text) && (setting || firstMarkerOutsideComments(text, SETTINGS_ALL) !== null)) return true;
  return firstMarkerOutsideComments(text, STANDALONE_YAML_MARKERS_ALL) !== null;
}

/** The first match of the global `markers` that is not on a comment line, or null. */
function firstMarkerOutsideComments(text: string, markers: RegExp): string | null {
  markers.lastIndex = 0;
  for (let found = markers.exec(text); found !== null; found = markers.exec(text)) {
    // Judged on the marker's last character: a key form may start with the line break before it.
    const last = found.index + found[0].length - 1;
    if (!onCommentLine(text, last)) return found[0];
    // The rest of a comment line is comment: one step to the next line, however many markers it holds.
    const lineEnd = text.indexOf('\n', last);
    if (lineEnd < 0) return null;
    markers.lastIndex = lineEnd + 1;
  }
  return null;
}

/** Whether the character at `at` is on a line whose first non-blank character is a `#` before it. */
function onCommentLine(text: string, at: number): boolean {
  let i = text.lastIndexOf('\n', at - 1) + 1;
  while (i < at && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  return i < at && text.charCodeAt(i) === 0x23;
}

/**
 * A Helm template: its `{{ … }}` must be rendered before it is YAML at all, so what it will say is
 * unknowable (Kuma's own chart templates are the chart, not settings).
 */
function isHelmTemplate(path: string, text: string): boolean {
  if (!text.includes('{{')) return false;
  return /(?:^|[\\/])templates[\\/]/.test(path) || /^[ \t]*\{\{/m.test(text);
}

/**
 * A software bill of materials (CycloneDX or SPDX, JSON or YAML) lists packages, never settings;
 * Kuma's own GUI ships two whose package identifiers (`kuma_gui` in CPE names) pass the KUMA_
 * marker, and whose one-line JSON was reported as too dense to parse.
 */
function isSoftwareBillOfMaterials(text: string): boolean {
  const head = text.slice(0, 4096);
  return /["']?bomFormat["']?\s*:\s*["']?CycloneDX\b/.test(head) || /["']?spdxVersion["']?\s*:\s*["']?SPDX-/.test(head);
}

/**
 * An OpenAPI (or Swagger) document in YAML, alone in its file: its schemas name Kuma's settings and
 * fields (`controlPlanes`, KUMA_ variables in descriptions), never set them. kumahq/kuma's
 * generated API reference (640 kB) was the largest file its lint parsed. Its version and its
 * `paths` or `components` are top-level keys; a file with a second document is read as usual.
 */
function isOpenApiDocument(text: string): boolean {
  if (!/^(?:openapi|swagger)\s*:\s*["']?[23]\./m.test(text.slice(0, 4096))) return false;
  return /^(?:paths|components|definitions)\s*:/m.test(text) && !/^---/m.test(text);
}

const TOP_LEVEL_KIND = /^kind\s*:\s*["']?([A-Za-z]+)/gm;

/**
 * CustomResourceDefinitions and Grafana dashboards mention Kuma's names in schemas and queries,
 * never as settings. A Secret beside the CRDs is a document of its own, so its `kind` starts a
 * line; an indented `kind: Secret` is a schema's example or default (operator CRDs have many: a
 * 2.9 MB bundle of Kong's gateway operator was read as possibly Kuma's for one).
 */
function isCrdOrDashboard(text: string): boolean {
  if (/^["']?kind["']?\s*:\s*["']?Secret\b/m.test(text) || /KUMA_/.test(text)) return false;
  const kinds = [...text.matchAll(TOP_LEVEL_KIND)].map((m) => m[1]);
  if (kinds.length > 0 && kinds.every((kind) => kind === 'CustomResourceDefinition')) return true;
  return text.includes('"panels"') && (text.includes('"schemaVersion"') || text.includes('"__inputs"'));
}
