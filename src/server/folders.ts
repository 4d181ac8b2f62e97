// Workspace folders as the server keeps them: one lint workspace per folder (each folder is its
// own deployment with its own settings), and the mapping between LSP URIs and the core's paths.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LintWorkspace } from '../lint/workspace';
import { globMatcher } from './glob';
import { DEFAULT_SETTINGS, FolderSettings } from './settings';

export interface Folder {
  /** The folder's URI as the client named it; '' for files outside every folder. */
  uri: string;
  /** Its local path, or null on a file system the server cannot read (a virtual workspace). */
  path: string | null;
  workspace: LintWorkspace;
  settings: FolderSettings;
  excluded: (relativePath: string) => boolean;
  /** Its closed files are indexed: closing a file keeps it in the index (as saved). */
  indexed: boolean;
}

/** The core speaks in absolute paths; LSP in URIs. Local files map to their path, other schemes keep their URI. */
export function pathOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export function isLocalPath(key: string): boolean {
  return key.startsWith('/') || /^[A-Za-z]:[\\/]/.test(key);
}

export function fileUriOf(key: string): string {
  return isLocalPath(key) ? pathToFileURL(key).href : key;
}

export function newFolder(uri: string, settings: FolderSettings = DEFAULT_SETTINGS): Folder {
  const local = uri.startsWith('file:') ? pathOf(uri) : null;
  return { uri, path: local, workspace: new LintWorkspace(settings.options), settings, excluded: globMatcher(settings.exclude), indexed: false };
}

export function applySettings(folder: Folder, settings: FolderSettings): void {
  folder.settings = settings;
  folder.excluded = globMatcher(settings.exclude);
  folder.workspace.setOptions(settings.options);
}

export class Folders {
  private list: Folder[] = [];
  /** Files outside every workspace folder (opened on their own). */
  readonly loose = newFolder('');

  set(uris: readonly string[]): void {
    const kept = new Map(this.list.map((f) => [f.uri, f]));
    this.list = uris.map((uri) => kept.get(uri) ?? newFolder(uri));
  }

  all(): Folder[] {
    return [...this.list, this.loose];
  }

  /** The innermost folder holding `key` (a path or a URI). */
  of(key: string): Folder {
    let best: Folder | undefined;
    for (const folder of this.list) {
      const root = folder.path ?? folder.uri;
      const prefix = root.endsWith('/') || root.endsWith(path.sep) ? root : root + (folder.path ? path.sep : '/');
      if ((key === root || key.startsWith(prefix)) && (!best || root.length > (best.path ?? best.uri).length)) best = folder;
    }
    return best ?? this.loose;
  }

  relative(folder: Folder, key: string): string {
    if (folder.path && isLocalPath(key)) return path.relative(folder.path, key).split(path.sep).join('/');
    return folder.uri && key.startsWith(folder.uri) ? key.slice(folder.uri.length).replace(/^\//, '') : key;
  }
}
