import { materialRule } from './material-rule';

export const certInvalid = materialRule({
  id: 'cert-invalid',
  defaultSeverity: 'error',
  summary: 'A CERTIFICATE block whose content does not parse as X.509.',
});
