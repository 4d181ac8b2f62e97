import { materialRule } from './material-rule';

export const pemWrongType = materialRule({
  id: 'pem-wrong-type',
  defaultSeverity: 'error',
  summary: 'The PEM block type does not fit the slot: a private key where a certificate belongs (a leak) or a certificate where a key belongs.',
});
