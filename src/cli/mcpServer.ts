import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { WorkspaceFacts } from '../core/agentTools/agentAnswers';
import { AgentInputError } from '../core/agentTools/agentAnswers';
import { AGENT_TOOLS } from '../core/agentTools/agentTools';
import { answerToolCall } from '../core/agentTools/answerToolCall';
import { fileSymbolLines } from '../core/agentTools/symbolLines';
import { readToolCall } from '../core/agentTools/toolInput';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import { analyzeWorkspace, type AnalyzeOptions, type WorkspaceAnalysis } from './analyzeWorkspace';

export interface McpOptions extends AnalyzeOptions {
  /** An analysis older than this is redone at the next tool call (default 60 s, the editor's poll interval). */
  maxAgeMs?: number;
  /** Where warnings and source failures go (stderr: stdout carries the protocol). */
  log: (text: string) => void;
  version: string;
}

/**
 * `opslens mcp`: the agent tools over the Model Context Protocol on stdio. Answers come
 * from the same analysis as `opslens scan`, done once and reused for `maxAgeMs` so a
 * burst of tool calls does not poll every backend each time.
 */
export async function runMcpServer(options: McpOptions): Promise<void> {
  const analyses = new AnalysisCache(options);
  // The low-level Server takes the tools' JSON Schemas as they are (McpServer wants zod shapes).
  const server = new Server({ name: 'opslens', version: options.version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: AGENT_TOOLS.map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, annotations: { readOnlyHint: true, openWorldHint: true } })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async ({ params }) => callTool(analyses, params.name, params.arguments));
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
  await server.connect(transport);
  // The SDK's transport does not notice its client closing stdin; a client that does so means "stop".
  process.stdin.once('end', () => void server.close());
  analyses.warmUp();
  await closed;
}

async function callTool(analyses: AnalysisCache, name: string, args: unknown): Promise<CallToolResult> {
  try {
    const call = readToolCall(name, args);
    const analysis = await analyses.get();
    return { content: [{ type: 'text', text: await answerToolCall(factsOf(analysis), call, fileSymbolLines(analysis.root)) }] };
  } catch (error) {
    const reason = error instanceof AgentInputError ? error.message : `OpsLens could not answer: ${error instanceof Error ? error.message : String(error)}`;
    return { content: [{ type: 'text', text: sanitisePlainText(reason, 2000) }], isError: true };
  }
}

function factsOf(analysis: WorkspaceAnalysis): WorkspaceFacts {
  return {
    root: analysis.root,
    groups: () => analysis.groups,
    incidents: () => analysis.incidents,
    services: () => analysis.services,
    sources: () => analysis.config.sources,
    windowMs: () => analysis.config.windowMs,
  };
}

/** The latest analysis, redone when older than the limit; concurrent calls share one run. */
class AnalysisCache {
  private current: { at: number; analysis: Promise<WorkspaceAnalysis> } | undefined;

  constructor(private readonly options: McpOptions) {}

  warmUp(): void {
    this.get().catch(() => undefined);
  }

  get(): Promise<WorkspaceAnalysis> {
    const now = Date.now();
    if (!this.current || now - this.current.at > (this.options.maxAgeMs ?? 60_000)) {
      const analysis = analyzeWorkspace(this.options).then((a) => this.report(a));
      this.current = { at: now, analysis };
      // A failed analysis (invalid config) is tried again at the next call.
      analysis.catch(() => {
        if (this.current?.analysis === analysis) this.current = undefined;
      });
    }
    return this.current.analysis;
  }

  private report(analysis: WorkspaceAnalysis): WorkspaceAnalysis {
    for (const warning of analysis.warnings) this.options.log(`opslens mcp: warning: ${sanitisePlainText(warning, 2000)}`);
    for (const failure of analysis.failures) this.options.log(`opslens mcp: source ${failure.source}: ${sanitisePlainText(failure.reason, 2000)}`);
    return analysis;
  }
}
