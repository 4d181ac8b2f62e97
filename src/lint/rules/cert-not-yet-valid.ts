import { materialRule } from './material-rule';

export const certNotYetValid = materialRule({
  id: 'cert-not-yet-valid',
  defaultSeverity: 'warning',
  summary: "The certificate's notBefore is in the future (beyond 5 minutes of clock skew).",
});
