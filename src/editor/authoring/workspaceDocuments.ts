// The parsed documents of a lint backend, when it can list them (the core's LintWorkspace can;
// a test double may not), for Secret names and cross-file pairing.
import { LintDocument } from '../../lint/model/document';
import { LintBackend } from '../lintBackend';

interface DocumentSource {
  documents(): Iterable<LintDocument>;
}

export function workspaceDocuments(backend: LintBackend | undefined): Iterable<LintDocument> {
  return backend && typeof (backend as Partial<DocumentSource>).documents === 'function' ? (backend as LintBackend & DocumentSource).documents() : [];
}
