// Files that other files name (`--from-file=ca.crt=./certs/ca.crt`, `KUMA_GENERAL_TLS_CERT_FILE=./tls.crt`,
// `$(base64 -w0 < ca.crt)`), found in the workspace the way a person running the script from the
// file's folder or from the repository root would find them.
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { LintDocument } from '../model/document';

/** Reads a workspace file; the rule context's `get`, which records the dependency. */
export type FileLookup = (path: string) => LintDocument | undefined;

/**
 * The workspace document `ref` names: relative to the naming file's folder, then to each
 * folder above it (one of which is the workspace folder). Absolute paths are taken as they
 * are. Null when the shell decides the path (`$HOME/…`, `~/…`) or the file is not in the
 * workspace (e.g. /tmp/tls.crt): such paths are left alone, never reported as missing.
 */
export function resolveWorkspaceFile(get: FileLookup, fromPath: string, ref: string): LintDocument | null {
  let found: LintDocument | undefined;
  return resolveWorkspacePath((p) => (found = get(p)) !== undefined, fromPath, ref) !== null ? (found ?? null) : null;
}

/** The same resolution over any notion of "exists": the path of the file `ref` names, or null. */
export function resolveWorkspacePath(exists: (path: string) => boolean, fromPath: string, ref: string): string | null {
  if (ref === '' || /[$`~*?]/.test(ref)) return null;
  if (isAbsolute(ref)) return exists(normalize(ref)) ? normalize(ref) : null;
  let dir = dirname(fromPath);
  for (;;) {
    const candidate = join(dir, ref);
    if (exists(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
