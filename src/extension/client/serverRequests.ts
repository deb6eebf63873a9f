import type { LanguageClient } from 'vscode-languageclient/node';
import {
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
import type { OpsLensServer } from './opsLensServer';

/** The OpsLens requests over the language client's connection (bundled into dist/languageClient.js). */
export function serverRequests(client: LanguageClient): OpsLensServer {
  return {
    groups: (params, token) => client.sendRequest(GroupsRequest, params, token),
    incidents: (params, token) => client.sendRequest(IncidentsRequest, params, token),
    runbooks: (params, token) => client.sendRequest(RunbooksRequest, params, token),
    health: () => client.sendRequest(HealthRequest),
    status: (params, token) => client.sendRequest(StatusRequest, params, token),
    fileAnnotations: (params, token) => client.sendRequest(FileAnnotationsRequest, params, token),
    resolveStackTrace: (params, token) => client.sendRequest(ResolveStackTraceRequest, params, token),
    pathMappingEdit: (params, token) => client.sendRequest(PathMappingEditRequest, params, token),
    stackTrace: (params, token) => client.sendRequest(StackTraceRequest, params, token),
    refresh: () => client.sendRequest(RefreshRequest),
    agentTool: (params, token) => client.sendRequest(AgentToolRequest, params, token),
    credentialsChanged: (params) => client.sendNotification(CredentialsChangedNotification, params),
  };
}
