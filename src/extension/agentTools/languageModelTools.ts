import * as vscode from 'vscode';
import type { OpsLensServer } from '../client/opsLensServer';
import { AGENT_TOOLS } from '../../core/agentTools/agentTools';
import { traceInfo } from '../log';

/**
 * The slice of VS Code's language model tool API (final in 1.95) that OpsLens uses.
 * `engines.vscode` is ^1.91 and so is @types/vscode, which predates it: everything
 * is looked up at run time and may be missing.
 */
interface LanguageModelToolApi {
  lm?: {
    registerTool?(name: string, tool: LanguageModelTool): vscode.Disposable;
  };
  LanguageModelToolResult?: new (content: unknown[]) => unknown;
  LanguageModelTextPart?: new (value: string) => unknown;
}

interface LanguageModelTool {
  invoke(options: { input: unknown }, token: vscode.CancellationToken): Promise<unknown>;
  prepareInvocation?(options: { input: unknown }): { invocationMessage: string };
}

/**
 * Registers the agent tools (package.json `contributes.languageModelTools`, the same
 * three as `opslens mcp`) where this VS Code has the API. Each answers through the
 * language server (`opslens/agentTool`); bad input comes back as an error the model reads.
 */
export function registerLanguageModelTools(server: () => Promise<OpsLensServer | undefined>): vscode.Disposable[] {
  const api = vscode as unknown as LanguageModelToolApi;
  const { LanguageModelToolResult, LanguageModelTextPart } = api;
  const registerTool = api.lm?.registerTool?.bind(api.lm);
  if (!registerTool || !LanguageModelToolResult || !LanguageModelTextPart) {
    traceInfo('language model tools not registered: this VS Code has no vscode.lm.registerTool');
    return [];
  }
  return AGENT_TOOLS.map((definition) =>
    registerTool(definition.name, {
      prepareInvocation: () => ({ invocationMessage: `OpsLens: ${definition.title.toLowerCase()}` }),
      invoke: async ({ input }, token) => {
        const running = await server();
        if (!running) throw new Error('the OpsLens language server is not running (see the OpsLens output)');
        const answer = await running.agentTool({ tool: definition.name, input }, token);
        if (answer.isError) throw new Error(answer.text);
        return new LanguageModelToolResult([new LanguageModelTextPart(answer.text)]);
      },
    }),
  );
}
