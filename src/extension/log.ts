import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The one OpsLens log channel; it follows the log level the user picks for it. */
export function outputChannel(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('OpsLens', { log: true });
  return channel;
}

export const traceInfo = (message: string): void => outputChannel().info(message);
export const traceWarn = (message: string): void => outputChannel().warn(message);
export const traceError = (message: string, error?: unknown): void =>
  outputChannel().error(error === undefined ? message : `${message}: ${error instanceof Error ? error.message : String(error)}`);
