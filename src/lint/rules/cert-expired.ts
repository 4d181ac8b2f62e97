import { materialRule } from './material-rule';

export const certExpired = materialRule({
  id: 'cert-expired',
  defaultSeverity: 'error',
  summary: "The certificate's notAfter is in the past.",
});
