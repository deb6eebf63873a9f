import * as vscode from 'vscode';
import { HealthRequest } from '../../protocol';
import type { CommandContext } from './commandContext';

/** "OpsLens: Show Health": the server's report in a Markdown document a user can read or paste. */
export function showHealthCommand(ctx: CommandContext) {
  return async (): Promise<void> => {
    const client = ctx.runningClient();
    const markdown = client ? (await client.sendRequest(HealthRequest)).markdown : '# OpsLens health\n\nThe OpsLens language server is not running. See the OpsLens output channel for why.';
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(doc, { preview: true });
  };
}
