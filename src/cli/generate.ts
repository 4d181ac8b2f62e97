// `kuma-tls generate …`: kumactl's tls-certificate with the same flags, plus CAs, issued
// certificates and the Kuma recipes. Glue only; the certificates come from src/pki.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FlagSpecs, ParsedArgs, noPositionals, parseArgs, requiredString } from './args';
import { CliIo, EXIT_OK, UsageError } from './io';
import { SYNC_FILE_SYSTEM } from './sync-file-system';
import {
  CertificateAuthority,
  CertificateRequestError,
  GeneratedCertificate,
  generateCa,
  generateTlsCertificate,
  isCertificateType,
  issueCertificate,
} from '../pki/generate';
import { splitHostnames, subjectAltNames } from '../pki/hostnames';
import { KeyType, isKeyType } from '../pki/keys';
import { KubernetesNameKind, NameError, assertKubernetesName } from '../pki/names';
import { KEY_FILE_MODE, PUBLIC_FILE_MODE, planWrite } from '../pki/output';
import { DEFAULT_CA_COMMON_NAME, RECIPES, recipeByCliName, runRecipe } from '../pki/recipes';
import { FileToWrite, OutputError, WriteReport, assertWritableFolder, existingOutputs, writeFilesAtomically, writeOutputFiles } from '../pki/write';

export const GENERATE_HELP = `Usage:
  kuma-tls generate tls-certificate --type=server|client --hostname=HOST[,HOST...] [--key-type=rsa|ecdsa]
                                    [--cert-file=cert.pem] [--key-file=key.pem] [--validity-days=3650] [--force]
      Self-signed certificate exactly like 'kumactl generate tls-certificate'. "-" writes to standard
      output (key first). Key files get mode 0600, certificates 0644.
  kuma-tls generate ca [--common-name=${DEFAULT_CA_COMMON_NAME}] [--key-type=rsa|ecdsa] [--validity-days=3650]
                       [--cert-file=ca.crt] [--key-file=ca.key] [--force]
  kuma-tls generate issue --ca-cert=ca.crt --ca-key=ca.key --type=server|client --hostname=HOST[,HOST...]
                          [--key-type=rsa|ecdsa] [--validity-days=3650] [--common-name=NAME]
                          [--cert-file=tls.crt] [--key-file=tls.key] [--force]
  kuma-tls generate recipe ${Object.values(RECIPES).map((recipe) => recipe.cliName).join('|')} --out=DIR
                           [--namespace=kuma-system] [--service-name=kuma-control-plane] [--hostname=HOST...]
                           [--secret-name=NAME] [--key-type=rsa|ecdsa] [--validity-days=3650]
                           [--ca-cert=ca.crt --ca-key=ca.key] [--force]
      Writes ca.crt (and ca.key unless a CA is given), tls.crt/tls.key, secret.yaml, values.yaml
      and install.sh into DIR.
`;

const KEY_FLAGS: FlagSpecs = {
  'key-type': { kind: 'string' },
  'validity-days': { kind: 'string' },
  force: { kind: 'boolean' },
  help: { kind: 'boolean', short: 'h' },
};
const PAIR_FLAGS: FlagSpecs = { ...KEY_FLAGS, 'cert-file': { kind: 'string' }, 'key-file': { kind: 'string' } };
const LEAF_FLAGS: FlagSpecs = { ...PAIR_FLAGS, type: { kind: 'string' }, hostname: { kind: 'list' } };

export async function runGenerate(args: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  try {
    switch (subcommand) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(GENERATE_HELP);
        return EXIT_OK;
      case 'tls-certificate':
        return await runTlsCertificate(rest, io);
      case 'ca':
        return await runCa(rest, io);
      case 'issue':
        return await runIssue(rest, io);
      case 'recipe':
        return await runRecipeCommand(rest, io);
      default:
        throw new UsageError(`unknown generate subcommand "${subcommand}" (expected tls-certificate, ca, issue or recipe)`);
    }
  } catch (error) {
    if (error instanceof NameError || error instanceof CertificateRequestError || error instanceof OutputError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

async function runTlsCertificate(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, LEAF_FLAGS);
  if (helpRequested(parsed, io)) {
    return EXIT_OK;
  }
  noPositionals(parsed, 'generate tls-certificate');
  const type = certificateType(parsed);
  const hostnames = hostnamesOf(parsed);
  const targets = pairTargets(parsed, io, 'cert.pem', 'key.pem');
  await refuseExisting(targets, parsed);
  const pair = await generateTlsCertificate({ type, hostnames, keyType: keyType(parsed), validityDays: validityDays(parsed) });
  return emitPair(pair, targets, parsed, io);
}

async function runCa(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { ...PAIR_FLAGS, 'common-name': { kind: 'string' } });
  if (helpRequested(parsed, io)) {
    return EXIT_OK;
  }
  noPositionals(parsed, 'generate ca');
  const targets = pairTargets(parsed, io, 'ca.crt', 'ca.key');
  await refuseExisting(targets, parsed);
  const ca = await generateCa({
    commonName: parsed.strings.get('common-name') ?? DEFAULT_CA_COMMON_NAME,
    keyType: keyType(parsed),
    validityDays: validityDays(parsed),
  });
  return emitPair(ca, targets, parsed, io);
}

async function runIssue(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, {
    ...LEAF_FLAGS,
    'ca-cert': { kind: 'string' },
    'ca-key': { kind: 'string' },
    'common-name': { kind: 'string' },
  });
  if (helpRequested(parsed, io)) {
    return EXIT_OK;
  }
  noPositionals(parsed, 'generate issue');
  const ca = await readCa(parsed, io, true);
  if (ca === undefined) {
    throw new UsageError('flags --ca-cert and --ca-key are required');
  }
  const type = certificateType(parsed);
  const hostnames = hostnamesOf(parsed);
  const targets = pairTargets(parsed, io, 'tls.crt', 'tls.key');
  await refuseExisting(targets, parsed);
  const commonName = parsed.strings.get('common-name');
  const pair = await issueCertificate(ca, {
    type,
    hostnames,
    keyType: keyType(parsed),
    validityDays: validityDays(parsed),
    ...(commonName === undefined ? {} : { commonName }),
  });
  return emitPair(pair, targets, parsed, io);
}

async function runRecipeCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, {
    ...KEY_FLAGS,
    out: { kind: 'string', short: 'o' },
    namespace: { kind: 'string', short: 'n' },
    'service-name': { kind: 'string' },
    'secret-name': { kind: 'string' },
    hostname: { kind: 'list' },
    'ca-cert': { kind: 'string' },
    'ca-key': { kind: 'string' },
  });
  if (helpRequested(parsed, io)) {
    return EXIT_OK;
  }
  const [name, ...extra] = parsed.positionals;
  if (name === undefined) {
    throw new UsageError(`generate recipe needs a recipe name (${Object.values(RECIPES).map((recipe) => recipe.cliName).join(', ')})`);
  }
  if (extra.length > 0) {
    throw new UsageError(`generate recipe takes one recipe name, got also "${extra[0]}"`);
  }
  const recipe = recipeByCliName(name);
  if (recipe === undefined) {
    throw new UsageError(`unknown recipe "${name}" (expected ${Object.values(RECIPES).map((each) => each.cliName).join(', ')})`);
  }
  const out = path.resolve(io.cwd, requiredString(parsed, 'out'));
  const namespace = kubernetesNameFlag(parsed, 'namespace', 'namespace');
  const serviceName = kubernetesNameFlag(parsed, 'service-name', 'serviceName');
  const secretName = kubernetesNameFlag(parsed, 'secret-name', 'secretName');
  await assertWritableFolder(out, SYNC_FILE_SYSTEM);
  const ca = await readCa(parsed, io, false);
  const result = await runRecipe({
    recipe: recipe.name,
    hostnames: splitHostnames(parsed.lists.get('hostname') ?? []),
    keyType: keyType(parsed),
    validityDays: validityDays(parsed),
    ...(namespace === undefined ? {} : { namespace }),
    ...(serviceName === undefined ? {} : { serviceName }),
    ...(secretName === undefined ? {} : { secretName }),
    ...(ca === undefined ? {} : { ca }),
  });
  const plan = planWrite(result.files, await existingOutputs(out, result.files, SYNC_FILE_SYSTEM));
  if (plan.overwrite.length > 0 && !parsed.booleans.has('force')) {
    throw new UsageError(
      `would overwrite ${plan.overwrite.map((file) => file.relativePath).join(', ')} in ${out} (use --force to overwrite)`,
    );
  }
  const report = await writeOutputFiles(out, result.files, { force: parsed.booleans.has('force'), fs: SYNC_FILE_SYSTEM });
  io.stdout(`${recipe.title}: wrote ${report.written.length} files to ${out}\n`);
  for (const file of result.files) {
    io.stdout(`  ${file.relativePath}\n`);
  }
  io.stdout(`Certificate names: ${result.hostnames.join(', ') || '(none, CA only)'}\nNext: bash ${path.join(out, 'install.sh')}\n`);
  warnAboutLeftovers(report, io);
  return EXIT_OK;
}

/** A name flag's value, checked before anything is generated; the message names the flag. */
function kubernetesNameFlag(parsed: ParsedArgs, flag: string, kind: KubernetesNameKind): string | undefined {
  const value = parsed.strings.get(flag);
  if (value !== undefined) {
    assertKubernetesName(kind, value, `--${flag}`);
  }
  return value;
}

/** The new files are in place; an old one that could not be deleted still holds the previous content. */
function warnAboutLeftovers(report: WriteReport, io: CliIo): void {
  if (report.notRemoved.length > 0) {
    io.stderr(`warning: could not delete the replaced file(s) ${report.notRemoved.join(', ')}; delete them yourself\n`);
  }
}

interface PairTargets {
  /** Absolute path, or '-' for standard output. */
  cert: string;
  key: string;
}

function pairTargets(parsed: ParsedArgs, io: CliIo, certDefault: string, keyDefault: string): PairTargets {
  const resolve = (value: string): string => (value === '-' ? '-' : path.resolve(io.cwd, value));
  return {
    cert: resolve(requiredString(parsed, 'cert-file', certDefault)),
    key: resolve(requiredString(parsed, 'key-file', keyDefault)),
  };
}

/** Both files are checked before any key is generated so a refusal never leaves half a pair. */
async function refuseExisting(targets: PairTargets, parsed: ParsedArgs): Promise<void> {
  if (targets.cert !== '-' && targets.cert === targets.key) {
    throw new UsageError('--cert-file and --key-file name the same file');
  }
  for (const target of [targets.key, targets.cert]) {
    if (target === '-') {
      continue;
    }
    const stat = await SYNC_FILE_SYSTEM.lstat(target).catch(() => undefined);
    if (stat !== undefined && !parsed.booleans.has('force')) {
      throw new UsageError(`${target} already exists (use --force to overwrite)`);
    }
    const directory = await SYNC_FILE_SYSTEM.stat(path.dirname(target)).catch(() => undefined);
    if (directory === undefined || !directory.isDirectory()) {
      throw new UsageError(`cannot write ${target}: directory ${path.dirname(target)} does not exist`);
    }
    await assertWritableFolder(path.dirname(target), SYNC_FILE_SYSTEM);
  }
}

async function emitPair(pair: GeneratedCertificate, targets: PairTargets, parsed: ParsedArgs, io: CliIo): Promise<number> {
  const force = parsed.booleans.has('force');
  const toStdout = targets.key === '-' || targets.cert === '-';
  // kumactl's order: key, then certificate. Progress lines go to stderr when stdout carries PEM.
  const progress = toStdout ? io.stderr : io.stdout;
  // Both files in one transaction: a failed certificate write must not leave the key behind.
  const files: FileToWrite[] = [];
  if (targets.key !== '-') {
    files.push({ path: targets.key, content: pair.keyPem, mode: KEY_FILE_MODE });
  }
  if (targets.cert !== '-') {
    files.push({ path: targets.cert, content: pair.certPem, mode: PUBLIC_FILE_MODE });
  }
  const report = files.length === 0 ? undefined : await writeFilesAtomically(files, { force, fs: SYNC_FILE_SYSTEM });
  if (targets.key === '-') {
    io.stdout(pair.keyPem);
  } else {
    progress(`Private key saved in ${targets.key}\n`);
  }
  if (targets.cert === '-') {
    io.stdout(pair.certPem);
  } else {
    progress(`Certificate saved in ${targets.cert}\n`);
  }
  if (report !== undefined) {
    warnAboutLeftovers(report, io);
  }
  return EXIT_OK;
}

async function readCa(parsed: ParsedArgs, io: CliIo, required: boolean): Promise<CertificateAuthority | undefined> {
  const certFile = parsed.strings.get('ca-cert');
  const keyFile = parsed.strings.get('ca-key');
  if (certFile === undefined && keyFile === undefined && !required) {
    return undefined;
  }
  if (certFile === undefined || keyFile === undefined) {
    throw new UsageError('flags --ca-cert and --ca-key go together');
  }
  const read = async (file: string, what: string): Promise<string> => {
    try {
      return readFileSync(path.resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  };
  // Imported here: reading a CA loads node-forge's ASN.1 reader, which generating alone never needs.
  const { loadCa } = await import(/* webpackChunkName: "load-ca" */ '../pki/loadCa');
  return loadCa(await read(certFile, 'CA certificate'), await read(keyFile, 'CA key'));
}

function helpRequested(parsed: ParsedArgs, io: CliIo): boolean {
  if (parsed.booleans.has('help')) {
    io.stdout(GENERATE_HELP);
    return true;
  }
  return false;
}

function certificateType(parsed: ParsedArgs): 'server' | 'client' {
  const type = requiredString(parsed, 'type');
  if (!isCertificateType(type)) {
    throw new UsageError(`invalid certificate type "${type}" (expected server or client)`);
  }
  return type;
}

function hostnamesOf(parsed: ParsedArgs): string[] {
  const hostnames = splitHostnames(parsed.lists.get('hostname') ?? []);
  if (hostnames.length === 0) {
    throw new UsageError('at least one hostname must be given (--hostname=HOST[,HOST...])');
  }
  subjectAltNames(hostnames);
  return hostnames;
}

function keyType(parsed: ParsedArgs): KeyType | undefined {
  const value = parsed.strings.get('key-type');
  if (value === undefined || value === '') {
    return undefined;
  }
  if (!isKeyType(value)) {
    throw new UsageError(`invalid key type "${value}" (expected rsa or ecdsa)`);
  }
  return value;
}

function validityDays(parsed: ParsedArgs): number | undefined {
  const value = parsed.strings.get('validity-days');
  if (value === undefined) {
    return undefined;
  }
  if (!/^[0-9]+$/.test(value)) {
    throw new UsageError(`invalid --validity-days "${value}" (expected a whole number of days)`);
  }
  return Number.parseInt(value, 10);
}
