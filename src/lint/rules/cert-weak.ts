import { materialRule } from './material-rule';

export const certWeak = materialRule({
  id: 'cert-weak',
  defaultSeverity: 'warning',
  summary: 'An RSA key under 2048 bits, or a SHA-1/MD5 signature.',
});
