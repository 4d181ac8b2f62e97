// The Kubernetes name rules a recipe's values must meet before they go into a Secret, Helm
// values or an install script. Checked in the core, so the CLI, the editor's options objects and
// its settings all meet the same rules whichever way the value arrives.

export type KubernetesNameKind = 'namespace' | 'secretName' | 'serviceName';

interface NameRule {
  what: string;
  rule: string;
  maxLength: number;
  pattern: RegExp;
}

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

const RULES: Record<KubernetesNameKind, NameRule> = {
  // Namespaces are DNS-1123 labels (apimachinery ValidateNamespaceName).
  namespace: {
    what: 'Kubernetes namespace',
    rule: 'a DNS-1123 label: at most 63 lowercase letters, digits and inner "-"',
    maxLength: 63,
    pattern: new RegExp(`^${DNS1123_LABEL}$`),
  },
  // Secrets are DNS-1123 subdomains (ValidateSecretName).
  secretName: {
    what: 'Secret name',
    rule: 'a DNS-1123 subdomain: at most 253 characters, dot-separated lowercase letters, digits and inner "-"',
    maxLength: 253,
    pattern: new RegExp(`^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`),
  },
  // Services are DNS-1035 labels (ValidateServiceName): they must start with a letter.
  serviceName: {
    what: 'Service name',
    rule: 'a DNS-1035 label: at most 63 lowercase letters, digits and inner "-", starting with a letter',
    maxLength: 63,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  },
};

/** A value rejected by a naming rule; the message names the field and the rule. */
export class NameError extends Error {}

const MESSAGE_VALUE_LENGTH = 40;

/**
 * A value as it may appear inside an error message: cut to about 40 characters and quoted with
 * every control, line-separator and bidirectional-override character escaped, so a hostile value
 * can neither flood a message nor forge lines of output.
 */
export function quotedForMessage(value: string): string {
  const characters = [...value];
  const shown = characters.length > MESSAGE_VALUE_LENGTH ? `${characters.slice(0, MESSAGE_VALUE_LENGTH).join('')}…` : value;
  return JSON.stringify(shown).replace(
    /[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Why `value` is not a valid name of `kind`, or undefined when it is. `field` names where it came from. */
export function kubernetesNameProblem(kind: KubernetesNameKind, value: string, field: string = kind): string | undefined {
  const rule = RULES[kind];
  if (value.length === 0) {
    return `${field}: a ${rule.what} cannot be empty`;
  }
  if (value.length > rule.maxLength || !rule.pattern.test(value)) {
    return `${field}: ${quotedForMessage(value)} is not a valid ${rule.what} (${rule.rule})`;
  }
  return undefined;
}

/** Throws a NameError when `value` is not a valid name of `kind`. */
export function assertKubernetesName(kind: KubernetesNameKind, value: string, field: string = kind): void {
  const problem = kubernetesNameProblem(kind, value, field);
  if (problem !== undefined) {
    throw new NameError(problem);
  }
}
