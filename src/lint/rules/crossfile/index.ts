// The cross-file rules (issue 5). Some share an id with a single-file rule: they cover
// the cross-file forms of the same problem, and users configure them as one.
import { Rule } from '../../rule';
import { apiServerHostname } from './api-server-certificate';
import { caBundleMismatch } from './ca-bundle-mismatch';
import { caBundleUntrusted } from './ca-bundle-untrusted';
import { certKeyMismatchFiles } from './cert-key-mismatch-files';
import { kdsGlobalHostname, kdsGlobalUntrusted } from './kds-global-certificate';
import { secretAmbiguous } from './secret-ambiguous';
import { secretMissingKeyCrossFile } from './secret-missing-key-crossfile';
import { secretNamespace } from './secret-namespace';
import { secretNotFound } from './secret-not-found';

export const CROSSFILE_RULES: readonly Rule[] = [caBundleMismatch, secretMissingKeyCrossFile, secretNotFound, secretAmbiguous, secretNamespace, certKeyMismatchFiles, kdsGlobalUntrusted, kdsGlobalHostname, apiServerHostname, caBundleUntrusted];
