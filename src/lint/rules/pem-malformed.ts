import { materialRule } from './material-rule';

export const pemMalformed = materialRule({
  id: 'pem-malformed',
  defaultSeverity: 'error',
  summary: 'A value that must be PEM has no complete BEGIN/END block, mismatched labels, or a body that is not base64.',
});
