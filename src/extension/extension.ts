import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DataChangedNotification, RefreshRequest } from '../protocol';
import { createLanguageClient } from './languageClient';
import { outputChannel, traceError, traceInfo } from './log';
import { StatusBar } from './statusBar';
import { ErrorsView } from './views/errorsView';
import { IncidentsView } from './views/incidentsView';
import { SourcesView } from './views/sourcesView';
import type { CommandContext } from './commands/commandContext';
import { copyStackTraceCommand } from './commands/copyStackTrace';
import { openConfiguration } from './commands/openConfiguration';
import { openLocation } from './commands/openLocation';
import { openRunbookCommand, openRunbookTarget } from './commands/openRunbook';
import { setCredentialCommand } from './commands/setCredential';
import { showHealthCommand } from './commands/showHealth';
import { registerCredentialHandler, SecretCredentials } from './credentials/secretCredentials';

let client: LanguageClient | undefined;

/** The API the integration tests use to wait for data instead of sleeping. */
export interface OpsLensApi {
  /** Resolves once the server has sent data at least once after activation. */
  ready: Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<OpsLensApi> {
  const started = Date.now();
  context.subscriptions.push(outputChannel());
  const statusBar = new StatusBar();
  const errors = new ErrorsView(() => runningClient());
  const incidents = new IncidentsView(() => runningClient());
  const sources = new SourcesView(() => runningClient());
  const refreshViews = (): void => {
    errors.refresh();
    incidents.refresh();
    sources.refresh();
  };
  const errorsTree = vscode.window.createTreeView('opslens.errors', { treeDataProvider: errors, showCollapseAll: false });
  context.subscriptions.push(
    statusBar,
    errorsTree,
    vscode.window.createTreeView('opslens.incidents', { treeDataProvider: incidents }),
    vscode.window.createTreeView('opslens.sources', { treeDataProvider: sources }),
  );

  const ctx: CommandContext = {
    extension: context,
    runningClient,
    refreshViews,
    revealGroup: async (fingerprint) => {
      const children = await errors.getChildren();
      const group = children.find((g) => g.fingerprint === fingerprint);
      if (group) await errorsTree.reveal(group, { select: true, focus: true });
    },
  };
  const register = (id: string, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
  };
  register('opslens.refresh', async () => {
    await runningClient()?.sendRequest(RefreshRequest);
  });
  register('opslens.openRunbook', openRunbookCommand(ctx));
  register('opslens.openRunbookTarget', openRunbookTarget);
  register('opslens.showHealth', showHealthCommand(ctx));
  register('opslens.openConfiguration', openConfiguration);
  register('opslens.openLocation', openLocation);
  register('opslens.revealGroup', (fingerprint: string) => ctx.revealGroup(fingerprint));
  register('opslens.copyStackTrace', copyStackTraceCommand(ctx));
  register('opslens.setCredential', setCredentialCommand(ctx));

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  client = createLanguageClient(context);
  context.subscriptions.push(...registerCredentialHandler(client, new SecretCredentials(context.secrets)));
  context.subscriptions.push(
    client.onNotification(DataChangedNotification, (status) => {
      statusBar.update(status);
      void vscode.commands.executeCommand('setContext', 'opslens.configured', status.configured);
      refreshViews();
      markReady();
    }),
  );
  // Not awaited: activation stays cheap, the server starts in the background and reports through dataChanged.
  void client.start().then(refreshViews, (error: unknown) => {
    traceError('OpsLens could not start its language server', error);
    void vscode.window.showErrorMessage('OpsLens could not start its language server. See the OpsLens output for why.', 'Show Output').then((choice) => {
      if (choice) outputChannel().show();
    });
  });
  traceInfo(`activated in ${Date.now() - started} ms`);
  return { ready };
}

function runningClient(): LanguageClient | undefined {
  return client?.isRunning() ? client : undefined;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
