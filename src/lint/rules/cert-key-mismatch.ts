import { materialRule } from './material-rule';

export const certKeyMismatch = materialRule({
  id: 'cert-key-mismatch',
  defaultSeverity: 'error',
  summary: 'A certificate and the private key it is paired with have different public keys.',
});
