import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DataChangedNotification, RefreshRequest, SHOW_GROUPS_COMMAND, StatusRequest, type LineAnnotationInfo, type StatusParams } from '../protocol';
import { createLanguageClient } from './languageClient';
import { RESTART_SERVER_COMMAND, ServerSupervisor } from './supervision/serverSupervisor';
import type { ServerState } from './supervision/serverState';
import { outputChannel, traceError, traceInfo } from './log';
import { StatusBar } from './statusbar/statusBar';
import { LineAnnotations } from './annotations/lineAnnotations';
import { addPathMappingCommand } from './commands/addPathMapping';
import { openStackTraceCommand } from './commands/openStackTrace';
import { showGroupsCommand } from './commands/showGroups';
import { OpsLensUriHandler } from './uri/uriHandler';
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
import { registerLanguageModelTools } from './agentTools/languageModelTools';

let supervisor: ServerSupervisor | undefined;

/** The API the integration tests use to wait for data instead of sleeping. */
export interface OpsLensApi {
  /** Resolves once the server has sent data at least once after activation. */
  ready: Promise<void>;
  /** Fires after the line-end text of an editor was updated. */
  onDidApplyLineAnnotations: vscode.Event<{ uri: string; annotations: LineAnnotationInfo[] }>;
  /** Fires after the status bar item was updated for the active editor. */
  onDidUpdateStatus: vscode.Event<{ status: StatusParams; text: string; tooltip: string; warning: boolean }>;
  /**
   * The registered URI handler (`vscode://opslens.opslens/open?…`). Tests call it directly: in the
   * browser VS Code a link with the app's own scheme goes to the browser, not to the handler.
   */
  handleUri(uri: vscode.Uri): Promise<void>;
  /** What the status bar shows now (undefined before the first status). */
  currentStatus(): { status: StatusParams; text: string; tooltip: string; warning: boolean } | undefined;
  /** The language server's supervision: tests kill or stop the server and watch it come back. */
  server: {
    state(): ServerState;
    onDidChangeState: vscode.Event<ServerState>;
    /** The server's process id while it runs. */
    processId(): number | undefined;
    /** Pings the server now instead of at the next interval (the hang deadline still applies). */
    checkNow(): void;
    /** Every notification shown about the server so far (one per incident). */
    notifications(): readonly string[];
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<OpsLensApi> {
  const started = Date.now();
  context.subscriptions.push(outputChannel());
  const statusBar = new StatusBar();
  const errors = new ErrorsView(() => runningClient());
  const incidents = new IncidentsView(() => runningClient());
  const sources = new SourcesView(() => runningClient());
  const lineAnnotations = new LineAnnotations(() => runningClient());
  const statusUpdated = new vscode.EventEmitter<{ status: StatusParams; text: string; tooltip: string; warning: boolean }>();
  const refreshViews = (): void => {
    errors.refresh();
    incidents.refresh();
    sources.refresh();
    lineAnnotations.schedule();
    void refreshStatus();
  };
  /** The status bar counts the active file's service: asked again when the data or the active editor changes. */
  const refreshStatus = async (): Promise<void> => {
    const client = runningClient();
    if (!client) return;
    const uri = vscode.window.activeTextEditor?.document.uri;
    const status = await client.sendRequest(StatusRequest, uri?.scheme === 'file' ? { uri: uri.toString() } : {}).catch((error: unknown) => {
      traceError('status request failed', error);
      return undefined;
    });
    if (!status) return;
    statusBar.update(status);
    statusUpdated.fire({ status, ...statusBar.current });
  };
  const errorsTree = vscode.window.createTreeView('opslens.errors', { treeDataProvider: errors, showCollapseAll: false });
  context.subscriptions.push(
    statusBar,
    statusUpdated,
    lineAnnotations,
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
  const openStackTrace = openStackTraceCommand(ctx);
  register('opslens.openStackTrace', openStackTrace);
  register(SHOW_GROUPS_COMMAND, showGroupsCommand(ctx));
  register('opslens.addPathMapping', addPathMappingCommand(ctx));
  const uriHandler = new OpsLensUriHandler(openStackTrace);
  context.subscriptions.push(
    vscode.window.registerUriHandler(uriHandler),
    // The incidents of the active file's service come first, and the status bar counts that service.
    vscode.window.onDidChangeActiveTextEditor(() => {
      incidents.refresh();
      void refreshStatus();
    }),
  );

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const supervised = new ServerSupervisor((errorHandler) => createLanguageClient(context, errorHandler), outputChannel());
  supervisor = supervised;
  const client = supervised.client;
  context.subscriptions.push(
    supervised,
    supervised.onDidChangeState((state) => {
      statusBar.serverState(state);
      if (state.kind === 'running') refreshViews();
    }),
  );
  register(RESTART_SERVER_COMMAND, () => supervised.restart());
  context.subscriptions.push(...registerCredentialHandler(client, new SecretCredentials(context.secrets)));
  context.subscriptions.push(
    client.onNotification(DataChangedNotification, (status) => {
      void vscode.commands.executeCommand('setContext', 'opslens.configured', status.configured);
      refreshViews();
      markReady();
    }),
  );
  // Agents wait for the server's first data rather than getting an empty answer while it starts.
  context.subscriptions.push(...registerLanguageModelTools(() => ready.then(runningClient)));
  // Not awaited: activation stays cheap, the server starts in the background and reports through dataChanged.
  // A server that fails to start, exits or hangs is restarted and reported by the supervisor.
  supervised.start();
  traceInfo(`activated in ${Date.now() - started} ms`);
  const currentStatus = () => {
    const status = statusBar.lastStatus;
    return status ? { status, ...statusBar.current } : undefined;
  };
  const server = {
    state: () => supervised.state,
    onDidChangeState: supervised.onDidChangeState,
    processId: () => supervised.processId,
    checkNow: () => supervised.checkNow(),
    notifications: () => supervised.notifications,
  };
  return { ready, onDidApplyLineAnnotations: lineAnnotations.onDidApply, onDidUpdateStatus: statusUpdated.event, currentStatus, handleUri: (uri) => uriHandler.handleUri(uri), server };
}

function runningClient(): LanguageClient | undefined {
  const client = supervisor?.client;
  return client?.isRunning() ? client : undefined;
}

export async function deactivate(): Promise<void> {
  await supervisor?.stop();
  supervisor = undefined;
}
