// The questions the certificate commands ask, each one quick pick or input box with its
// validation; dismissing any of them cancels the whole flow (`Cancelled`).
import { CertificateType } from '../pki/generate';
import { hostnameProblem, splitHostnames } from '../pki/hostnames';
import { KeyType } from '../pki/keys';
import { RECIPES, RecipeName } from '../pki/recipes';
import { CertificatePrompts } from './prompts';

/** The user dismissed a prompt: the flow stops quietly, nothing is written. */
export class Cancelled extends Error {}

export function required<T>(value: T | undefined): T {
  if (value === undefined) {
    throw new Cancelled();
  }
  return value;
}

export async function pickCertificateType(prompts: CertificatePrompts): Promise<CertificateType> {
  const picked = await prompts.showQuickPick(
    [
      { label: 'server', type: 'server' as const, description: 'serverAuth: control plane, API server, KDS server' },
      { label: 'client', type: 'client' as const, description: 'clientAuth: API-server admin clients' },
    ],
    { title: 'Certificate type', placeHolder: 'What the certificate authenticates' },
  );
  return required(picked).type;
}

/** The configured key type is offered first. */
export async function pickKeyType(prompts: CertificatePrompts, preferred: KeyType): Promise<KeyType> {
  const items = [
    { label: 'RSA 2048', keyType: 'rsa' as const, description: "kumactl's default" },
    { label: 'ECDSA P-256', keyType: 'ecdsa' as const, description: 'smaller and faster' },
  ].sort((a, b) => Number(b.keyType === preferred) - Number(a.keyType === preferred));
  const picked = await prompts.showQuickPick(items, { title: 'Key type' });
  return required(picked).keyType;
}

export async function pickRecipe(prompts: CertificatePrompts): Promise<RecipeName> {
  const picked = await prompts.showQuickPick(
    Object.values(RECIPES).map((recipe) => ({ label: recipe.title, detail: recipe.description, name: recipe.name })),
    { title: 'Kuma TLS channel', placeHolder: 'Which connection to secure' },
  );
  return required(picked).name;
}

export async function askHostnames(prompts: CertificatePrompts, prefilled: string[], atLeastOne: boolean): Promise<string[]> {
  const value = await prompts.showInputBox({
    title: 'Certificate names',
    prompt: 'DNS names and IP addresses, separated by commas (IP literals become IP SANs)',
    value: prefilled.join(', '),
    validateInput: (text) => hostnamesInputProblem(text, atLeastOne),
  });
  return splitHostnames([required(value)]);
}

/** Validator for the hostnames input box: undefined when fine, else the first problem. */
export function hostnamesInputProblem(text: string, atLeastOne: boolean): string | undefined {
  const hosts = splitHostnames([text]);
  if (atLeastOne && hosts.length === 0) {
    return 'Give at least one DNS name or IP address';
  }
  for (const host of hosts) {
    const problem = hostnameProblem(host);
    if (problem !== undefined) {
      return problem;
    }
  }
  return undefined;
}
