import { URI } from 'vscode-uri';
import path from 'node:path';
import { AgentInputError, type WorkspaceFacts } from '../core/agentTools/agentAnswers';
import { answerToolCall } from '../core/agentTools/answerToolCall';
import { fileSymbolLines } from '../core/agentTools/symbolLines';
import { readToolCall } from '../core/agentTools/toolInput';
import { DEFAULT_WINDOW_MS } from '../core/config/opslensConfig';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import type { AgentToolParams, AgentToolResult } from '../protocol';
import type { WorkspaceSession } from './workspaceSession';

/**
 * `opslens/agentTool`: VS Code's language model tools answered from the folder
 * sessions the editor already polls, with the same answers (and the same untrusted
 * framing) as `opslens mcp`. A tool's `file` picks the folder holding it.
 */
export async function answerAgentTool(sessions: readonly WorkspaceSession[], params: AgentToolParams): Promise<AgentToolResult> {
  try {
    const call = readToolCall(params.tool, params.input);
    // VS Code's agents often pass the active document's URI.
    if (call.input.file?.startsWith('file:')) call.input.file = URI.parse(call.input.file).fsPath;
    const session = sessionForFile(sessions, call.input.file);
    if (!session) throw new AgentInputError('no workspace folder is open');
    return { text: await answerToolCall(sessionFacts(session), call, fileSymbolLines(session.root)) };
  } catch (error) {
    const reason = error instanceof AgentInputError ? error.message : `OpsLens could not answer: ${String(error)}`;
    return { text: sanitisePlainText(reason, 2000), isError: true };
  }
}

/** The folder holding an absolute path; for a relative path (or none) the first folder. */
function sessionForFile(sessions: readonly WorkspaceSession[], file: string | undefined): WorkspaceSession | undefined {
  const owner = file !== undefined && path.isAbsolute(file) ? sessions.find((s) => s.relative(file) !== undefined) : undefined;
  return owner ?? sessions[0];
}

function sessionFacts(session: WorkspaceSession): WorkspaceFacts {
  return {
    root: session.root,
    groups: () => session.groups(),
    incidents: () => session.firingIncidents(),
    services: () => session.serviceContext(),
    sources: () => session.serviceConfig()?.sources ?? [],
    windowMs: () => session.windowMs() ?? DEFAULT_WINDOW_MS,
  };
}
