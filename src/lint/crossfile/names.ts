// Which Secret names each document defines and which it references, cached per parsed
// document (a new version is a new object), so a workspace-wide question costs one pass.
import { HELM_SECRET_SLOTS, helmSecretNames } from '../model/helm';
import { LintDocument } from '../model/document';
import { tlsShaped } from '../model/secret-producers';

const defined = new WeakMap<LintDocument, string[]>();
const referenced = new WeakMap<LintDocument, string[]>();
const SECRET_SETTINGS = new Set(HELM_SECRET_SLOTS.map(([, path]) => `controlPlane.tls.${path.join('.')}`));

export function definedSecretNames(doc: LintDocument): string[] {
  let names = defined.get(doc);
  if (!names) {
    names = [
      ...doc.secrets.flatMap((s) => (s.name ? [s.name] : [])),
      ...doc.commands.flatMap((c) => (c.kind === 'kubectl-secret' && c.name && !c.name.dynamic ? [c.name.value] : [])),
      ...doc.secretProducers.map((p) => p.name),
    ];
    defined.set(doc, names);
  }
  return names;
}

const tlsDefinitions = new WeakMap<LintDocument, boolean>();

/**
 * Whether the document defines a Secret a `controlPlane.tls.*.secretName` could name: type
 * kubernetes.io/tls, a certificate-shaped key (tls.crt, ca.crt…), or a cert-manager Certificate.
 */
export function definesTlsSecret(doc: LintDocument): boolean {
  let found = tlsDefinitions.get(doc);
  if (found === undefined) {
    found =
      doc.secrets.some((s) => tlsShaped(s.type, s.entries.map((e) => e.key))) ||
      doc.commands.some((c) => c.kind === 'kubectl-secret' && (c.secretType === 'tls' || tlsShaped(null, [...c.files.map((f) => f.key), ...c.literals.map((l) => l.key)]))) ||
      doc.secretProducers.some((p) => p.tls);
    tlsDefinitions.set(doc, found);
  }
  return found;
}

export function referencedSecretNames(doc: LintDocument): string[] {
  let names = referenced.get(doc);
  if (!names) {
    names = doc.yaml ? doc.helmValues.flatMap(({ doc: d }) => helmSecretNames(doc.yaml!, d).map((s) => s.secretName)) : [];
    for (const c of doc.commands) {
      if (c.kind !== 'install') continue;
      for (const s of c.sets) if (SECRET_SETTINGS.has(s.key) && !s.value.dynamic) names.push(s.value.value);
      for (const f of c.flags) if (/^tls-.*secret$/.test(f.key) && !f.value.dynamic) names.push(f.value.value);
    }
    referenced.set(doc, names);
  }
  return names;
}

const slotCaches = new Map<string, WeakMap<LintDocument, string[]>>();

/**
 * Names this document gives `controlPlane.tls.<section>.secretName`, in values or on install
 * lines (`--set …` or kumactl's `--<flag>`).
 */
export function secretNamesFor(doc: LintDocument, section: 'kdsGlobalServer' | 'apiServer', flag: string): string[] {
  let cache = slotCaches.get(section);
  if (!cache) slotCaches.set(section, (cache = new WeakMap()));
  const cached = cache.get(doc);
  if (cached) return cached;
  const out: string[] = [];
  if (doc.yaml) {
    for (const { doc: d } of doc.helmValues) {
      const name = doc.yaml.getString(d, ['controlPlane', 'tls', section, 'secretName']);
      if (name) out.push(name);
    }
  }
  for (const command of doc.commands) {
    if (command.kind !== 'install') continue;
    const value = command.sets.find((s) => s.key === `controlPlane.tls.${section}.secretName`)?.value ?? command.flags.find((f) => f.key === flag)?.value;
    if (value && !value.dynamic && value.value !== '') out.push(value.value);
  }
  cache.set(doc, out);
  return out;
}
