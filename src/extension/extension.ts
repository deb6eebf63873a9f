import * as vscode from 'vscode';
import { SHOW_GROUPS_COMMAND } from '../clientCommands';
import type { LineAnnotationInfo, StatusParams } from '../protocol';
import type * as LanguageClientModule from './languageClient';
import type { OpsLensServer } from './client/opsLensServer';
import { RESTART_SERVER_COMMAND, type ServerState } from './supervision/serverState';
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
import { credentialAnswer, onWorkspaceTrusted, SecretCredentials } from './credentials/secretCredentials';
import { registerLanguageModelTools } from './agentTools/languageModelTools';

/** The language client once dist/languageClient.js is loaded (right after activation). */
let languageClient: LanguageClientModule.LanguageClientHandle | undefined;
/** False after deactivate(): a client load still queued behind activation must not start a server. */
let active = false;

type StatusShown = { status: StatusParams; text: string; tooltip: string; warning: boolean };

/** The API the integration tests use to wait for data instead of sleeping. */
export interface OpsLensApi {
  /** Resolves once the server has sent data at least once after activation. */
  ready: Promise<void>;
  /** Fires after the line-end text of an editor was updated. */
  onDidApplyLineAnnotations: vscode.Event<{ uri: string; annotations: LineAnnotationInfo[] }>;
  /** Fires after the status bar item was updated for the active editor. */
  onDidUpdateStatus: vscode.Event<StatusShown>;
  /**
   * The registered URI handler (`vscode://opslens.opslens/open?…`). Tests call it directly: in the
   * browser VS Code a link with the app's own scheme goes to the browser, not to the handler.
   */
  handleUri(uri: vscode.Uri): Promise<void>;
  /** What the status bar shows now (undefined before the first status). */
  currentStatus(): StatusShown | undefined;
  /** The language server's supervision: tests kill or stop the server and watch it come back. */
  server: {
    state(): ServerState;
    onDidChangeState: vscode.Event<ServerState>;
    /** The server's process id while it runs. */
    processId(): number | undefined;
    /** Pings the server now instead of at the next interval (the hang deadline still applies). */
    checkNow(): void;
    /** Every notification shown about the server so far (one as an incident starts, one more if OpsLens gives up). */
    notifications(): readonly string[];
  };
}

/**
 * Registers the views, commands, status bar and URI handler, and nothing heavier: the language
 * client (most of the client's JavaScript) is loaded and started just after this returns.
 */
export async function activate(context: vscode.ExtensionContext): Promise<OpsLensApi> {
  const started = Date.now();
  active = true;
  context.subscriptions.push(outputChannel());
  const statusBar = new StatusBar();
  const errors = new ErrorsView(runningServer);
  const incidents = new IncidentsView(runningServer);
  const sources = new SourcesView(runningServer);
  const lineAnnotations = new LineAnnotations(runningServer);
  const statusUpdated = new vscode.EventEmitter<StatusShown>();
  const serverState = new vscode.EventEmitter<ServerState>();
  const refreshViews = (): void => {
    errors.refresh();
    incidents.refresh();
    sources.refresh();
    lineAnnotations.schedule();
    void refreshStatus();
  };
  /** The status bar counts the active file's service: asked again when the data or the active editor changes. */
  const refreshStatus = async (): Promise<void> => {
    const server = runningServer();
    if (!server) return;
    const uri = vscode.window.activeTextEditor?.document.uri;
    const status = await server.status(uri?.scheme === 'file' ? { uri: uri.toString() } : {}).catch((error: unknown) => {
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
    serverState,
    lineAnnotations,
    errorsTree,
    vscode.window.createTreeView('opslens.incidents', { treeDataProvider: incidents }),
    vscode.window.createTreeView('opslens.sources', { treeDataProvider: sources }),
    serverState.event((state) => {
      statusBar.serverState(state);
      if (state.kind === 'running') refreshViews();
    }),
  );

  const ctx: CommandContext = {
    extension: context,
    runningServer,
    refreshViews,
    revealGroup: async (fingerprint) => {
      const children = await errors.getChildren();
      const group = children.find((g) => g.fingerprint === fingerprint);
      if (group) await errorsTree.reveal(group, { select: true, focus: true });
    },
  };
  const uriHandler = registerCommands(context, ctx);
  context.subscriptions.push(
    // The incidents of the active file's service come first, and the status bar counts that service.
    vscode.window.onDidChangeActiveTextEditor(() => {
      incidents.refresh();
      void refreshStatus();
    }),
    onWorkspaceTrusted(runningServer),
  );

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  // Agents wait for the server's first data rather than getting an empty answer while it starts.
  context.subscriptions.push(...registerLanguageModelTools(() => ready.then(runningServer)));
  const hooks: LanguageClientModule.ClientHooks = {
    output: outputChannel(),
    onDataChanged: (status) => {
      void vscode.commands.executeCommand('setContext', 'opslens.configured', status.configured);
      refreshViews();
      markReady();
    },
    credential: credentialAnswer(new SecretCredentials(context.secrets)),
  };
  // After activate() has returned: activation loads this bundle only, not the language client's.
  setImmediate(() => startLanguageClient(context, hooks, serverState));
  traceInfo(`activated in ${Date.now() - started} ms`);
  const currentStatus = (): StatusShown | undefined => {
    const status = statusBar.lastStatus;
    return status ? { status, ...statusBar.current } : undefined;
  };
  const server = {
    state: (): ServerState => languageClient?.supervisor.state ?? { kind: 'starting' },
    onDidChangeState: serverState.event,
    processId: () => languageClient?.supervisor.processId,
    checkNow: () => languageClient?.supervisor.checkNow(),
    notifications: () => languageClient?.supervisor.notifications ?? [],
  };
  return { ready, onDidApplyLineAnnotations: lineAnnotations.onDidApply, onDidUpdateStatus: statusUpdated.event, currentStatus, handleUri: (uri) => uriHandler.handleUri(uri), server };
}

/** Every command and the URI handler; each registration goes to the extension's subscriptions. */
function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): OpsLensUriHandler {
  const register = (id: string, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
  };
  register('opslens.refresh', async () => {
    await runningServer()?.refresh();
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
  register(RESTART_SERVER_COMMAND, () => languageClient?.supervisor.restart());
  const uriHandler = new OpsLensUriHandler(openStackTrace);
  context.subscriptions.push(vscode.window.registerUriHandler(uriHandler));
  return uriHandler;
}

/**
 * Loads dist/languageClient.js and starts the server under supervision; the supervisor's states
 * are forwarded to `serverState`. A failure to load is shown once: VS Code shows nothing by itself.
 */
function startLanguageClient(context: vscode.ExtensionContext, hooks: LanguageClientModule.ClientHooks, serverState: vscode.EventEmitter<ServerState>): void {
  if (!active) return;
  try {
    const loaded = Date.now();
    languageClient = loadLanguageClient().startLanguageClient(context, hooks);
    context.subscriptions.push(languageClient, languageClient.supervisor.onDidChangeState((state) => serverState.fire(state)));
    traceInfo(`language client loaded in ${Date.now() - loaded} ms`);
  } catch (error) {
    traceError('OpsLens could not load its language client', error);
    serverState.fire({ kind: 'stopped', reason: 'could not be started (see the OpsLens output)' });
    void vscode.window.showErrorMessage('OpsLens could not start its language server. The OpsLens output says why.', 'Show Output').then((choice) => {
      if (choice) outputChannel().show();
    });
  }
}

/**
 * dist/languageClient.js: vscode-languageclient and the protocol packages, most of the client's
 * JavaScript. Required at run time, after activation; scripts/build.mjs bundles it separately and
 * leaves this require alone.
 */
function loadLanguageClient(): typeof LanguageClientModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  return require('./languageClient.js') as typeof LanguageClientModule;
}

function runningServer(): OpsLensServer | undefined {
  return languageClient?.isRunning() ? languageClient.server : undefined;
}

export async function deactivate(): Promise<void> {
  active = false;
  await languageClient?.supervisor.stop();
  languageClient = undefined;
}
