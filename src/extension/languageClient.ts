/**
 * The language client, bundled alone as dist/languageClient.js: vscode-languageclient and the
 * protocol packages are most of the client's JavaScript, and activation needs none of them.
 * extension.ts requires this module right after activate() has returned.
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CredentialRequest, DataChangedNotification, HOVER_COMMANDS, type CredentialInfo, type StatusParams } from '../protocol';
import { SERVER_NODE_OPTIONS } from '../serverOptions';
import type { OpsLensServer } from './client/opsLensServer';
import { serverRequests } from './client/serverRequests';
import { ServerSupervisor } from './supervision/serverSupervisor';

/** What the activation side hands over: its one log channel, and the answers it owns. */
export interface ClientHooks {
  output: vscode.LogOutputChannel;
  /** `opslens/dataChanged`: the server has new data. */
  onDataChanged(status: StatusParams): void;
  /** `opslens/credential`: the server asks for a source's credential. */
  credential(params: { source: string; origin: string }): Promise<CredentialInfo | { withheld: string } | null>;
}

export interface LanguageClientHandle extends vscode.Disposable {
  /** The server's requests, usable while `isRunning()`. */
  readonly server: OpsLensServer;
  isRunning(): boolean;
  readonly supervisor: ServerSupervisor;
}

/** Creates the client under supervision and starts the server in the background. */
export function startLanguageClient(context: vscode.ExtensionContext, hooks: ClientHooks): LanguageClientHandle {
  const supervisor = new ServerSupervisor((errorHandler) => createLanguageClient(context, hooks.output, errorHandler), hooks.output);
  const { client } = supervisor;
  // Registered once: the client keeps its handlers across restarts.
  const handlers = [client.onNotification(DataChangedNotification, hooks.onDataChanged), client.onRequest(CredentialRequest, hooks.credential)];
  supervisor.start();
  return {
    server: serverRequests(client),
    isRunning: () => client.isRunning(),
    supervisor,
    dispose: () => {
      for (const h of handlers) h.dispose();
      supervisor.dispose();
    },
  };
}

/**
 * The library's client, except that it never pops up a notification of its own: the supervisor
 * tells the user when an incident starts and if it gives up, where the library would show one per
 * failed start (and one per failed request at its default reveal level).
 */
class QuietLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown): void {
    super.error(message, data, false);
  }
}

/** The OpsLens language server (dist/server.js) over IPC; the heavy work happens there. */
function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, errorHandler: ErrorHandler): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }],
    outputChannel: output,
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
