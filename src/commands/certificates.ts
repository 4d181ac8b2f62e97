// Palette commands for certificates: thin glue that asks (or takes an options object), calls
// src/pki, and writes into the workspace. Every command returns the written URIs, or undefined
// when the user cancelled or something was refused.
import * as vscode from 'vscode';
import type { CertificateType } from '../pki/generate';
import type { KeyType } from '../pki/keys';
import type { RecipeName } from '../pki/recipes';
import type { CertificateFlows } from './certificateFlows';
import { CertificatePrompts, windowPrompts } from './prompts';

type FlowsModule = typeof import('./certificateFlows');

export const CERTIFICATE_COMMANDS = {
  generateCertificate: 'kumaTls.generateCertificate',
  generateCa: 'kumaTls.generateCa',
  issueCertificate: 'kumaTls.issueCertificate',
  runRecipe: 'kumaTls.runRecipe',
  copyCaBundle: 'kumaTls.copyCaBundle',
} as const;

/** Shared by the options objects: where to write and whether to open the result. */
export interface OutputOptions {
  /** Output folder; must lie inside a workspace folder. Default: the outputFolder setting. */
  folder?: vscode.Uri;
  keyType?: KeyType;
  /** false: do not open or reveal the written files (tests, walkthroughs). */
  reveal?: boolean;
}

export interface GenerateCertificateOptions extends OutputOptions {
  type?: CertificateType;
  hostnames?: string[];
}

export interface GenerateCaOptions extends OutputOptions {
  commonName?: string;
  validityDays?: number;
}

export interface IssueCertificateOptions extends GenerateCertificateOptions {
  caCert?: vscode.Uri;
  caKey?: vscode.Uri;
  commonName?: string;
}

export interface RunRecipeOptions extends OutputOptions {
  recipe?: RecipeName;
  namespace?: string;
  serviceName?: string;
  /** Name of the Secret the files define and the values name; default: the channel's usual name. */
  secretName?: string;
  /** Extra names; the ones the channel needs are always included. */
  hostnames?: string[];
  /** Reuse a CA (both given), else a new CA is generated. */
  caCert?: vscode.Uri;
  caKey?: vscode.Uri;
}

export interface CopyCaBundleOptions {
  file?: vscode.Uri;
}

export interface CertificateCommands {
  /** Swaps the prompts (in-editor tests answer instead of a person) until the disposable is disposed. */
  usePrompts(prompts: CertificatePrompts): vscode.Disposable;
  /** The prompts in use now (the lifecycle commands ask through the same ones). */
  prompts(): CertificatePrompts;
}

export function registerCertificateCommands(context: vscode.ExtensionContext, prompts: CertificatePrompts = windowPrompts): CertificateCommands {
  let current = prompts;
  // The flows (and through them node-forge and the certificate builder) load on the first
  // certificate command, not at activation.
  let loaded: CertificateFlows | undefined;
  const flows = {
    guard: <T>(run: (f: CertificateFlows) => Promise<T | undefined>): Promise<T | undefined> => {
      loaded ??= new (require('./certificateFlows') as FlowsModule).CertificateFlows(() => current);
      const instance = loaded;
      return instance.guard(() => run(instance));
    },
  };
  const register = <T>(id: string, handler: (f: CertificateFlows, options: T | undefined) => Promise<vscode.Uri[] | string | undefined>): vscode.Disposable =>
    vscode.commands.registerCommand(id, (options?: T) => flows.guard((f) => handler(f, options)));
  context.subscriptions.push(
    register<GenerateCertificateOptions>(CERTIFICATE_COMMANDS.generateCertificate, (f, options) => f.generateCertificate(options ?? {})),
    register<GenerateCaOptions>(CERTIFICATE_COMMANDS.generateCa, (f, options) => f.generateCa(options ?? {})),
    register<IssueCertificateOptions>(CERTIFICATE_COMMANDS.issueCertificate, (f, options) => f.issueCertificate(options ?? {})),
    register<RunRecipeOptions>(CERTIFICATE_COMMANDS.runRecipe, (f, options) => f.runRecipe(options ?? {})),
    // From the explorer context menu the argument is the clicked file's URI.
    register<CopyCaBundleOptions | vscode.Uri>(CERTIFICATE_COMMANDS.copyCaBundle, (f, options) =>
      f.copyCaBundle(options instanceof vscode.Uri ? { file: options } : options ?? {}),
    ),
  );
  return {
    prompts: () => current,
    usePrompts(replacement) {
      const previous = current;
      current = replacement;
      return new vscode.Disposable(() => {
        current = previous;
      });
    },
  };
}

