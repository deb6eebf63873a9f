import { URI } from 'vscode-uri';
import { readFile } from 'node:fs/promises';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node';
import {
  AgentToolRequest,
  CredentialsChangedNotification,
  DataChangedNotification,
  FileAnnotationsRequest,
  GroupsRequest,
  HealthRequest,
  IncidentsRequest,
  PingRequest,
  PathMappingEditRequest,
  RefreshRequest,
  ResolveStackTraceRequest,
  RunbooksRequest,
  StackTraceRequest,
  StatusRequest,
  type GroupInfo,
  type PathMappingSuggestionInfo,
  type StatusParams,
} from '../protocol';
import { groupTitle } from '../core/annotations';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import { STATEMENT_FILES_GLOB } from '../core/logStatements/workspaceStatements';
import { renderHover } from './hoverContent';
import { findFunctions, type FunctionRange } from '../core/codeStructure/functionRanges';
import { suggestPathMappings } from '../core/mapping/pathMappingSuggestion';
import { addPathMapping, PathMappingEditError, serviceForFolder } from '../core/config/addPathMapping';
import { buildDiagnostics, type OpsLensDiagnosticData } from './diagnostics';
import { functionCodeLenses, lineAnnotations, windowLabel } from './editorAnnotations';
import { SettingsCache } from './settingsCache';
import { resolvePastedTrace, type ResolveFrame } from './stackTraceResolution';
import { DEFAULT_SETTINGS } from '../settings';
import { listIncidents, listRunbooks, SERVICE_FILE_GLOBS } from './runbookRequests';
import { plainSourceHealth, renderHealthReport } from './healthReport';
import { EnvCredentialProvider } from '../sources/http/credentials';
import { ClientCredentialProvider } from './clientCredentials';
import { WorkspaceSession, type SessionLogger } from './workspaceSession';
import { answerAgentTool } from './agentToolRequests';

/** A hover waits this long for a folder still loading its first data, then answers without it. */
const HOVER_DEADLINE_MS = 1500;
/** Config files whose edits restart a folder's session (sources and services are read again). */
const CONFIG_FILE_GLOB = '**/.opslens.{yaml,yml}';

/** Wires the OpsLens language server to a connection (IPC from VS Code, or stdio for other editors). */
export function startServer(connection: Connection): void {
  const sessions: WorkspaceSession[] = [];
  const published = new Set<string>();
  let pollTimer: NodeJS.Timeout | undefined;
  /** Set by shutdown: a start-up still in flight must not arm the poll timer after it (the process would never exit). */
  let shutDown = false;
  let pollMs = DEFAULT_SETTINGS.pollInterval * 1000;
  const settings = new SettingsCache(connection);
  const started = new Map<WorkspaceSession, Promise<void>>();
  const functionCache = new Map<string, { text: string; functions: FunctionRange[] | undefined }>();
  const credentials = new ClientCredentialProvider(connection, new EnvCredentialProvider());
  const log: SessionLogger = {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };

  /**
   * For the requests the server sends without waiting for them: an editor may answer one with an
   * error, and an unhandled rejection would end the server process.
   */
  const refused = (what: string) => (error: unknown): void => log.warn(`${what}: ${error instanceof Error ? error.message : String(error)}`);

  const sessionFor = (uri: string): { session: WorkspaceSession; rel: string } | undefined => {
    const fsPath = URI.parse(uri).fsPath;
    for (const session of sessions) {
      const rel = session.relative(fsPath);
      if (rel !== undefined) return { session, rel };
    }
    return undefined;
  };
  const fileUri = (session: WorkspaceSession, rel: string): string => URI.file(`${session.root}/${rel}`).toString();

  const folderUri = (session: WorkspaceSession): string => URI.file(session.root).toString();
  const newSession = (folder: string): WorkspaceSession =>
    new WorkspaceSession(folder, log, { credentials, onSourceChange: () => void pollAndPublish(), deferStatementIndex: true });
  /**
   * A folder's first data: config, files and one poll, so errors answer hovers. The logging-statement
   * index comes after (indexAndPublish); log lines that only it can place wait for it in the session.
   */
  const startSession = (s: WorkspaceSession): Promise<void> => {
    const firstData = s
      .start()
      .then(() => s.poll())
      .catch((e: unknown) => log.error(`${s.root}: ${String(e)}`));
    started.set(s, firstData);
    return firstData;
  };

  let watchFiles = false;
  let configurationChanges = false;
  let codeLensRefresh = false;
  /** Set by OpsLens's own VS Code client: hovers may use theme icons and `opslens.*` command links. */
  let commandLinks = false;
  connection.onInitialize((params: InitializeParams) => {
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    configurationChanges = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    settings.enable(params.capabilities.workspace?.configuration === true, params.initializationOptions);
    commandLinks = (params.initializationOptions as { commandLinks?: unknown } | undefined)?.commandLinks === true;
    const folders = params.workspaceFolders?.map((f) => URI.parse(f.uri).fsPath) ?? (params.rootUri ? [URI.parse(params.rootUri).fsPath] : []);
    for (const folder of folders) sessions.push(newSession(folder));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.None,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'OpsLens' },
    };
  });

  connection.onInitialized(() => {
    // Source edits re-index their logging statements; the client watches, so the server needs no file watcher of its own.
    if (watchFiles) {
      const globs = [STATEMENT_FILES_GLOB, ...SERVICE_FILE_GLOBS, CONFIG_FILE_GLOB];
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) }).catch(refused('file watching not registered'));
    }
    if (configurationChanges) connection.client.register(DidChangeConfigurationNotification.type, { section: 'opslens' }).catch(refused('settings changes not registered'));
    void (async () => {
      for (const s of sessions) await startSession(s);
      await publish();
      await armPollTimer();
      await indexAndPublish(sessions);
    })();
  });

  /** The poll interval is the shortest any folder asks for (`opslens.pollInterval`). */
  async function armPollTimer(): Promise<void> {
    const intervals = await Promise.all(sessions.map(async (s) => (await settings.forFolder(folderUri(s))).pollInterval));
    const wanted = (intervals.length > 0 ? Math.min(...intervals) : DEFAULT_SETTINGS.pollInterval) * 1000;
    if (shutDown || (pollTimer && wanted === pollMs)) return;
    pollMs = wanted;
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = setInterval(() => void pollAndPublish(), pollMs);
  }

  async function pollAndPublish(): Promise<void> {
    await Promise.all(sessions.map((s) => s.poll().catch((e: unknown) => log.error(`${s.root}: poll failed: ${String(e)}`))));
    await publish();
  }

  async function publish(): Promise<void> {
    await publishDiagnostics();
    void connection.sendNotification(DataChangedNotification, status());
  }

  /**
   * Builds the folders' logging-statement indexes (after their first data: errors do not wait
   * for tree-sitter), then tells the editor: the client redraws line-end text and views on
   * opslens/dataChanged, code lenses on the refresh request, and hovers are asked afresh.
   */
  async function indexAndPublish(folders: readonly WorkspaceSession[]): Promise<void> {
    await Promise.all(folders.map((s) => s.indexStatements().catch((e: unknown) => log.error(`${s.root}: statement index failed: ${String(e)}`))));
    await publish();
    if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(refused('code lens refresh'));
  }

  async function publishDiagnostics(): Promise<void> {
    const now = new Set<string>();
    for (const session of [...sessions]) {
      const folderSettings = await settings.forFolder(folderUri(session));
      for (const rel of session.filesWithGroups()) {
        const uri = fileUri(session, rel);
        const diagnostics = buildDiagnostics(session.groupsInFile(rel), folderSettings, (r) => fileUri(session, r));
        if (diagnostics.length === 0) continue;
        now.add(uri);
        void connection.sendDiagnostics({ uri, diagnostics });
      }
    }
    // A source removed, a setting turned off or a group gone: its old diagnostics go too.
    for (const uri of published) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published.clear();
    for (const uri of now) published.add(uri);
  }

  /** Counts for one service (the file's) or the whole workspace, and the first failing or stale source's reason. */
  function status(service?: string): StatusParams {
    let errors = 0;
    let incidents = 0;
    let warning: string | undefined;
    for (const s of sessions) {
      for (const g of s.groups()) if (g.kind === 'error' && (service === undefined || g.service === service)) errors += g.count;
      incidents += s.firingIncidents().filter((i) => service === undefined || i.service === service).length;
      const failing = s.health().find((h) => h.state === 'failing' || h.state === 'stale');
      if (failing && !warning) warning = `${failing.name} ${failing.state === 'stale' ? 'is stale' : 'is failing'}: ${failing.lastError?.reason ?? 'no data yet'}`;
    }
    const result: StatusParams = { incidents, errors, configured: sessions.some((s) => s.configured) };
    if (warning) result.warning = sanitisePlainText(warning, 300);
    if (service !== undefined) result.service = service;
    return result;
  }

  /** `.opslens.yaml` changed: the folder's session starts again with the new sources and services. */
  async function restartSession(old: WorkspaceSession): Promise<void> {
    const at = sessions.indexOf(old);
    if (at < 0) return;
    old.dispose();
    const fresh = newSession(old.root);
    sessions[at] = fresh;
    started.delete(old);
    log.info(`${old.root}: configuration changed, reloading`);
    await startSession(fresh);
    await publish();
    await indexAndPublish([fresh]);
  }

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const found = sessionFor(change.uri);
      if (!found) continue;
      if (found.rel === '.opslens.yaml' || found.rel === '.opslens.yml') {
        void restartSession(found.session);
        continue;
      }
      const absolute = URI.parse(change.uri).fsPath;
      functionCache.delete(absolute);
      void found.session.fileChanged(absolute, change.type === FileChangeType.Deleted).catch((e: unknown) => log.warn(`re-index ${found.rel}: ${String(e)}`));
    }
  });

  connection.onDidChangeConfiguration((params) => {
    settings.clear(params.settings);
    void (async () => {
      await armPollTimer();
      await pollAndPublish();
      if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(refused('code lens refresh'));
    })();
  });

  /** Waits for the folder's first start, but no longer than the deadline or a cancellation. */
  function startedWithin(session: WorkspaceSession, token: CancellationToken, ms: number): Promise<boolean> {
    const start = started.get(session);
    if (!start) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), ms);
      const cancel = token.onCancellationRequested(() => done(false));
      function done(ok: boolean): void {
        clearTimeout(timer);
        cancel.dispose();
        resolve(ok);
      }
      void start.then(() => done(true));
    });
  }

  connection.onHover(async (params, token) => {
    const found = sessionFor(params.textDocument.uri);
    if (!found) return null;
    if (!(await startedWithin(found.session, token, HOVER_DEADLINE_MS)) || token.isCancellationRequested) return null;
    const groups = found.session.groupsAtLine(found.rel, params.position.line + 1);
    if (groups.length === 0) return null;
    const value = renderHover(groups, { now: Date.now(), fileUri: (rel) => fileUri(found.session, rel), commandLinks });
    return { contents: { kind: 'markdown', value } };
  });

  connection.onCodeLens(async (params, token) => {
    const found = sessionFor(params.textDocument.uri);
    if (!found) return [];
    const groups = found.session.groupsInFile(found.rel);
    const folderSettings = await settings.forFolder(folderUri(found.session));
    if (groups.length === 0 || !folderSettings.codeLensEnabled || token.isCancellationRequested) return [];
    const functions = await functionsOf(URI.parse(params.textDocument.uri).fsPath, found.rel);
    if (!functions || token.isCancellationRequested) return [];
    return functionCodeLenses(groups, functions, folderSettings, windowLabel(found.session.windowMs() ?? 86_400_000), params.textDocument.uri);
  });

  /**
   * The functions of a file as saved on disk (groups are placed against the working
   * tree on disk too), parsed with the logging-statement index's tree-sitter grammars.
   */
  async function functionsOf(absolute: string, rel: string): Promise<FunctionRange[] | undefined> {
    try {
      const text = await readFile(absolute, 'utf8');
      const cached = functionCache.get(absolute);
      if (cached?.text === text) return cached.functions;
      const functions = await findFunctions(rel, text);
      functionCache.set(absolute, { text, functions });
      return functions;
    } catch (error) {
      log.warn(`functions of ${rel}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    }
  }

  connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      const data = diagnostic.data as Partial<OpsLensDiagnosticData> | undefined;
      if (diagnostic.source !== 'OpsLens' || typeof data?.fingerprint !== 'string') continue;
      actions.push(
        { title: 'Open runbook', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Open runbook', command: 'opslens.openRunbook', arguments: [{ fingerprint: data.fingerprint }] } },
        { title: 'Show in OpsLens sidebar', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Show in sidebar', command: 'opslens.revealGroup', arguments: [data.fingerprint] } },
      );
    }
    return actions;
  });

  connection.onRequest(FileAnnotationsRequest, async ({ uri }) => {
    const found = sessionFor(uri);
    if (!found) return [];
    return lineAnnotations(found.session.groupsInFile(found.rel), await settings.forFolder(folderUri(found.session)));
  });

  connection.onRequest(StatusRequest, ({ uri }) => {
    const found = uri ? sessionFor(uri) : undefined;
    const service = found?.session.serviceContext()?.catalog.serviceForFile(found.rel)?.name;
    return status(service);
  });

  connection.onRequest(ResolveStackTraceRequest, ({ text }) => {
    const resolve: ResolveFrame = (frame) => {
      let first: ReturnType<ResolveFrame> | undefined;
      for (const s of sessions) {
        const resolution = s.frameResolver()?.resolve(frame);
        if (!resolution) continue;
        const attempt = { resolution, fileUri: (rel: string) => fileUri(s, rel) };
        if (resolution.kind === 'resolved') return attempt;
        first ??= attempt;
      }
      return first ?? { resolution: { kind: 'unmatched', path: frame.file ?? '' } };
    };
    return resolvePastedTrace(text, resolve);
  });

  connection.onNotification(CredentialsChangedNotification, () => {
    credentials.clear();
    for (const s of sessions) s.retrySources();
    void pollAndPublish();
  });

  connection.onRequest(RefreshRequest, async () => {
    // The user asked: contact every backend now (a backend's own Retry-After still holds).
    for (const s of sessions) s.retrySources();
    await pollAndPublish();
  });

  connection.onRequest(GroupsRequest, ({ limit }) => {
    const out: GroupInfo[] = [];
    for (const s of sessions) {
      for (const g of s.groups()) {
        out.push({
          fingerprint: g.fingerprint,
          kind: g.kind,
          service: g.service === undefined ? null : sanitisePlainText(g.service, 200),
          title: sanitisePlainText(groupTitle(g)),
          count: g.count,
          lastSeen: g.lastSeen,
          uri: fileUri(s, g.location.file),
          line: g.location.line - 1,
          changedSince: g.changedSince,
        });
      }
    }
    return out.sort((a, b) => b.count - a.count).slice(0, limit ?? 200);
  });

  connection.onRequest(StackTraceRequest, ({ fingerprint }) => {
    for (const s of sessions) {
      const group = s.groups().find((g) => g.fingerprint === fingerprint);
      if (group) return group.stacktrace ?? null;
    }
    return null;
  });

  connection.onRequest(IncidentsRequest, ({ uri }) => listIncidents(sessions, uri ? sessionFor(uri) : undefined, fileUri));
  connection.onRequest(RunbooksRequest, ({ uri, fingerprint }) => listRunbooks(sessions, uri ? sessionFor(uri) : undefined, fileUri, fingerprint));
  connection.onRequest(AgentToolRequest, async (params) => {
    // An agent asks once, not on every keystroke: it may wait for the folders' first data and statements.
    await Promise.all(started.values());
    await Promise.all(sessions.map((s) => s.indexStatements().catch(() => undefined)));
    return answerAgentTool(sessions, params);
  });

  connection.onRequest(PingRequest, () => ({ pid: process.pid }));
  connection.onRequest(HealthRequest, () => {
    const folders = sessions.map((s) => ({
      folder: s.root,
      sources: s.health().map((h) => ({ ...h, folder: s.root })),
      placement: s.placementStats(),
      suggestions: mappingSuggestions(s),
    }));
    return { markdown: renderHealthReport(folders, Date.now()), sources: folders.flatMap((f) => f.sources).map(plainSourceHealth), suggestions: folders.flatMap((f) => f.suggestions) };
  });

  connection.onRequest(PathMappingEditRequest, async ({ folder, service, from, to }) => {
    const file = URI.parse(folder).fsPath;
    const session = sessions.find((s) => s.root === file);
    if (!session) return { error: `${file} is not a workspace folder` };
    const uri = URI.file(`${session.root}/.opslens.yaml`);
    try {
      return { uri: uri.toString(), text: addPathMapping(await readFile(uri.fsPath, 'utf8'), service, from, to) };
    } catch (error) {
      return { error: error instanceof PathMappingEditError ? error.message : `cannot read ${uri.fsPath}: ${String(error)}` };
    }
  });

  /** Path mappings that would place this folder's unmatched and ambiguous frames, each for the service whose root holds its target. */
  function mappingSuggestions(session: WorkspaceSession): PathMappingSuggestionInfo[] {
    const index = session.fileIndex();
    const services = session.serviceConfig()?.services ?? [];
    if (!index) return [];
    const paths = new Map<string, number>();
    for (const stats of session.placementStats()?.values() ?? []) {
      for (const map of [stats.unmatchedPaths, stats.ambiguousPaths]) for (const [p, n] of map) paths.set(p, (paths.get(p) ?? 0) + n);
    }
    const out: PathMappingSuggestionInfo[] = [];
    for (const suggestion of suggestPathMappings(paths, index)) {
      const service = serviceForFolder(services, suggestion.to);
      if (service) out.push({ folder: folderUri(session), service, from: suggestion.from, to: suggestion.to, frames: suggestion.frames });
    }
    return out;
  }

  connection.onShutdown(() => {
    shutDown = true;
    functionCache.clear();
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = undefined;
    for (const s of sessions) s.dispose();
  });

  connection.listen();
}

