import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What command factories receive: the client only when it is running, so no command needs `client!`. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  runningClient(): LanguageClient | undefined;
  refreshViews(): void;
  revealGroup(fingerprint: string): Promise<void>;
}
