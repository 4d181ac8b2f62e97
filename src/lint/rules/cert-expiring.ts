import { materialRule } from './material-rule';

export const certExpiring = materialRule({
  id: 'cert-expiring',
  defaultSeverity: 'warning',
  summary: 'The certificate expires within the configured window (default 30 days).',
});
