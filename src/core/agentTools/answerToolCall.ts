import { INCIDENTS_TOOL, LOG_LINES_TOOL, PRODUCTION_ERRORS_TOOL } from './agentTools';
import { incidents, logLines, productionErrors, type SymbolLines, type WorkspaceFacts } from './agentAnswers';
import type { ToolCall } from './toolInput';
import { renderAgentAnswer } from './untrustedPayload';

/** The text answer to a validated tool call, for the MCP server and the language server alike. */
export async function answerToolCall(facts: WorkspaceFacts, call: ToolCall, symbolLines: SymbolLines): Promise<string> {
  switch (call.tool) {
    case PRODUCTION_ERRORS_TOOL:
      return renderAgentAnswer(await productionErrors(facts, call.input, symbolLines));
    case LOG_LINES_TOOL:
      return renderAgentAnswer(logLines(facts, call.input));
    case INCIDENTS_TOOL:
      return renderAgentAnswer(incidents(facts, call.input));
  }
}
