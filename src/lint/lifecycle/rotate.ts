// A CA replaced without downtime, in three phases that each leave a working system (the way
// trust rotations are done: add the new anchor everywhere, move the leaves, drop the old anchor):
//   1. trust both: every trust slot holding the old CA (ca.crt, caBundle, the zone's KDS CA,
//      KUMA_CONTROL_PLANE_CA_CERT) becomes the bundle old + new; the new CA is written beside
//      the channel's ca.crt as next-ca.crt / next-ca.key;
//   2. re-issue every leaf the old CA signed from the new CA, with new keys;
//   3. trust only the new CA: the old one leaves every bundle, ca.key becomes the new CA's key.
// Each phase also puts the commands that roll it out into the channel's install script.
import { X509Certificate } from 'node:crypto';
import * as path from 'node:path';
import { CertificateAuthority } from '../../pki/generate';
import { KEY_FILE_MODE, PUBLIC_FILE_MODE } from '../../pki/output';
import { RecipeName, RECIPE_NAMES } from '../../pki/recipes';
import { successorCa } from '../../pki/renew';
import { echo, echoSubject } from '../../pki/redact';
import { helmSetValue, shellQuote } from '../../pki/serialise';
import { issuedBy } from '../certs';
import { LintDocument } from '../model/document';
import { TextEdit } from '../types';
import { CertificatePiece, MaterialValue, materialValues } from './material-values';
import { emptyPlan, LifecycleError, LifecyclePlan, PemChanges } from './plan';
import { caFrom, copiesOf, keysOf, replaceEverywhere } from './renew';

export type RotationPhase = 1 | 2 | 3;

export const NEXT_CA_CERT = 'next-ca.crt';
export const NEXT_CA_KEY = 'next-ca.key';

export interface RotationOptions {
  /** Validity of the new CA (phase 1); default: the old CA's lifetime, at most 10 years. */
  validityDays?: number;
  now?: Date;
}

const PHASE_TITLES: Record<RotationPhase, string> = {
  1: 'trust the old and the new CA',
  2: 'certificates issued by the new CA',
  3: 'trust only the new CA',
};

/** A value that says whom to trust: a CA slot, or a file of nothing but CA certificates. */
function isTrustValue(value: MaterialValue): boolean {
  if (value.slot.content === 'ca') return true;
  return value.slot.content === 'any' && value.keys.length === 0 && value.certificates.every((c) => c.parsed.facts.isCA);
}

export async function planRotation(docs: readonly LintDocument[], channelFolder: string, phase: RotationPhase, options: RotationOptions = {}): Promise<LifecyclePlan> {
  const now = options.now ?? new Date();
  const folder = path.resolve(channelFolder);
  const values = materialValues(docs);
  const caValue = values.find((v) => v.doc.path === path.join(folder, 'ca.crt') && v.certificates.length > 0);
  if (!caValue) throw new LifecycleError(`${echo(path.join(channelFolder, 'ca.crt'))} holds no CA certificate: rotate-ca works on a channel folder (kuma-tls generate recipe)`);
  const nextCert = values.find((v) => v.doc.path === path.join(folder, NEXT_CA_CERT))?.certificates[0];
  const plan = emptyPlan();
  const changes = new PemChanges();
  if (phase === 1) {
    if (nextCert || caValue.certificates.length > 1) throw new LifecycleError(`phase 1 was applied already (${caValue.certificates.length > 1 ? 'ca.crt is a bundle' : `${NEXT_CA_CERT} exists`}); run phase 2`);
    const old = caValue.certificates[0];
    if (!old.parsed.facts.isCA) throw new LifecycleError('ca.crt is not a CA certificate (CA:FALSE)');
    const next = await successorCa(old.pem, { validityDays: options.validityDays, now });
    for (const { value, piece } of copiesOf(values, old.fingerprint)) {
      if (isTrustValue(value)) changes.add(value, { piece, newPem: next.certPem, insertAfter: true });
    }
    plan.newFiles.push({ path: path.join(folder, NEXT_CA_CERT), content: next.certPem, mode: PUBLIC_FILE_MODE }, { path: path.join(folder, NEXT_CA_KEY), content: next.keyPem, mode: KEY_FILE_MODE });
    plan.notes.push(`new CA "${echoSubject(new X509Certificate(next.certPem).subject ?? '')}" written to ${NEXT_CA_CERT} and ${NEXT_CA_KEY}; every trust bundle now holds the old and the new CA`);
  } else {
    const next = nextCa(values, folder, now);
    const nextFingerprint = new X509Certificate(next.certPem).fingerprint256;
    const olds = caValue.certificates.filter((c) => c.fingerprint !== nextFingerprint);
    if (olds.length === caValue.certificates.length) throw new LifecycleError(`ca.crt does not hold the new CA of ${NEXT_CA_CERT}: run phase 1 first`);
    if (olds.length === 0) throw new LifecycleError('ca.crt holds only the new CA: the rotation is complete');
    const leaves = leavesIssuedBy(values, olds);
    if (phase === 2) {
      if (leaves.length === 0) plan.notes.push('no certificate of the workspace is issued by the old CA any more');
      for (const leaf of leaves) {
        try {
          await replaceEverywhere(values, leaf, changes, { ca: next, now });
        } catch (error) {
          if (!(error instanceof LifecycleError)) throw error;
          plan.notes.push(`not re-issued: the certificate ${describe(leaf)} (${echo(error.message)})`);
        }
      }
    } else {
      if (leaves.length > 0) throw new LifecycleError(`the old CA still issued ${leaves.length} certificate(s) of the workspace (${leaves.map(describe).slice(0, 3).join(', ')}): run phase 2 first`);
      dropOldCas(values, olds, next, changes);
      plan.notes.push(`the old CA is gone; ${NEXT_CA_CERT} and ${NEXT_CA_KEY} now equal ca.crt and ca.key and can be deleted`);
    }
  }
  changes.into(plan);
  const script = scriptEdit(docs, folder, phase);
  if (script) plan.edits.push(script);
  else if (!docs.some((d) => d.path === path.join(folder, 'install.sh'))) plan.notes.push('the channel has no install.sh: apply the Secret and restart the control plane yourself');
  return plan;
}

function nextCa(values: readonly MaterialValue[], folder: string, now: Date): CertificateAuthority {
  const cert = values.find((v) => v.doc.path === path.join(folder, NEXT_CA_CERT))?.certificates[0];
  const key = values.find((v) => v.doc.path === path.join(folder, NEXT_CA_KEY))?.keys[0];
  if (!cert || !key) throw new LifecycleError(`${NEXT_CA_CERT} and ${NEXT_CA_KEY} (the new CA of phase 1) are not in the channel folder: run phase 1 first`);
  return caFrom(cert.pem, key.pem, now);
}

/** Distinct certificates (not CAs) that one of `cas` signed, once each. */
function leavesIssuedBy(values: readonly MaterialValue[], cas: readonly CertificatePiece[]): CertificatePiece[] {
  const leaves = new Map<string, CertificatePiece>();
  for (const certificate of values.flatMap((v) => v.certificates)) {
    if (certificate.parsed.facts.isCA || leaves.has(certificate.fingerprint)) continue;
    if (cas.some((ca) => issuedBy(certificate.parsed, ca.parsed))) leaves.set(certificate.fingerprint, certificate);
  }
  return [...leaves.values()];
}

/** Phase 3: the old CAs leave every value (replaced by the new CA where they were alone), the old CA keys become the new key. */
function dropOldCas(values: readonly MaterialValue[], olds: readonly CertificatePiece[], next: CertificateAuthority, changes: PemChanges): void {
  const oldFingerprints = new Set(olds.map((o) => o.fingerprint));
  const nextFingerprint = new X509Certificate(next.certPem).fingerprint256;
  for (const value of values) {
    const oldPieces = value.certificates.filter((c) => oldFingerprints.has(c.fingerprint));
    if (oldPieces.length === 0) continue;
    const others = value.certificates.filter((c) => !oldFingerprints.has(c.fingerprint));
    const holdsNext = others.some((c) => c.fingerprint === nextFingerprint);
    oldPieces.forEach((piece, index) => changes.add(value, { piece, newPem: index === 0 && !holdsNext && others.length === 0 ? next.certPem : '' }));
  }
  for (const old of olds) for (const { value, piece } of keysOf(values, old)) changes.add(value, { piece, newPem: next.keyPem });
}

function describe(certificate: CertificatePiece): string {
  const names = certificate.x509.subjectAltName?.replace(/DNS:|IP Address:/g, '') ?? '';
  return names ? `for ${echo(names)}` : `"${echoSubject(certificate.x509.subject ?? '') || 'no subject'}"`;
}

/** The channel's recipe and Secret name, from its values.yaml (controlPlane.tls.<channel>.secretName). */
function channelOf(docs: readonly LintDocument[], folder: string): { recipe: RecipeName; secretName: string } | null {
  const values = docs.find((d) => d.path === path.join(folder, 'values.yaml'));
  for (const { doc: d } of values?.helmValues ?? []) {
    for (const recipe of RECIPE_NAMES) {
      const secretName = values?.yaml?.getString(d, ['controlPlane', 'tls', recipe, 'secretName']);
      if (secretName) return { recipe, secretName };
    }
  }
  return null;
}

/**
 * The commands that roll a phase out, inserted into install.sh before its first command so that
 * `bash install.sh rotate-ca-phase-N` runs them and nothing else (the install steps create
 * what exists already). Null when there is no install.sh or the phase is in it already.
 */
function scriptEdit(docs: readonly LintDocument[], folder: string, phase: RotationPhase): TextEdit | null {
  const script = docs.find((d) => d.path === path.join(folder, 'install.sh'));
  const marker = `rotate-ca-phase-${phase}`;
  if (!script || script.text.includes(`= ${marker} ]`)) return null;
  const channel = channelOf(docs, folder);
  const hasSecretManifest = docs.some((d) => d.path === path.join(folder, 'secret.yaml'));
  const lines = [`# kuma-tls rotate-ca, phase ${phase} of 3 (${PHASE_TITLES[phase]}): run \`bash install.sh ${marker}\` once the files are updated.`, `if [ "\${1:-}" = ${marker} ]; then`];
  const body = rolloutCommands(channel, phase, hasSecretManifest);
  lines.push(...body.map((line) => `  ${line}`), '  exit 0', 'fi', '');
  const eol = script.lines.eol;
  const text = script.text;
  const first = /^(?:kubectl|kumactl|helm)\b/m.exec(text);
  const at = first ? first.index : text.length;
  const prefix = !first && text.length > 0 && !text.endsWith('\n') ? eol : '';
  const position = script.lines.pos(at);
  return { path: script.path, range: { start: position, end: position }, newText: prefix + lines.join(eol) + (first ? eol : '') };
}

function rolloutCommands(channel: { recipe: RecipeName; secretName: string } | null, phase: RotationPhase, hasSecretManifest: boolean): string[] {
  const restart = 'kubectl rollout restart deployment/kuma-control-plane -n "$NAMESPACE"';
  const applySecret = hasSecretManifest ? 'kubectl apply -f secret.yaml' : '# update the Secret from the files here: kubectl create secret … --dry-run=client -o yaml | kubectl apply -f -';
  if (!channel) return [applySecret, restart];
  const secretSet = shellQuote(`controlPlane.tls.${channel.recipe}.secretName=${helmSetValue(channel.secretName)}`);
  switch (channel.recipe) {
    case 'general': {
      const out = [applySecret];
      if (phase !== 2) {
        const caBundle = '"controlPlane.tls.general.caBundle=$(base64 -w0 < ca.crt)"';
        out.push(
          `helm upgrade --namespace "$NAMESPACE" kuma kuma/kuma --reuse-values --set ${secretSet} --set ${caBundle}`,
          `# Without Helm: kumactl install control-plane --set ${secretSet} --set ${caBundle} | kubectl apply -f -`,
          `# Data planes outside Kubernetes: give them the new ca.crt (KUMA_CONTROL_PLANE_CA_CERT_FILE)${phase === 1 ? ' before phase 2' : ''}.`,
        );
      }
      out.push(restart);
      return out;
    }
    case 'apiServer':
      if (phase === 2) return [applySecret, restart];
      return ['# kumactl verifies the API server with this CA: kumactl config control-planes add --name <name> --address https://<host>:5682 --ca-cert-file ca.crt --overwrite'];
    case 'kdsGlobalServer':
      if (phase === 2) return [applySecret, restart];
      return ['# Zones verify the global KDS server with this CA: apply this phase in each zone (their kdsZoneClient Secret ca.crt), then restart the zone control planes.'];
    case 'kdsZoneClient':
      return [applySecret, restart];
  }
}
