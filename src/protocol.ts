/**
 * Every custom message between the extension (client) and the language server.
 * Both sides import the types and method names from here; nothing else spells a method.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

// The command ids the server links to live apart, for the client's activation bundle (see there).
export { HOVER_COMMANDS, SHOW_GROUPS_COMMAND } from './clientCommands';

/** One source's health, as the Sources view and the health report show it. */
export interface SourceHealthInfo {
  folder: string;
  name: string;
  type: string;
  state: 'idle' | 'ok' | 'stale' | 'failing';
  lastSuccess?: number;
  lastError?: { at: number; reason: string };
  latencyMs?: number;
  eventsFetched: number;
  skipped: number;
  /** Open incidents in the source's last good snapshot. */
  incidents?: number;
  /** The data shown is the last good data: the last poll failed. */
  stale?: boolean;
  consecutiveFailures?: number;
  /** When the source is contacted again after a failure (back-off or Retry-After). */
  nextRetryAt?: number;
  /** Not an error, but worth knowing (e.g. no credentials in an untrusted workspace). */
  notice?: string;
  /** The origin a remote source talks to: "Set Credential…" stores the credential for it. */
  origin?: string;
}

/** Summary for the status bar: sent whenever the data changes. */
export interface StatusParams {
  incidents: number;
  errors: number;
  /** Set when a source fails or data is stale: the reason, for the warning state. */
  warning?: string;
  /** False until `.opslens.yaml` or a catalog file is found in some folder. */
  configured: boolean;
  /** The service the counts are for (the file's, from opslens/status); absent for the whole workspace. */
  service?: string;
}

/** An error group or log statement for the Errors view. */
export interface GroupInfo {
  fingerprint: string;
  kind: 'error' | 'log';
  service: string | null;
  title: string;
  count: number;
  lastSeen: number;
  /** Absolute file URI and 0-based line, ready to open. */
  uri: string;
  line: number;
  changedSince: boolean;
}

export interface RunbookInfo {
  title: string;
  /** An https URL, or an absolute file URI for a runbook in the repository. */
  target: string;
  service: string | null;
  /** Why it is offered: it matches the error the request named, the current file's service, a firing incident, or just listed. */
  reason: 'error' | 'service' | 'incident' | 'other';
}

export interface IncidentInfo {
  id: string;
  source: string;
  service: string | null;
  title: string;
  status: string;
  startsAt: number;
  link?: string;
  runbooks: RunbookInfo[];
}

export interface HealthReport {
  /** Markdown a user can paste into an issue. */
  markdown: string;
  sources: SourceHealthInfo[];
  /** Path mappings that would place frames which matched no single file; "Add Path Mapping" writes one. */
  suggestions: PathMappingSuggestionInfo[];
}

/** A pathMapping to add to `.opslens.yaml` (the `opslens.addPathMapping` command's argument). */
export interface PathMappingSuggestionInfo {
  /** The workspace folder URI whose `.opslens.yaml` gets it. */
  folder: string;
  service: string;
  from: string;
  to: string;
  frames: number;
}

/** One hot line of a document, for the line-end text. */
export interface LineAnnotationInfo {
  /** 0-based. */
  line: number;
  kind: 'error' | 'log';
  /** Plain text, sanitised: `⚠ 132× TypeError: …`. */
  text: string;
  count: number;
}

/** A frame of a pasted stack trace, resolved (or not, with the reason) against the workspace. */
export interface ResolvedFrameInfo {
  /** The frame's function as printed (or `(anonymous)`). */
  label: string;
  /** Where the trace says it ran (path:line as printed). */
  printed: string;
  uri?: string;
  /** 0-based. */
  line?: number;
  inApp: boolean;
  /** Why it did not resolve to a workspace line. */
  reason?: string;
  /** Index of the exception in the chain (0: outermost), and its title. */
  exception: number;
}

export interface ResolvedStackTrace {
  runtime: string;
  exceptions: { title: string }[];
  frames: ResolvedFrameInfo[];
}

/** server → client: the data changed; views re-query. */
export const DataChangedNotification = new NotificationType<StatusParams>('opslens/dataChanged');

/** client → server: poll every source now. */
export const RefreshRequest = new RequestType0<void, void>('opslens/refresh');

/** client → server: the top error groups and statements of the workspace. */
export const GroupsRequest = new RequestType<{ limit?: number }, GroupInfo[], void>('opslens/groups');

/** client → server: firing incidents, the given file's service first. */
export const IncidentsRequest = new RequestType<{ uri?: string }, IncidentInfo[], void>('opslens/incidents');

/**
 * client → server: runbooks, those matching the given error group first (from a hover's "Runbook" link),
 * then of the given file's service, then of firing incidents, then the rest.
 */
export const RunbooksRequest = new RequestType<{ uri?: string; fingerprint?: string }, RunbookInfo[], void>('opslens/runbooks');

/** client → server: per-source health and the report. */
export const HealthRequest = new RequestType0<HealthReport, void>('opslens/health');

/** client → server: incidents and errors for the given file's service (the workspace's without one), with the warning state. */
export const StatusRequest = new RequestType<{ uri?: string }, StatusParams, void>('opslens/status');

/** client → server: the hot lines of one document that pass the resource's thresholds, for line-end text. */
export const FileAnnotationsRequest = new RequestType<{ uri: string }, LineAnnotationInfo[], void>('opslens/fileAnnotations');

/** client → server: parse a pasted stack trace and resolve its frames with the workspace's resolver (path mappings, source maps); null when it is no stack trace. */
export const ResolveStackTraceRequest = new RequestType<{ text: string }, ResolvedStackTrace | null, void>('opslens/resolveStackTrace');

/**
 * client → server: `.opslens.yaml` of the suggestion's folder with the mapping added (comments kept),
 * for the client to apply as an edit; or why it cannot be (no such service, invalid YAML).
 */
export const PathMappingEditRequest = new RequestType<PathMappingSuggestionInfo, { uri: string; text: string } | { error: string }, void>('opslens/pathMappingEdit');

/** client → server: the latest stack trace of a group, for "Copy stack trace". */
export const StackTraceRequest = new RequestType<{ fingerprint: string }, string | null, void>('opslens/stackTrace');

/** A credential for one source at one origin, as the client's SecretStorage holds it. */
export interface CredentialInfo {
  token: string;
  /** Set for basic auth (the token is then the password). */
  user?: string;
}

/**
 * server → client: the credential stored for this source and origin. `withheld` says why
 * none is given although one may exist (an untrusted workspace); null when none is stored.
 */
export const CredentialRequest = new RequestType<{ source: string; origin: string }, CredentialInfo | { withheld: string } | null, void>('opslens/credential');

/** client → server: a credential was set or removed, or workspace trust was granted: ask again and poll. */
export const CredentialsChangedNotification = new NotificationType<{ source?: string }>('opslens/credentialsChanged');

/** A language model tool call (one of core/agentTools' AGENT_TOOLS) with the agent's input, unchecked. */
export interface AgentToolParams {
  tool: string;
  input: unknown;
}

/** The answer an agent reads: production text framed as untrusted data; `isError` for bad input. */
export interface AgentToolResult {
  text: string;
  isError?: boolean;
}

/**
 * client → server: answer a language model tool (VS Code's `vscode.lm` tools). One request for
 * the three tools, as MCP's tools/call is one: the server validates the input against the tool.
 */
export const AgentToolRequest = new RequestType<AgentToolParams, AgentToolResult, void>('opslens/agentTool');

/**
 * client → server: a liveness check, answered at once from the server's event loop with its process
 * id. The VS Code client's watchdog (extension/supervision) restarts a server that stops answering.
 */
export const PingRequest = new RequestType0<{ pid: number }, void>('opslens/ping');
