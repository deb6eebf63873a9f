import * as vscode from 'vscode';
import type { PathMappingSuggestionInfo } from '../../protocol';
import type { CommandContext } from './commandContext';
import { notificationText } from '../notificationText';

/**
 * "OpsLens: Show Health": the server's report in a Markdown document a user can read
 * or paste; when frames matched no single file, the suggested pathMapping is offered
 * as a one-click fix.
 */
export function showHealthCommand(ctx: CommandContext) {
  return async (): Promise<void> => {
    const server = ctx.runningServer();
    const report = server ? await server.health() : undefined;
    const markdown = report?.markdown ?? '# OpsLens health\n\nThe OpsLens language server is not running. See the OpsLens output channel for why.';
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(doc, { preview: true });
    const first = report?.suggestions[0];
    if (first) void offerMapping(first);
  };
}

async function offerMapping(s: PathMappingSuggestionInfo): Promise<void> {
  const action = 'Add pathMapping';
  const choice = await vscode.window.showInformationMessage(
    // The paths come from frames in production logs: no link may be made of them.
    `OpsLens: ${s.frames} frame(s) under ${notificationText(s.from)} matched no single file. Add a pathMapping from ${notificationText(s.from)} to ${notificationText(s.to || './')} (service ${notificationText(s.service)})?`,
    action,
  );
  if (choice === action) await vscode.commands.executeCommand('opslens.addPathMapping', s);
}
