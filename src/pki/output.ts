// Generated files as data: recipes describe them, the CLI and the editor decide how to write them.
export type OutputKind = 'cert' | 'key' | 'manifest' | 'values' | 'script';

export interface OutputFile {
  /** Forward-slash path below the output folder; never absolute, never `..`. */
  relativePath: string;
  content: string;
  /** Unix permissions; `modeOf` supplies the default for the kind. */
  mode?: number;
  kind: OutputKind;
}

export const KEY_FILE_MODE = 0o600;
export const PUBLIC_FILE_MODE = 0o644;
export const SCRIPT_FILE_MODE = 0o755;

export function modeOf(file: OutputFile): number {
  if (file.mode !== undefined) {
    return file.mode;
  }
  switch (file.kind) {
    case 'key':
      return KEY_FILE_MODE;
    case 'script':
      return SCRIPT_FILE_MODE;
    default:
      return PUBLIC_FILE_MODE;
  }
}

/** Whether the file holds private key material and so must not be world-readable or committed. */
export function isSecretFile(file: OutputFile): boolean {
  return modeOf(file) === KEY_FILE_MODE;
}

/** Why `relativePath` cannot name a file below an output folder, or undefined when it can. */
export function relativePathProblem(relativePath: string): string | undefined {
  if (relativePath === '' || relativePath.includes('\0')) {
    return 'empty path';
  }
  if (relativePath.startsWith('/') || relativePath.includes('\\') || /^[A-Za-z]:/.test(relativePath)) {
    return `"${relativePath}" must be a relative path with forward slashes`;
  }
  if (relativePath.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) {
    return `"${relativePath}" must stay inside the output folder (no "..", "." or empty segments)`;
  }
  return undefined;
}

export interface WritePlan {
  create: OutputFile[];
  /** Files that exist already: the UI asks before replacing them, the CLI wants --force. */
  overwrite: OutputFile[];
}

/** Pure: splits `files` by whether their relative path is among `existing`. */
export function planWrite(files: readonly OutputFile[], existing: Iterable<string>): WritePlan {
  const present = new Set(existing);
  return {
    create: files.filter((file) => !present.has(file.relativePath)),
    overwrite: files.filter((file) => present.has(file.relativePath)),
  };
}
