// The questions of "Set Up a Kuma TLS Channel" as one multi-step input: channel, namespace,
// Secret name, output folder, certificate names, CA. The answers live in an object the caller
// keeps for the session, so Back and a re-run after Escape show what was typed.
import * as vscode from 'vscode';
import { trimTrailing } from '../lint/trim-trailing';
import { firstFreeName } from '../pki/choices';
import { splitHostnames } from '../pki/hostnames';
import { kubernetesNameProblem } from '../pki/names';
import { relativePathProblem } from '../pki/output';
import { RECIPES, RecipeName, defaultHostnames } from '../pki/recipes';
import type { Settings } from './certificateFlows';
import { Back, BACK, Step, StepPosition, runSteps } from './multiStep';
import { CertificatePrompts, askInputStep, askPickStep } from './prompts';
import { Cancelled, controlPlaneNamesWarning, hostnamesInputProblem } from './questions';

export interface CaCandidate {
  cert: vscode.Uri;
  key: vscode.Uri;
  label: string;
  keyLabel: string;
}

export type CaChoice = { kind: 'new' } | { kind: 'browse' } | ({ kind: 'found' } & CaCandidate);

/** What the person answered so far; answers that depend on the channel are kept per channel. */
export interface RecipeAnswers {
  recipe?: RecipeName;
  namespace?: string;
  perRecipe?: Partial<Record<RecipeName, { secretName?: string; folder?: string; hostnames?: string }>>;
  ca?: CaChoice;
}

export interface ChosenRecipe {
  recipe: RecipeName;
  namespace: string;
  secretName: string;
  /** Relative to the workspace folder. */
  folder: string;
  hostnames?: string[];
  ca: CaChoice;
}

export interface RecipeStepContext {
  settings: Settings;
  /** The command was given a folder: no folder step. */
  folderGiven: boolean;
  secretNamesTaken: () => Promise<Map<string, string[]>>;
  folderTaken: (relative: string) => Promise<boolean>;
  caCandidates: () => Promise<CaCandidate[]>;
}

export async function askRecipe(prompts: CertificatePrompts, answers: RecipeAnswers, context: RecipeStepContext): Promise<ChosenRecipe> {
  // Looked up once per run, when first needed: a workspace scan, not one per keystroke.
  let taken: Map<string, string[]> | undefined;
  let cas: CaCandidate[] | undefined;
  const own = (a: RecipeAnswers) => ((a.perRecipe ??= {})[a.recipe!] ??= {});
  const title = (a: RecipeAnswers): string => `Set Up a Kuma TLS Channel${a.recipe ? `: ${RECIPES[a.recipe].title.replace(/ \(.*$/, '')}` : ''}`;

  const steps: Step<RecipeAnswers>[] = [
    {
      ask: async (a, at) => {
        const items = Object.values(RECIPES).map((recipe) => ({ label: recipe.title, detail: recipe.description, name: recipe.name }));
        const picked = stepAnswer(await askPickStep(prompts, items, { ...at, title: title({}), placeHolder: 'Which connection to secure', activeItem: items.find((i) => i.name === a.recipe) }));
        if (picked === BACK) return BACK;
        a.recipe = picked.name;
        return undefined;
      },
    },
    {
      ask: async (a, at) => {
        const value = stepAnswer(
          await askInputStep(prompts, {
            ...at,
            title: title(a),
            prompt: 'Namespace of the Kuma control plane (the Secret must live there)',
            value: a.namespace ?? context.settings.namespace,
            validateInput: (text) => kubernetesNameProblem('namespace', text, 'Namespace'),
          }),
        );
        if (value === BACK) return BACK;
        a.namespace = value;
        return undefined;
      },
    },
    {
      ask: async (a, at) => {
        taken ??= await context.secretNamesTaken();
        const names = taken;
        const proposal = own(a).secretName ?? firstFreeName(RECIPES[a.recipe!].secretName, (name) => names.has(name));
        const value = stepAnswer(
          await askInputStep(prompts, {
            ...at,
            title: title(a),
            prompt: 'Name of the Secret the control plane mounts (proposed: a name no file in the workspace defines)',
            value: proposal,
            validateInput: (text) => kubernetesNameProblem('secretName', text, 'Secret name') ?? takenWarning(text, names),
          }),
        );
        if (value === BACK) return BACK;
        own(a).secretName = value;
        return undefined;
      },
    },
    {
      when: () => !context.folderGiven,
      ask: async (a, at) => {
        const base = `${context.settings.outputFolder}/${RECIPES[a.recipe!].cliName}`;
        const proposal = own(a).folder ?? (await freeFolder(base, context.folderTaken));
        const value = stepAnswer(
          await askInputStep(prompts, {
            ...at,
            title: title(a),
            prompt: 'Output folder, relative to the workspace folder (a folder with files asks before anything is replaced)',
            value: proposal,
            validateInput: (text) => folderProblem(text),
          }),
        );
        if (value === BACK) return BACK;
        own(a).folder = normalizedFolder(value);
        return undefined;
      },
    },
    {
      // Counted before the channel is known: three of the four channels issue a certificate.
      when: (a) => a.recipe === undefined || RECIPES[a.recipe].issuesCertificate,
      ask: async (a, at) => {
        const namespace = a.namespace ?? context.settings.namespace;
        const controlPlane = { namespace, serviceName: context.settings.serviceName };
        const needed = defaultHostnames(a.recipe!, namespace, context.settings.serviceName);
        const value = stepAnswer(
          await askInputStep(prompts, {
            ...at,
            title: title(a),
            prompt:
              a.recipe === 'kdsGlobalServer'
                ? 'Names zones reach the global control plane at (controlPlane.kdsGlobalAddress), separated by commas'
                : 'DNS names and IP addresses of the certificate, separated by commas',
            value: own(a).hostnames ?? needed.join(', '),
            validateInput: (text) =>
              hostnamesInputProblem(text, true) ?? (a.recipe === 'general' || a.recipe === 'apiServer' ? controlPlaneNamesWarning(text, controlPlane, 'recipe') : undefined),
          }),
        );
        if (value === BACK) return BACK;
        own(a).hostnames = value;
        return undefined;
      },
    },
    {
      ask: async (a, at) => {
        cas ??= await context.caCandidates();
        const items: Array<vscode.QuickPickItem & { choice: CaChoice }> = [
          { label: 'Generate a new CA', description: 'written beside the certificates as ca.crt and ca.key', choice: { kind: 'new' } },
          ...cas.map((c) => ({ label: `Use ${c.label}`, description: `key: ${c.keyLabel}`, choice: { kind: 'found' as const, ...c } })),
          { label: 'Use another CA…', description: 'a CA certificate and its key, from a file dialog', choice: { kind: 'browse' } },
        ];
        const active = items.find((i) => sameCa(i.choice, a.ca));
        const picked = stepAnswer(await askPickStep(prompts, items, { ...at, title: title(a), placeHolder: 'Certificate authority that issues the certificate', activeItem: active }));
        if (picked === BACK) return BACK;
        a.ca = picked.choice;
        return undefined;
      },
    },
  ];
  await runSteps(steps, answers);
  const recipe = answers.recipe!;
  const mine = own(answers);
  const hostnames = RECIPES[recipe].issuesCertificate && mine.hostnames !== undefined ? splitHostnames([mine.hostnames]) : undefined;
  return {
    recipe,
    namespace: answers.namespace ?? context.settings.namespace,
    secretName: mine.secretName ?? RECIPES[recipe].secretName,
    folder: mine.folder ?? `${context.settings.outputFolder}/${RECIPES[recipe].cliName}`,
    ...(hostnames ? { hostnames } : {}),
    ca: answers.ca ?? { kind: 'new' },
  };
}

export type { Back, StepPosition };

/** The answer of a one-value step: BACK passes through, a dismissed box cancels the flow. */
function stepAnswer<T>(value: T | Back | undefined): T | Back {
  if (value === undefined) throw new Cancelled();
  return value;
}

function takenWarning(name: string, taken: Map<string, string[]>): vscode.InputBoxValidationMessage | undefined {
  const paths = taken.get(name);
  if (paths === undefined) return undefined;
  return {
    message: `${name} is already defined in ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''}: two definitions of one name leave the cluster with whichever was applied last, and the checks cannot tell which (secret-ambiguous).`,
    severity: vscode.InputBoxValidationSeverity.Warning,
  };
}

function normalizedFolder(text: string): string {
  const unix = text.trim().replace(/\\/g, '/');
  return trimTrailing(unix.startsWith('./') ? unix.slice(2) : unix, '/');
}

function folderProblem(text: string): string | undefined {
  const problem = relativePathProblem(normalizedFolder(text));
  return problem === undefined ? undefined : `Output folder: ${problem}`;
}

async function freeFolder(base: string, taken: (relative: string) => Promise<boolean>): Promise<string> {
  if (!(await taken(base))) return base;
  for (let suffix = 2; ; suffix++) if (!(await taken(`${base}-${suffix}`))) return `${base}-${suffix}`;
}

function sameCa(a: CaChoice, b: CaChoice | undefined): boolean {
  if (b === undefined) return a.kind === 'new';
  if (a.kind !== b.kind) return false;
  return a.kind !== 'found' || (b.kind === 'found' && a.cert.toString() === b.cert.toString());
}
