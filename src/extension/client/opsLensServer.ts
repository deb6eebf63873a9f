import type { CancellationToken } from 'vscode';
import type { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type {
  AgentToolRequest,
  CredentialsChangedNotification,
  FileAnnotationsRequest,
  GroupsRequest,
  HealthRequest,
  IncidentsRequest,
  PathMappingEditRequest,
  RefreshRequest,
  ResolveStackTraceRequest,
  RunbooksRequest,
  StackTraceRequest,
  StatusRequest,
} from '../../protocol';

/** A request of protocol.ts as a method: its params and result types stay defined there, once. */
type Ask<T> = T extends RequestType<infer P, infer R, unknown> ? (params: P, token?: CancellationToken) => Promise<R> : T extends RequestType0<infer R, unknown> ? () => Promise<R> : never;
type Tell<T> = T extends NotificationType<infer P> ? (params: P) => Promise<void> : never;

/**
 * The running language server as the views, commands and tools use it. A type only: the
 * implementation (client/serverRequests.ts) lives in dist/languageClient.js with the protocol
 * library, which the activation bundle never loads.
 */
export interface OpsLensServer {
  groups: Ask<typeof GroupsRequest>;
  incidents: Ask<typeof IncidentsRequest>;
  runbooks: Ask<typeof RunbooksRequest>;
  health: Ask<typeof HealthRequest>;
  status: Ask<typeof StatusRequest>;
  fileAnnotations: Ask<typeof FileAnnotationsRequest>;
  resolveStackTrace: Ask<typeof ResolveStackTraceRequest>;
  pathMappingEdit: Ask<typeof PathMappingEditRequest>;
  stackTrace: Ask<typeof StackTraceRequest>;
  refresh: Ask<typeof RefreshRequest>;
  agentTool: Ask<typeof AgentToolRequest>;
  credentialsChanged: Tell<typeof CredentialsChangedNotification>;
}
