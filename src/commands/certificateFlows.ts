// The certificate commands' flows: ask (or take the options object), call src/pki, write into
// the workspace. Loaded on the first certificate command (see certificates.ts).
import * as vscode from 'vscode';
import { CertificateAuthority, generateCa, generateTlsCertificate, issueCertificate } from '../pki/generate';
import { loadCa } from '../pki/loadCa';
import { gitignorePattern, withGitignoreEntries } from '../pki/gitignore';
import { isCaRole, roleOfFileName, siblingKeyNames } from '../pki/fileRole';
import { caBundleOf, pemCertificateBlocks } from '../pki/inspect';
import { KeyType, isKeyType } from '../pki/keys';
import { assertKubernetesName } from '../pki/names';
import { OutputFile, isSecretFile } from '../pki/output';
import { caCertificateProblem, issuedByCa, pemFileContent, withNameSuffix } from '../pki/choices';
import { keyBelongsTo } from '../lint/crossfile/pem';
import { DEFAULT_CA_COMMON_NAME, RECIPES, RecipeName, runRecipe } from '../pki/recipes';
import { CertificatePrompts } from './prompts';
import { Cancelled, askHostnames, pickCertificateType, pickKeyType, required } from './questions';
import { CaCandidate, RecipeAnswers, askRecipe } from './recipeSteps';
import { OutputLocation, existingFiles, outputLocation, writeToWorkspace } from './workspaceOutput';
import { workspaceFilesWith } from './workspaceFiles';
import {
  CopyCaBundleOptions,
  GenerateCaOptions,
  GenerateCertificateOptions,
  IssueCertificateOptions,
  OutputOptions,
  RunRecipeOptions,
} from './certificates';

export interface Settings {
  keyType: KeyType;
  validityDays: number;
  outputFolder: string;
  gitignorePrivateKeys: 'ask' | 'always' | 'never';
  namespace: string;
  serviceName: string;
}

const GITIGNORE_SETTING = 'certificates.gitignorePrivateKeys';
const ADD_TO_GITIGNORE = 'Add to .gitignore';
const DO_NOT_ADD = "Don't add";
const REPLACE = 'Replace';
/** Largest file read when listing certificates for a picker; bigger ones are no CA file. */
const MAX_PICKER_FILE_BYTES = 256 * 1024;

/** What a write did, for the message after it. */
interface Written {
  uris: vscode.Uri[];
  files: OutputFile[];
  location: OutputLocation;
}

export class CertificateFlows {
  /** The channel setup's answers per workspace folder, kept for the session when a run is cancelled. */
  private readonly recipeAnswers = new Map<string, RecipeAnswers>();

  constructor(private readonly prompts: () => CertificatePrompts) {}

  async guard<T>(flow: () => Promise<T | undefined>): Promise<T | undefined> {
    try {
      return await flow();
    } catch (error) {
      if (!(error instanceof Cancelled)) {
        // Not awaited: a notification's promise settles only when the user dismisses it.
        void this.prompts().showErrorMessage(`Kuma TLS: ${error instanceof Error ? error.message : String(error)}`);
      }
      return undefined;
    }
  }

  async generateCertificate(options: GenerateCertificateOptions): Promise<vscode.Uri[] | undefined> {
    const location = await this.location(options.folder);
    const settings = settingsFor(location.workspaceFolder.uri);
    const type = options.type ?? (await pickCertificateType(this.prompts()));
    const hostnames = options.hostnames ?? (await askHostnames(this.prompts(), type, settings));
    const keyType = options.keyType ?? (await pickKeyType(this.prompts(), settings.keyType));
    const pair = await this.withProgress(`Generating an ${keyType.toUpperCase()} key and certificate`, () =>
      generateTlsCertificate({ type, hostnames, keyType, validityDays: settings.validityDays }),
    );
    return this.finish(await this.write(location, pairFiles(pair, 'cert.pem', 'key.pem'), options), options);
  }

  async generateCa(options: GenerateCaOptions): Promise<vscode.Uri[] | undefined> {
    const location = await this.location(options.folder);
    const settings = settingsFor(location.workspaceFolder.uri);
    const commonName =
      options.commonName ??
      required(
        await this.prompts().showInputBox({
          title: 'Certificate authority',
          prompt: 'Common name of the new CA',
          value: DEFAULT_CA_COMMON_NAME,
          validateInput: (value) => (value.trim() === '' ? 'The CA needs a name' : undefined),
        }),
      ).trim();
    const keyType = options.keyType ?? (await pickKeyType(this.prompts(), settings.keyType));
    const ca = await this.withProgress(`Generating an ${keyType.toUpperCase()} certificate authority`, () =>
      generateCa({ commonName, keyType, validityDays: options.validityDays ?? settings.validityDays }),
    );
    return this.finish(await this.write(location, pairFiles(ca, 'ca.crt', 'ca.key'), options), options);
  }

  async issueCertificate(options: IssueCertificateOptions): Promise<vscode.Uri[] | undefined> {
    const location = await this.location(options.folder);
    const settings = settingsFor(location.workspaceFolder.uri);
    const caFiles = options.caCert !== undefined ? { cert: options.caCert, key: options.caKey } : await this.pickCaFiles(location);
    const ca = await this.readCa(caFiles.cert, caFiles.key);
    const type = options.type ?? (await pickCertificateType(this.prompts()));
    const hostnames = options.hostnames ?? (await askHostnames(this.prompts(), type, settings));
    const keyType = options.keyType ?? (await pickKeyType(this.prompts(), settings.keyType));
    const pair = await this.withProgress(`Issuing an ${keyType.toUpperCase()} certificate`, () =>
      issueCertificate(ca, { type, hostnames, keyType, validityDays: settings.validityDays, commonName: options.commonName }),
    );
    return this.finish(await this.write(location, pairFiles(pair, 'tls.crt', 'tls.key'), options), options);
  }

  async runRecipe(options: RunRecipeOptions): Promise<vscode.Uri[] | undefined> {
    const workspaceFolder = await this.workspaceFolder(options.folder);
    const settings = settingsFor(workspaceFolder.uri);
    if (options.recipe !== undefined) {
      return this.runRecipeWith({ ...options, recipe: options.recipe }, workspaceFolder, settings);
    }
    // Interactive: every answer a step, kept for the session if the person presses Escape.
    const key = workspaceFolder.uri.toString();
    const answers = this.recipeAnswers.get(key) ?? {};
    this.recipeAnswers.set(key, answers);
    const chosen = await askRecipe(this.prompts(), answers, {
      settings,
      folderGiven: options.folder !== undefined,
      secretNamesTaken: () => takenSecretNames(workspaceFolder),
      folderTaken: (relative) => folderHasFiles(workspaceFolder, relative),
      caCandidates: () => caCandidates(workspaceFolder),
    });
    let caCert = options.caCert;
    let caKey = options.caKey;
    if (caCert === undefined && chosen.ca.kind !== 'new') {
      const files = chosen.ca.kind === 'found' ? { cert: chosen.ca.cert, key: chosen.ca.key } : await this.browseCaFiles(workspaceFolder.uri);
      caCert = files.cert;
      caKey = files.key;
    }
    const written = await this.runRecipeWith(
      { ...options, recipe: chosen.recipe, namespace: chosen.namespace, secretName: chosen.secretName, hostnames: chosen.hostnames, caCert, caKey, folder: options.folder ?? vscode.Uri.joinPath(workspaceFolder.uri, ...chosen.folder.split('/')) },
      workspaceFolder,
      settings,
    );
    // Done: the next run proposes again (the name just written is no longer free).
    if (written !== undefined) this.recipeAnswers.delete(key);
    return written;
  }

  private async runRecipeWith(options: RunRecipeOptions & { recipe: RecipeName }, workspaceFolder: vscode.WorkspaceFolder, settings: Settings): Promise<vscode.Uri[] | undefined> {
    const recipe = RECIPES[options.recipe];
    if (recipe === undefined) {
      throw new Error(`unknown recipe "${String(options.recipe)}"`);
    }
    const location =
      options.folder === undefined
        ? outputLocation(workspaceFolder, `${settings.outputFolder}/${recipe.cliName}`)
        : await this.location(options.folder);
    const namespace = options.namespace ?? settings.namespace;
    const serviceName = options.serviceName ?? settings.serviceName;
    // The core checks these again; here the message can say where the value came from.
    assertKubernetesName('namespace', namespace, options.namespace !== undefined ? 'namespace' : 'namespace (setting kumaTls.controlPlane.namespace)');
    assertKubernetesName('serviceName', serviceName, options.serviceName === undefined ? 'service name (setting kumaTls.controlPlane.serviceName)' : 'serviceName option');
    if (options.secretName !== undefined) assertKubernetesName('secretName', options.secretName, 'Secret name');
    const ca = options.caCert !== undefined ? await this.readCa(options.caCert, options.caKey) : undefined;
    const keyType = options.keyType ?? settings.keyType;
    const result = await this.withProgress(`Generating the ${recipe.title} certificates`, () =>
      runRecipe({ recipe: options.recipe, namespace, serviceName, hostnames: options.hostnames, keyType, validityDays: settings.validityDays, secretName: options.secretName, ...(ca ? { ca } : {}) }),
    );
    return this.finish(await this.write(location, result.files, options, { besideAsFolder: true }), options);
  }

  async copyCaBundle(options: CopyCaBundleOptions): Promise<string | undefined> {
    const file = options.file ?? (await this.pickCertificateFile());
    const text = await readText(file);
    const label = vscode.workspace.asRelativePath(file);
    const content = pemFileContent(text);
    if (content === 'private-key') {
      throw new Error(`${label} contains a private key; a caBundle must hold certificates only`);
    }
    if (content === 'none') {
      throw new Error(`${label} holds no PEM certificate`);
    }
    // Picked or right-clicked, a leaf is almost always the wrong file: ask before copying it.
    if (content === 'certificate') {
      const answer = await this.prompts().confirm(
        `${label} is not a CA certificate. Copy it as caBundle anyway?`,
        'caBundle must be the CA that issued kuma-cp\'s certificate (usually ca.crt); a leaf certificate there makes every admission call fail with "x509: certificate signed by unknown authority".',
        'Copy anyway',
      );
      if (answer !== 'Copy anyway') throw new Cancelled();
    }
    const bundle = caBundleOf(text);
    await this.prompts().writeClipboard(bundle);
    void this.prompts().showInformationMessage(`caBundle of ${vscode.workspace.asRelativePath(file)} copied (one line, ${bundle.length} characters).`);
    return bundle;
  }

  private async workspaceFolder(folder: vscode.Uri | undefined): Promise<vscode.WorkspaceFolder> {
    if (!vscode.workspace.isTrusted) {
      throw new Error('certificates are only written in a trusted workspace');
    }
    if (folder !== undefined) {
      const owner = vscode.workspace.getWorkspaceFolder(folder);
      if (owner === undefined) {
        throw new Error(`${folder.toString(true)} is not inside a workspace folder`);
      }
      return owner;
    }
    const picked = await this.prompts().pickWorkspaceFolder();
    if (picked === undefined) {
      if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
        throw new Error('open a folder first; certificates are written into the workspace');
      }
      throw new Cancelled();
    }
    return picked;
  }

  private async location(folder: vscode.Uri | undefined): Promise<OutputLocation> {
    const workspaceFolder = await this.workspaceFolder(folder);
    if (folder === undefined) {
      return outputLocation(workspaceFolder, settingsFor(workspaceFolder.uri).outputFolder);
    }
    const relative = folder.path.slice(workspaceFolder.uri.path.length).replace(/^\/+/, '');
    return relative === '' ? { workspaceFolder, relativeFolder: '', directory: workspaceFolder.uri } : outputLocation(workspaceFolder, relative);
  }

  private async write(location: OutputLocation, files: OutputFile[], options: OutputOptions, how: { besideAsFolder?: boolean } = {}): Promise<Written | undefined> {
    const replaced = await existingFiles(location, files);
    let target = location;
    let toWrite = files;
    let replace = false;
    if (replaced.length > 0) {
      const where = location.relativeFolder === '' ? location.workspaceFolder.name : location.relativeFolder;
      const besideAction = how.besideAsFolder ? await besideFolder(files, location) : await besideFiles(files, location);
      const detail = [replaced.map((file) => file.relativePath).join('\n'), ...(await this.replacedCaWarnings(location, replaced))].join('\n\n');
      // The safe choice first: it is the default button, and Escape writes nothing.
      const answer = await this.prompts().confirm(
        `Replace ${replaced.length} existing file${replaced.length === 1 ? '' : 's'} in ${where}, or write the new files under new names?`,
        detail,
        besideAction.label,
        REPLACE,
      );
      if (answer === besideAction.label) {
        target = besideAction.location;
        toWrite = besideAction.files;
      } else if (answer === REPLACE) {
        replace = true;
      } else {
        return undefined;
      }
    }
    const uris = await writeToWorkspace(target, toWrite, replace);
    if (target.directory.scheme !== 'file' && toWrite.some(isSecretFile)) {
      void this.prompts().showInformationMessage(
        `Private keys were written to ${target.directory.scheme}: storage, which has no file modes; restrict access to them yourself.`,
      );
    }
    // Open the result before asking about .gitignore: the question may stay unanswered.
    if (options.reveal !== false) {
      await reveal(uris, toWrite);
    }
    await this.ignorePrivateKeys(target, toWrite);
    return { uris, files: toWrite, location: target };
  }

  /** Says which certificates beside a CA that is about to be replaced it issued. */
  private async replacedCaWarnings(location: OutputLocation, replaced: OutputFile[]): Promise<string[]> {
    if (location.directory.scheme !== 'file') return [];
    const warnings: string[] = [];
    for (const file of replaced.filter((f) => f.kind === 'cert')) {
      const existing = await readText(vscode.Uri.joinPath(location.directory, ...file.relativePath.split('/'))).catch(() => '');
      if (pemFileContent(existing) !== 'ca-certificate') continue;
      const others = await certificatesIn(location.directory, file.relativePath);
      const issued = issuedByCa(existing, others);
      if (issued.length > 0) {
        warnings.push(`${file.relativePath} is the CA that issued ${issued.join(', ')}: replacing it leaves them without the CA that verifies them.`);
      }
    }
    return warnings;
  }

  /** What was written and what to do next, as one notification (not awaited: it may stay open). */
  private finish(written: Written | undefined, options: OutputOptions): vscode.Uri[] | undefined {
    if (written === undefined) return undefined;
    if (options.reveal === false) return written.uris;
    const { location, files, uris } = written;
    const where = location.relativeFolder === '' ? location.workspaceFolder.name : location.relativeFolder;
    const uriOf = (name: string): vscode.Uri | undefined => uris[files.findIndex((f) => f.relativePath === name)];
    const script = files.find((f) => f.kind === 'script');
    const ca = files.find((f) => f.kind === 'cert' && isCaRole(roleOfFileName(f.relativePath)));
    const actions = new Map<string, () => unknown>();
    if (script) actions.set('Open install script', () => vscode.window.showTextDocument(uriOf(script.relativePath)!));
    if (ca) actions.set('Copy caBundle', () => vscode.commands.executeCommand('kumaTls.copyCaBundle', { file: uriOf(ca.relativePath) }));
    actions.set('Lint', () => vscode.commands.executeCommand('kumaTls.lintWorkspace'));
    void this.prompts()
      .showInformationMessage(`Wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${where}`, ...actions.keys())
      .then((choice) => (choice === undefined ? undefined : actions.get(choice)?.()));
    return uris;
  }

  private async ignorePrivateKeys(location: OutputLocation, files: OutputFile[]): Promise<void> {
    const secrets = files.filter(isSecretFile);
    const setting = settingsFor(location.workspaceFolder.uri).gitignorePrivateKeys;
    if (secrets.length === 0 || setting === 'never') {
      return;
    }
    let add = setting === 'always';
    if (setting === 'ask') {
      // Modal: a notification would sink into the bell while the new files open.
      const answer = await this.prompts().confirm(
        'Add the generated private keys to .gitignore?',
        `${secrets.map((f) => f.relativePath).join(', ')}. The answer is kept as the workspace setting kumaTls.${GITIGNORE_SETTING} ("always" or "never"); change it there, or set it back to "ask".`,
        ADD_TO_GITIGNORE,
        DO_NOT_ADD,
      );
      if (answer === ADD_TO_GITIGNORE || answer === DO_NOT_ADD) {
        await vscode.workspace
          .getConfiguration('kumaTls', location.workspaceFolder.uri)
          .update(GITIGNORE_SETTING, answer === ADD_TO_GITIGNORE ? 'always' : 'never', vscode.ConfigurationTarget.Workspace);
      }
      add = answer === ADD_TO_GITIGNORE;
    }
    if (!add) {
      return;
    }
    const prefix = location.relativeFolder === '' ? '' : `${location.relativeFolder}/`;
    const patterns = secrets.map((file) => gitignorePattern(`${prefix}${file.relativePath}`));
    const gitignore = vscode.Uri.joinPath(location.workspaceFolder.uri, '.gitignore');
    const existing = await vscode.workspace.fs.readFile(gitignore).then(
      (bytes) => Buffer.from(bytes).toString('utf8'),
      () => '',
    );
    const updated = withGitignoreEntries(existing, patterns);
    if (updated !== undefined) {
      await vscode.workspace.fs.writeFile(gitignore, Buffer.from(updated, 'utf8'));
    }
  }

  private async withProgress<T>(title: string, task: () => Promise<T>): Promise<T> {
    // Key generation runs in OpenSSL's thread pool and cannot be interrupted; cancelling
    // discards the result so nothing is written.
    return this.prompts().withProgress(title, async (token) => {
      const result = await task();
      if (token.isCancellationRequested) {
        throw new Cancelled();
      }
      return result;
    });
  }

  /** The CA to issue from: a CA certificate of the workspace whose key lies beside it, or one browsed to. */
  private async pickCaFiles(location: OutputLocation): Promise<{ cert: vscode.Uri; key?: vscode.Uri }> {
    const found = await caCandidates(location.workspaceFolder);
    const browse = { label: '$(folder-opened) Browse…', description: 'a CA certificate elsewhere', candidate: undefined as CaCandidate | undefined };
    const items = [...found.map((candidate) => ({ label: candidate.label, description: `key: ${candidate.keyLabel}`, candidate })), browse];
    const picked = required(
      await this.prompts().showQuickPick(items, {
        title: 'Issue Certificate from a CA',
        placeHolder: found.length > 0 ? 'CA certificate (listed: CA certificates whose key lies beside them)' : 'No CA certificate with its key beside it in the workspace: browse for one',
      }),
    );
    return picked.candidate ? { cert: picked.candidate.cert, key: picked.candidate.key } : this.browseCaFiles(location.directory);
  }

  /** Open dialogs for a CA certificate and its key; a key file or a non-CA is refused at once. */
  private async browseCaFiles(near: vscode.Uri): Promise<{ cert: vscode.Uri; key?: vscode.Uri }> {
    const cert = required((await this.prompts().showOpenDialog({ title: 'CA certificate', defaultUri: near, filters: PEM_FILTERS }))?.[0]);
    const problem = caCertificateProblem(await readText(cert), vscode.workspace.asRelativePath(cert));
    if (problem !== undefined) throw new Error(problem);
    return { cert, key: await siblingKey(cert) };
  }

  private async readCa(cert: vscode.Uri, keyUri: vscode.Uri | undefined): Promise<CertificateAuthority> {
    const certText = await readText(cert);
    const problem = caCertificateProblem(certText, vscode.workspace.asRelativePath(cert));
    if (problem !== undefined) throw new Error(problem);
    let key = keyUri ?? (await siblingKey(cert));
    if (key === undefined) {
      key = required((await this.prompts().showOpenDialog({ title: 'Private key of the CA', defaultUri: cert, filters: PEM_FILTERS }))?.[0]);
    }
    const keyText = await readText(key);
    if (!keyBelongsTo(certText, keyText)) {
      throw new Error(`${vscode.workspace.asRelativePath(key)} is not the private key of ${vscode.workspace.asRelativePath(cert)}`);
    }
    return loadCa(certText, keyText);
  }

  private async pickCertificateFile(): Promise<vscode.Uri> {
    const active = vscode.window.activeTextEditor?.document;
    const found = await workspaceFilesWith(['crt', 'pem', 'cer'], 500);
    // Only files that hold a certificate (no keys, CRLs or broken PEM); CA certificates first,
    // since a caBundle is a CA.
    const read = await readPickerFiles(found.filter((uri) => !['key', 'crl'].includes(roleOfFileName(uri.path))));
    const certificates = read.filter(({ text }) => ['ca-certificate', 'certificate'].includes(pemFileContent(text)));
    const isCa = ({ text }: { text: string }): boolean => pemFileContent(text) === 'ca-certificate';
    const ordered = [...certificates.filter(isCa), ...certificates.filter((c) => !isCa(c))];
    const items = ordered.map(({ uri, text }) => ({ label: vscode.workspace.asRelativePath(uri), description: isCa({ text }) ? 'CA' : 'not a CA', uri }));
    if (active !== undefined && pemCertificateBlocks(active.getText()).length > 0) {
      items.unshift({ label: `$(file) ${vscode.workspace.asRelativePath(active.uri)}`, description: 'open editor', uri: active.uri });
    }
    const picked = await this.prompts().showQuickPick(items, { title: 'Copy caBundle', placeHolder: 'Certificate (usually ca.crt) to encode' });
    return required(picked).uri;
  }
}

async function readText(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

/** Small files only, unreadable ones left out: a picker lists, it does not fail. */
async function readPickerFiles(uris: readonly vscode.Uri[]): Promise<Array<{ uri: vscode.Uri; text: string }>> {
  const out: Array<{ uri: vscode.Uri; text: string }> = [];
  for (const uri of uris) {
    try {
      if ((await vscode.workspace.fs.stat(uri)).size > MAX_PICKER_FILE_BYTES) continue;
      out.push({ uri, text: await readText(uri) });
    } catch {
      // gone or unreadable
    }
  }
  return out;
}

/** CA certificates of the workspace folder whose private key lies beside them and matches. */
async function caCandidates(workspaceFolder: vscode.WorkspaceFolder): Promise<CaCandidate[]> {
  const found = await workspaceFilesWith(['crt', 'pem', 'cer'], 500, workspaceFolder);
  const candidates: CaCandidate[] = [];
  for (const { uri, text } of await readPickerFiles(found)) {
    if (pemFileContent(text) !== 'ca-certificate') continue;
    const key = await siblingKey(uri);
    if (key === undefined || !keyBelongsTo(text, await readText(key).catch(() => ''))) continue;
    candidates.push({ cert: uri, key, label: vscode.workspace.asRelativePath(uri), keyLabel: vscode.workspace.asRelativePath(key) });
  }
  return candidates.sort((a, b) => a.label.localeCompare(b.label));
}

/** Secret names the folder's manifests and kubectl lines define, and the files defining each. */
async function takenSecretNames(workspaceFolder: vscode.WorkspaceFolder): Promise<Map<string, string[]>> {
  const found = await workspaceFilesWith(['yaml', 'yml', 'sh', 'bash', 'md'], 2000, workspaceFolder);
  const files = (await readPickerFiles(found)).map(({ uri, text }) => ({ path: vscode.workspace.asRelativePath(uri, false), text }));
  const { secretNamesDefinedIn } = await import('../lint/secretNames');
  return secretNamesDefinedIn(files);
}

async function folderHasFiles(workspaceFolder: vscode.WorkspaceFolder, relative: string): Promise<boolean> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(workspaceFolder.uri, ...relative.split('/')));
    return entries.length > 0;
  } catch {
    return false;
  }
}

/** The certificate files in `directory` other than `except`, for "which did this CA issue". */
async function certificatesIn(directory: vscode.Uri, except: string): Promise<Array<{ label: string; text: string }>> {
  const entries = await vscode.workspace.fs.readDirectory(directory).then(
    (e) => e,
    () => [] as [string, vscode.FileType][],
  );
  const names = entries.filter(([name, type]) => type === vscode.FileType.File && name !== except && /\.(crt|pem|cer)$/i.test(name)).map(([name]) => name);
  const read = await readPickerFiles(names.map((name) => vscode.Uri.joinPath(directory, name)));
  return read.map(({ uri, text }) => ({ label: uri.path.slice(uri.path.lastIndexOf('/') + 1), text }));
}

interface BesideChoice {
  label: string;
  location: OutputLocation;
  files: OutputFile[];
}

/** The same files under new names in the same folder (ca-2.crt, ca-2.key): a pair stays a pair. */
async function besideFiles(files: OutputFile[], location: OutputLocation): Promise<BesideChoice> {
  for (let suffix = 2; ; suffix++) {
    const renamed = files.map((f) => ({ ...f, relativePath: withNameSuffix(f.relativePath, suffix) }));
    if ((await existingFiles(location, renamed)).length === 0) {
      return { label: `Write beside as ${renamed.map((f) => f.relativePath).join(', ')}`, location, files: renamed };
    }
  }
}

/** The channel's files are one set that names itself (install.sh reads ca.crt): a new folder. */
async function besideFolder(files: OutputFile[], location: OutputLocation): Promise<BesideChoice> {
  const base = location.relativeFolder === '' ? 'kuma-tls' : location.relativeFolder;
  for (let suffix = 2; ; suffix++) {
    const folder = `${base}-${suffix}`;
    if (!(await folderHasFiles(location.workspaceFolder, folder))) {
      return { label: `Write to ${folder}`, location: outputLocation(location.workspaceFolder, folder), files };
    }
  }
}


const PEM_FILTERS = { 'PEM files': ['crt', 'pem', 'cer', 'key'], 'All files': ['*'] };

function pairFiles(pair: { certPem: string; keyPem: string }, certName: string, keyName: string): OutputFile[] {
  return [
    { relativePath: certName, content: pair.certPem, kind: 'cert' },
    { relativePath: keyName, content: pair.keyPem, kind: 'key' },
  ];
}

/** ca.crt → ca.key, tls.crt → tls.key, ca.pem → ca-key.pem, cert.pem → key.pem, when that file exists. */
async function siblingKey(cert: vscode.Uri): Promise<vscode.Uri | undefined> {
  for (const candidate of siblingKeyNames(cert.path)) {
    const uri = vscode.Uri.joinPath(cert, '..', candidate);
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (exists) {
      return uri;
    }
  }
  return undefined;
}

async function reveal(written: vscode.Uri[], files: OutputFile[]): Promise<void> {
  const firstCert = written.find((_uri, index) => files[index].kind === 'cert' && files[index].relativePath !== 'ca.crt') ??
    written.find((_uri, index) => files[index].kind === 'cert');
  if (firstCert !== undefined) {
    await vscode.window.showTextDocument(firstCert, { preview: true, preserveFocus: false });
    await vscode.commands.executeCommand('revealInExplorer', firstCert);
  }
}

function settingsFor(scope: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration('kumaTls', scope);
  const keyType = config.get<string>('certificates.keyType', 'rsa');
  const gitignore = config.get<string>('certificates.gitignorePrivateKeys', 'ask');
  return {
    keyType: isKeyType(keyType) ? keyType : 'rsa',
    validityDays: config.get<number>('certificates.validityDays', 3650),
    outputFolder: config.get<string>('certificates.outputFolder', 'certs'),
    gitignorePrivateKeys: gitignore === 'always' || gitignore === 'never' ? gitignore : 'ask',
    namespace: config.get<string>('controlPlane.namespace', 'kuma-system'),
    serviceName: config.get<string>('controlPlane.serviceName', 'kuma-control-plane'),
  };
}
