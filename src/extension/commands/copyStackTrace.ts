import * as vscode from 'vscode';
import type { CommandContext } from './commandContext';

export function copyStackTraceCommand(ctx: CommandContext) {
  return async (fingerprint: string): Promise<void> => {
    const trace = await ctx.runningServer()?.stackTrace({ fingerprint });
    if (!trace) {
      void vscode.window.showInformationMessage('OpsLens has no stack trace for this group.');
      return;
    }
    await vscode.env.clipboard.writeText(trace);
    void vscode.window.setStatusBarMessage('$(copy) Stack trace copied', 3000);
  };
}
