// Settings and exposure rules (owned by the settings-rules engineer; see src/lint/README.md).
import { Rule } from '../../rule';
import { apiServerHttpExposed } from './api-server-http-exposed';
import { caCertNotPem } from './ca-cert-not-pem';
import { certKeyPairIncomplete } from './cert-key-pair-incomplete';
import { madsTlsDisabled } from './mads-tls-disabled';
import { plaintextAddress } from './plaintext-address';
import { tlsSettingIgnored } from './tls-setting-ignored';
import { tlsVerifyDisabled } from './tls-verify-disabled';
import { tlsVersionInvalid } from './tls-version-invalid';
import { unknownSetting } from './unknown-setting';

export const SETTINGS_RULES: Rule[] = [
  apiServerHttpExposed,
  tlsVerifyDisabled,
  plaintextAddress,
  madsTlsDisabled,
  caCertNotPem,
  unknownSetting,
  certKeyPairIncomplete,
  tlsVersionInvalid,
  tlsSettingIgnored,
];
