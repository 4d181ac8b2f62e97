// The files a document makes Kuma read, as written: `*_CERT_FILE`/`*_CA_PATH`-like settings,
// `kubectl create secret --from-file` paths, `--set-file` values and `$(base64 -w0 < FILE)`
// substitutions on install lines. The workspace index resolves them to workspace files.
import { base64SubstitutionFile } from '../model/commands';
import { LintDocument } from '../model/document';

/** Setting names whose value is a file Kuma reads: `*_CERT_FILE`, `*_CA_PATH`, `tlsCertFile`, `rootCaFile`… */
const FILE_SETTING = /(_FILE|_PATH|File|Path)$/;

const referencesCache = new WeakMap<LintDocument, string[]>();

/** The files a document makes Kuma read, as written (relative or absolute). */
export function fileReferences(doc: LintDocument): string[] {
  let refs = referencesCache.get(doc);
  if (refs) return refs;
  refs = [];
  for (const scope of doc.settings) {
    for (const s of scope.occurrences) {
      const name = s.envName ?? s.yamlPath?.[s.yamlPath.length - 1] ?? '';
      if (s.known && s.value !== '' && FILE_SETTING.test(s.envName ? name.toUpperCase() : name)) refs.push(s.value);
    }
  }
  for (const command of doc.commands) {
    if (command.kind === 'kubectl-secret') {
      for (const file of command.files) if (!file.path.dynamic) refs.push(file.path.value);
    } else if (command.kind === 'install') {
      for (const set of command.sets) {
        if (set.file && !set.value.dynamic) refs.push(set.value.value);
        const substituted = set.value.dynamic ? base64SubstitutionFile(set.value.value) : null;
        if (substituted) refs.push(substituted);
      }
      for (const flag of command.flags) {
        const substituted = flag.value.dynamic ? base64SubstitutionFile(flag.value.value) : null;
        if (substituted) refs.push(substituted);
      }
    }
  }
  referencesCache.set(doc, refs);
  return refs;
}
