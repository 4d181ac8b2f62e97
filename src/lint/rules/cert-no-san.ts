import { materialRule } from './material-rule';

export const certNoSan = materialRule({
  id: 'cert-no-san',
  defaultSeverity: 'error',
  summary: 'A server certificate without any subjectAltName (Go rejects CN-only certificates).',
});
