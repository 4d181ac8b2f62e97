import { materialRule } from './material-rule';

export const certUntrusted = materialRule({
  id: 'cert-untrusted',
  defaultSeverity: 'error',
  summary: 'The CA that is supposed to verify a certificate does not.',
});
