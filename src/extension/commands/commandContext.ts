import type * as vscode from 'vscode';
import type { OpsLensServer } from '../client/opsLensServer';

/** What command factories receive: the server only when it is running, so no command needs `server!`. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  runningServer(): OpsLensServer | undefined;
  refreshViews(): void;
  revealGroup(fingerprint: string): Promise<void>;
}
