// `kuma-tls renew <cert-file> [--keep-key] [--days N]` and `kuma-tls rotate-ca <channel-folder>
// --phase 1|2|3 [--days N]`: the current folder is the workspace; the plan's edits are written in
// one transaction (src/pki/write.ts), the changed files printed, and the workspace linted again.
// Exit 0 only when the result has no error findings.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LifecycleError, LifecyclePlan, applyEdits, changedPaths } from '../lint/lifecycle/plan';
import { planRenewal } from '../lint/lifecycle/renew';
import { planRotation, RotationPhase } from '../lint/lifecycle/rotate';
import { LintWorkspace } from '../lint/workspace';
import { KEY_FILE_MODE, PUBLIC_FILE_MODE } from '../pki/output';
import { escapeControlCharacters as terminalSafe } from '../pki/redact';
import { FileToWrite, OutputError, writeFilesAtomically } from '../pki/write';
import { FlagSpecs, parseArgs } from './args';
import { relativeFile, toCliFinding } from './format/shape';
import { formatText } from './format/text';
import { CliIo, EXIT_FINDINGS, EXIT_OK, UsageError } from './io';
import { documentsOf, loadWorkspace } from './workspaceFiles';

export const RENEW_HELP = `Usage:
  kuma-tls renew CERT-FILE [--keep-key] [--days N]
      Renews the certificate in CERT-FILE everywhere the current folder holds it (PEM files,
      Secret manifests, Helm values, install scripts): same subject and names, a new validity
      (default: the old lifetime), a new key unless --keep-key, signed by the CA in the folder
      that signed it (or by itself when self-signed). Prints the files it changed. Exit status:
      0 the result lints clean, 1 it has error findings, 2 usage error or nothing renewed.
`;

export const ROTATE_HELP = `Usage:
  kuma-tls rotate-ca CHANNEL-FOLDER --phase 1|2|3 [--days N]
      Replaces the CA of a channel folder (kuma-tls generate recipe) without downtime, one phase
      at a time, over the current folder as the workspace:
        1  trust both: ca.crt, caBundle and the zones' KDS CA become a bundle of the old and
           the new CA (written to next-ca.crt / next-ca.key);
        2  re-issue the certificates the old CA signed from the new CA (new keys);
        3  trust only the new CA.
      Each phase adds its roll-out commands to the channel's install.sh (bash install.sh
      rotate-ca-phase-N). Roll each phase out before the next. Exit status as for renew.
`;

const COMMON_FLAGS: FlagSpecs = { days: { kind: 'string' }, help: { kind: 'boolean', short: 'h' } };

export async function runRenew(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { ...COMMON_FLAGS, 'keep-key': { kind: 'boolean' } });
  if (parsed.booleans.has('help')) {
    io.stdout(RENEW_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('renew needs exactly one certificate file (see kuma-tls renew --help)');
  const certPath = path.resolve(io.cwd, parsed.positionals[0]);
  const root = workspaceRoot(io.cwd, certPath);
  const workspace = await loadWorkspace(root, io);
  if (!workspace.get(certPath)) throw new UsageError(`${terminalSafe(relativeFile(io.cwd, certPath))} is not a certificate file kuma-tls can read`);
  const plan = await planned(() => planRenewal(documentsOf(workspace), certPath, { keepKey: parsed.booleans.has('keep-key'), validityDays: days(parsed.strings.get('days')) }));
  return apply(plan, workspace, root, io, 'renewed');
}

export async function runRotateCa(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { ...COMMON_FLAGS, phase: { kind: 'string' } });
  if (parsed.booleans.has('help')) {
    io.stdout(ROTATE_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('rotate-ca needs exactly one channel folder (see kuma-tls rotate-ca --help)');
  const phaseText = parsed.strings.get('phase');
  if (phaseText !== '1' && phaseText !== '2' && phaseText !== '3') throw new UsageError('rotate-ca needs --phase 1, 2 or 3');
  const folder = path.resolve(io.cwd, parsed.positionals[0]);
  const root = workspaceRoot(io.cwd, folder);
  const workspace = await loadWorkspace(root, io);
  const phase = Number(phaseText) as RotationPhase;
  const plan = await planned(() => planRotation(documentsOf(workspace), folder, phase, { validityDays: days(parsed.strings.get('days')) }));
  return apply(plan, workspace, root, io, `phase ${phase} of 3 applied`);
}

/** The current folder when the target is inside it, else the target's own folder. */
function workspaceRoot(cwd: string, target: string): string {
  const relative = path.relative(cwd, target);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return cwd;
  return relative === '' ? cwd : path.dirname(target);
}

function days(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 36500) throw new UsageError(`invalid --days "${terminalSafe(value)}" (expected a whole number from 1 to 36500)`);
  return Number(value);
}

async function planned(plan: () => Promise<LifecyclePlan>): Promise<LifecyclePlan> {
  try {
    return await plan();
  } catch (error) {
    if (error instanceof LifecycleError) throw new UsageError(error.message);
    throw error;
  }
}

async function apply(plan: LifecyclePlan, workspace: LintWorkspace, root: string, io: CliIo, what: string): Promise<number> {
  const files: FileToWrite[] = [];
  const byPath = new Map<string, LifecyclePlan['edits']>();
  for (const edit of plan.edits) byPath.set(edit.path, [...(byPath.get(edit.path) ?? []), edit]);
  for (const [file, edits] of byPath) {
    const text = await fs.readFile(file, 'utf8');
    const content = applyEdits(text, edits);
    const mode = /PRIVATE KEY-----/.test(content) ? KEY_FILE_MODE : ((await fs.stat(file)).mode & 0o777) || PUBLIC_FILE_MODE;
    files.push({ path: file, content, mode });
  }
  for (const file of plan.newFiles) {
    if (await fs.lstat(file.path).then(() => true, () => false)) throw new UsageError(`${terminalSafe(relativeFile(io.cwd, file.path))} exists already; move it away first`);
    files.push(file);
  }
  if (files.length === 0) throw new UsageError('nothing to change');
  try {
    await writeFilesAtomically(files, { force: true, confineTo: root });
  } catch (error) {
    if (error instanceof OutputError) throw new UsageError(error.message);
    throw error;
  }
  io.stdout(`kuma-tls: ${what}; changed:\n${changedPaths(plan).map((p) => `  ${terminalSafe(relativeFile(io.cwd, p))}\n`).join('')}`);
  for (const skipped of plan.skipped) io.stdout(`kuma-tls: not changed (edit it by hand): ${terminalSafe(relativeFile(io.cwd, skipped.path))}: ${terminalSafe(skipped.label)}\n`);
  for (const note of plan.notes) io.stdout(`kuma-tls: ${terminalSafe(note)}\n`);
  for (const file of files) workspace.setDocument(file.path, Buffer.from(file.content as string, 'utf8'));
  const findings = [...workspace.lintAll().values()].flat().filter((f) => f.severity === 'error');
  if (findings.length === 0) return EXIT_OK;
  io.stderr(formatText(findings.map((f) => toCliFinding(io.cwd, f))));
  io.stderr(`kuma-tls: the workspace has ${findings.length} error finding(s) after the change\n`);
  return EXIT_FINDINGS;
}
