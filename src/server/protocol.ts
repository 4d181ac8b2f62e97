// The Kuma TLS extensions of the Language Server Protocol: method names and their plain-data
// shapes, shared by the server and the VS Code client (this file imports neither side's library).
import type { FileStatus } from '../lint/services/status';
import type { Finding, KumaFileKind } from '../lint/types';

/** What a client tells the server at `initialize` (`initializationOptions`); every field is optional. */
export interface KumaInitializationOptions {
  /** Base URI of the rule pages (`<base><rule>.md`); the VS Code client points at the copy inside the extension. */
  ruleDocsBase?: string;
  /** A client command that shows a rule's page: every finding then offers "Show documentation". */
  showRuleDocsCommand?: string;
  /**
   * Rule ids in the Problems panel link to this command (a `command:` URI with the rule id)
   * instead of `ruleDocsBase`: VS Code then shows the rendered page, not the raw Markdown.
   */
  ruleDocsLinkCommand?: string;
  /** A client command that opens the suggestions again after a completion (VS Code's triggerSuggest). */
  triggerSuggestCommand?: string;
}

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'kuma-tls';

/** server → client: what the language status item says about an open document. */
export const STATUS_NOTIFICATION = 'kumaTls/status';
export interface StatusParams {
  uri: string;
  status: FileStatus;
}

/** server → client: workspace indexing progress; `undefined` fields mean it finished. */
export const INDEXING_NOTIFICATION = 'kumaTls/indexing';
export interface IndexingParams {
  done?: number;
  total?: number;
  /** Said once per folder the server cannot walk (a virtual file system): only open files are linted there. */
  limitation?: string;
}

/** client → server: walk every workspace folder again; answers the number of files read. */
export const LINT_WORKSPACE_REQUEST = 'kumaTls/lintWorkspace';

/** client → server: empty every Kuma TLS diagnostic until the files change again. */
export const CLEAR_REQUEST = 'kumaTls/clear';

/** client → server: the findings of a document now (commands and tests), with its Kuma file kinds. */
export const FINDINGS_REQUEST = 'kumaTls/findings';
export interface FindingsParams {
  uri: string;
}
export interface FindingsResult {
  findings: Finding[];
  kinds: KumaFileKind[];
}

/** client → server: every path the server has indexed in the folder of `uri`. */
export const INDEXED_PATHS_REQUEST = 'kumaTls/indexedPaths';
