import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { HOVER_COMMANDS } from '../protocol';
import { outputChannel } from './log';

/**
 * The library's client, except that it never pops up a notification of its own: the supervisor
 * tells the user about server failures once per incident, where the library would show one per
 * failed start (and one per failed request at its default reveal level).
 */
class QuietLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown): void {
    super.error(message, data, false);
  }
}

/** Starts the OpsLens language server (dist/server.js) over IPC; the heavy work happens there. */
export function createLanguageClient(context: vscode.ExtensionContext, errorHandler: ErrorHandler): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }],
    outputChannel: outputChannel(),
    // Hovers carry production text: only OpsLens's own commands may run from them, and no HTML.
    // Theme icons are drawn ($(error), $(book)); production text keeps `$` escaped, so it can draw none.
    markdown: { isTrusted: { enabledCommands: [...HOVER_COMMANDS] }, supportHtml: false, supportThemeIcons: true },
    diagnosticCollectionName: 'opslens',
    // Tells the server this client draws theme icons and runs opslens.* command links (other editors do neither).
    initializationOptions: { commandLinks: true },
    // Crashes and hangs: restarted with back-off and reported once (supervision/serverSupervisor.ts).
    errorHandler,
    // A failed initialize is logged and left to the supervisor (the library would show its own pop-up).
    initializationFailedHandler: () => false,
  };
  return new QuietLanguageClient('opslens', 'OpsLens', serverOptions, clientOptions);
}
