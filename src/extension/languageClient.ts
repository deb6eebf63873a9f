import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { HOVER_COMMANDS } from '../protocol';
import { outputChannel } from './log';

/** Starts the OpsLens language server (dist/server.js) over IPC; the heavy work happens there. */
export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
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
  };
  return new LanguageClient('opslens', 'OpsLens', serverOptions, clientOptions);
}
