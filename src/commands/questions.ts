// The questions the certificate commands ask, each one quick pick or input box with its
// validation; dismissing any of them cancels the whole flow (`Cancelled`).
import * as vscode from 'vscode';
import { missingControlPlaneNames } from '../pki/choices';
import { CertificateType } from '../pki/generate';
import { hostnameProblem, splitHostnames } from '../pki/hostnames';
import { KeyType } from '../pki/keys';
import { defaultHostnames } from '../pki/recipes';
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

export interface ControlPlaneNames {
  namespace: string;
  serviceName: string;
}

/**
 * A server certificate is prefilled with the names the control plane is dialled at, and warns
 * while typing when they go missing; a client certificate starts empty (server names mean
 * nothing in it). An empty box is refused, never replaced by defaults.
 */
export async function askHostnames(prompts: CertificatePrompts, type: CertificateType, controlPlane: ControlPlaneNames): Promise<string[]> {
  const server = type === 'server';
  const value = await prompts.showInputBox({
    title: 'Certificate names',
    prompt: server
      ? 'DNS names and IP addresses, separated by commas (IP literals become IP SANs)'
      : 'Names of the client, separated by commas (a DNS name or IP address; it identifies the client)',
    value: server ? defaultHostnames('general', controlPlane.namespace, controlPlane.serviceName).join(', ') : '',
    validateInput: (text) => hostnamesInputProblem(text, true) ?? (server ? controlPlaneNamesWarning(text, controlPlane, 'general') : undefined),
  });
  return splitHostnames([required(value)]);
}

/**
 * A warning (the box still accepts) when a certificate meant for the control plane lacks the
 * names sidecars and the API server dial. `use` says what happens to such a certificate.
 */
export function controlPlaneNamesWarning(text: string, controlPlane: ControlPlaneNames, use: 'general' | 'recipe'): vscode.InputBoxValidationMessage | undefined {
  const missing = missingControlPlaneNames(splitHostnames([text]), controlPlane.namespace, controlPlane.serviceName);
  if (missing.length === 0) return undefined;
  const consequence =
    use === 'recipe'
      ? 'the channel needs them (sidecars dial the first, the API server calls the webhooks at the second), so they are added anyway'
      : 'without them it cannot be the general control-plane certificate (sidecars dial the first, the API server calls the webhooks at the second)';
  return { message: `Missing ${missing.join(' and ')}: ${consequence}.`, severity: vscode.InputBoxValidationSeverity.Warning };
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
