// Settings and exposure rules (owned by the settings-rules engineer; see src/lint/README.md).
import { Rule } from '../../rule';

export const SETTINGS_RULES: Rule[] = [];
