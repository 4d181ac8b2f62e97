import { materialRule } from './material-rule';

export const encodingMismatch = materialRule({
  id: 'encoding-mismatch',
  defaultSeverity: 'error',
  summary: 'Base64 where raw PEM is expected or the reverse, double base64, invalid base64, or a line-wrapped caBundle.',
});
