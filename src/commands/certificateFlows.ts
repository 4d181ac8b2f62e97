// The certificate commands' flows: ask (or take the options object), call src/pki, write into
// the workspace. Loaded on the first certificate command (see certificates.ts).
import * as vscode from 'vscode';
import { CertificateAuthority, generateCa, generateTlsCertificate, issueCertificate } from '../pki/generate';
import { loadCa } from '../pki/loadCa';
import { gitignorePattern, withGitignoreEntries } from '../pki/gitignore';
import { isCaRole, roleOfFileName, siblingKeyNames } from '../pki/fileRole';
import { caBundleOf, pemCertificateBlocks } from '../pki/inspect';
import { KeyType, isKeyType } from '../pki/keys';
import { assertKubernetesName, kubernetesNameProblem } from '../pki/names';
import { OutputFile, isSecretFile } from '../pki/output';
import { DEFAULT_CA_COMMON_NAME, RECIPES, defaultHostnames, runRecipe } from '../pki/recipes';
import { CertificatePrompts } from './prompts';
import { Cancelled, askHostnames, pickCertificateType, pickKeyType, pickRecipe, required } from './questions';
import { OutputLocation, existingFiles, outputLocation, writeToWorkspace } from './workspaceOutput';
import {
  CopyCaBundleOptions,
  GenerateCaOptions,
  GenerateCertificateOptions,
  IssueCertificateOptions,
  OutputOptions,
  RunRecipeOptions,
} from './certificates';

interface Settings {
  keyType: KeyType;
  validityDays: number;
  outputFolder: string;
  gitignorePrivateKeys: 'ask' | 'always' | 'never';
  namespace: string;
  serviceName: string;
}

const GITIGNORE_MEMORY = 'kumaTls.gitignorePrivateKeys.answer';

export class CertificateFlows {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly prompts: () => CertificatePrompts,
  ) {}

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
    const hostnames = options.hostnames ?? (await askHostnames(this.prompts(), defaultHostnames('general', settings.namespace, settings.serviceName), true));
    const keyType = options.keyType ?? (await pickKeyType(this.prompts(), settings.keyType));
    const pair = await this.withProgress(`Generating a ${keyType.toUpperCase()} key and certificate`, () =>
      generateTlsCertificate({ type, hostnames, keyType, validityDays: settings.validityDays }),
    );
    return this.write(location, pairFiles(pair, 'cert.pem', 'key.pem'), options);
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
    const ca = await this.withProgress(`Generating a ${keyType.toUpperCase()} certificate authority`, () =>
      generateCa({ commonName, keyType, validityDays: options.validityDays ?? settings.validityDays }),
    );
    return this.write(location, pairFiles(ca, 'ca.crt', 'ca.key'), options);
  }

  async issueCertificate(options: IssueCertificateOptions): Promise<vscode.Uri[] | undefined> {
    const location = await this.location(options.folder);
    const settings = settingsFor(location.workspaceFolder.uri);
    const ca = await this.readCa(options.caCert, options.caKey, location, true);
    if (ca === undefined) {
      throw new Cancelled();
    }
    const type = options.type ?? (await pickCertificateType(this.prompts()));
    const hostnames = options.hostnames ?? (await askHostnames(this.prompts(), defaultHostnames('general', settings.namespace, settings.serviceName), true));
    const keyType = options.keyType ?? (await pickKeyType(this.prompts(), settings.keyType));
    const pair = await this.withProgress(`Issuing a ${keyType.toUpperCase()} certificate`, () =>
      issueCertificate(ca, { type, hostnames, keyType, validityDays: settings.validityDays, commonName: options.commonName }),
    );
    return this.write(location, pairFiles(pair, 'tls.crt', 'tls.key'), options);
  }

  async runRecipe(options: RunRecipeOptions): Promise<vscode.Uri[] | undefined> {
    const recipeName = options.recipe ?? (await pickRecipe(this.prompts()));
    const recipe = RECIPES[recipeName];
    if (recipe === undefined) {
      throw new Error(`unknown recipe "${String(recipeName)}"`);
    }
    const workspaceFolder = await this.workspaceFolder(options.folder);
    const settings = settingsFor(workspaceFolder.uri);
    const location =
      options.folder === undefined
        ? outputLocation(workspaceFolder, `${settings.outputFolder}/${recipe.cliName}`)
        : await this.location(options.folder);
    const interactive = options.recipe === undefined;
    const namespace =
      options.namespace ??
      (interactive
        ? required(
            await this.prompts().showInputBox({
              title: recipe.title,
              prompt: 'Namespace of the Kuma control plane (the Secret must live there)',
              value: settings.namespace,
              validateInput: (value) => kubernetesNameProblem('namespace', value, 'Namespace'),
            }),
          )
        : settings.namespace);
    const serviceName = options.serviceName ?? settings.serviceName;
    // The core checks these again; here the message can say where the value came from.
    assertKubernetesName('namespace', namespace, options.namespace !== undefined ? 'namespace option' : interactive ? 'namespace' : 'namespace (setting kumaTls.controlPlane.namespace)');
    assertKubernetesName('serviceName', serviceName, options.serviceName === undefined ? 'service name (setting kumaTls.controlPlane.serviceName)' : 'serviceName option');
    let hostnames = options.hostnames;
    if (hostnames === undefined && interactive && recipe.issuesCertificate) {
      hostnames = await askHostnames(this.prompts(), defaultHostnames(recipeName, namespace, serviceName), recipeName === 'kdsGlobalServer');
    }
    const ca = await this.readCa(options.caCert, options.caKey, location, interactive);
    const keyType = options.keyType ?? settings.keyType;
    const result = await this.withProgress(`Generating the ${recipe.title} certificates`, () =>
      runRecipe({ recipe: recipeName, namespace, serviceName, hostnames, keyType, validityDays: settings.validityDays, ...(ca ? { ca } : {}) }),
    );
    return this.write(location, result.files, options);
  }

  async copyCaBundle(options: CopyCaBundleOptions): Promise<string | undefined> {
    const file = options.file ?? (await this.pickCertificateFile());
    const text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
      throw new Error(`${vscode.workspace.asRelativePath(file)} contains a private key; a caBundle must hold certificates only`);
    }
    if (pemCertificateBlocks(text).length === 0) {
      throw new Error(`${vscode.workspace.asRelativePath(file)} holds no PEM certificate`);
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

  private async write(location: OutputLocation, files: OutputFile[], options: OutputOptions): Promise<vscode.Uri[] | undefined> {
    const replaced = await existingFiles(location, files);
    if (replaced.length > 0) {
      const where = location.relativeFolder === '' ? location.workspaceFolder.name : location.relativeFolder;
      const answer = await this.prompts().confirm(
        `Replace ${replaced.length} existing file${replaced.length === 1 ? '' : 's'} in ${where}?`,
        replaced.map((file) => file.relativePath).join('\n'),
        'Replace',
      );
      if (answer !== 'Replace') {
        return undefined;
      }
    }
    const written = await writeToWorkspace(location, files, replaced.length > 0);
    if (location.directory.scheme !== 'file' && files.some(isSecretFile)) {
      void this.prompts().showInformationMessage(
        `Private keys were written to ${location.directory.scheme}: storage, which has no file modes; restrict access to them yourself.`,
      );
    }
    // Open the result before asking about .gitignore: the question may stay unanswered.
    if (options.reveal !== false) {
      await reveal(written, files);
    }
    await this.ignorePrivateKeys(location, files);
    return written;
  }

  private async ignorePrivateKeys(location: OutputLocation, files: OutputFile[]): Promise<void> {
    const secrets = files.filter(isSecretFile);
    const setting = settingsFor(location.workspaceFolder.uri).gitignorePrivateKeys;
    if (secrets.length === 0 || setting === 'never') {
      return;
    }
    let add = setting === 'always';
    if (setting === 'ask') {
      const remembered = this.context.workspaceState.get<string>(GITIGNORE_MEMORY);
      if (remembered === undefined) {
        const answer = await this.prompts().showInformationMessage('Add the generated private keys to .gitignore?', 'Add to .gitignore', "Don't add");
        if (answer !== undefined) {
          await this.context.workspaceState.update(GITIGNORE_MEMORY, answer === 'Add to .gitignore' ? 'always' : 'never');
        }
        add = answer === 'Add to .gitignore';
      } else {
        add = remembered === 'always';
      }
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

  private async readCa(
    certUri: vscode.Uri | undefined,
    keyUri: vscode.Uri | undefined,
    location: OutputLocation,
    ask: boolean,
  ): Promise<CertificateAuthority | undefined> {
    let cert = certUri;
    let key = keyUri;
    if (cert === undefined && ask) {
      const choice = await this.prompts().showQuickPick(
        [
          { label: 'Generate a new CA', reuse: false },
          { label: 'Use an existing CA…', description: 'a CA certificate and its key from the workspace', reuse: true },
        ],
        { title: 'Certificate authority' },
      );
      if (required(choice).reuse) {
        cert = required((await this.prompts().showOpenDialog({ title: 'CA certificate', defaultUri: location.directory, filters: PEM_FILTERS }))?.[0]);
      }
    }
    if (cert === undefined) {
      return undefined;
    }
    key ??= await siblingKey(cert);
    if (key === undefined) {
      key = required((await this.prompts().showOpenDialog({ title: 'Private key of the CA', defaultUri: cert, filters: PEM_FILTERS }))?.[0]);
    }
    const read = async (uri: vscode.Uri): Promise<string> => Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    return loadCa(await read(cert), await read(key));
  }

  private async pickCertificateFile(): Promise<vscode.Uri> {
    const active = vscode.window.activeTextEditor?.document;
    const found = await vscode.workspace.findFiles('**/*.{crt,pem,cer}', '**/node_modules/**', 500);
    // Keys and CRLs are no caBundle; CA files first, since a caBundle is a CA.
    const files = found.filter((uri) => !['key', 'crl'].includes(roleOfFileName(uri.path)));
    const caFirst = [...files.filter((uri) => isCaRole(roleOfFileName(uri.path))), ...files.filter((uri) => !isCaRole(roleOfFileName(uri.path)))];
    const items = caFirst.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }));
    if (active !== undefined && pemCertificateBlocks(active.getText()).length > 0) {
      items.unshift({ label: `$(file) ${vscode.workspace.asRelativePath(active.uri)}`, uri: active.uri });
    }
    const picked = await this.prompts().showQuickPick(items, { title: 'Copy caBundle', placeHolder: 'Certificate (usually ca.crt) to encode' });
    return required(picked).uri;
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
