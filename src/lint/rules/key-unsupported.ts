import { materialRule } from './material-rule';

export const keyUnsupported = materialRule({
  id: 'key-unsupported',
  defaultSeverity: 'error',
  summary: 'A private key Kuma cannot load: encrypted, or not PKCS#1, SEC 1 or PKCS#8.',
});
