import { URI } from 'vscode-uri';
import {
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { CredentialsChangedNotification, DataChangedNotification, GroupsRequest, HealthRequest, IncidentsRequest, RefreshRequest, RunbooksRequest, StackTraceRequest, type GroupInfo, type StatusParams } from '../protocol';
import { groupTitle } from '../core/annotations';
import { sanitisePlainText } from '../core/text/escapeMarkdown';
import { STATEMENT_FILES_GLOB } from '../core/logStatements/workspaceStatements';
import { renderHover } from './hoverContent';
import { listIncidents, listRunbooks, SERVICE_FILE_GLOBS } from './runbookRequests';
import { renderHealthReport } from './healthReport';
import { EnvCredentialProvider } from '../sources/http/credentials';
import { ClientCredentialProvider } from './clientCredentials';
import { WorkspaceSession, type SessionLogger } from './workspaceSession';

const DEFAULT_POLL_MS = 60_000;

/** Wires the OpsLens language server to a connection (IPC from VS Code, or stdio for other editors). */
export function startServer(connection: Connection): void {
  const sessions: WorkspaceSession[] = [];
  const published = new Set<string>();
  let pollTimer: NodeJS.Timeout | undefined;
  const credentials = new ClientCredentialProvider(connection, new EnvCredentialProvider());
  const log: SessionLogger = {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };

  const sessionFor = (uri: string): { session: WorkspaceSession; rel: string } | undefined => {
    const fsPath = URI.parse(uri).fsPath;
    for (const session of sessions) {
      const rel = session.relative(fsPath);
      if (rel !== undefined) return { session, rel };
    }
    return undefined;
  };
  const fileUri = (session: WorkspaceSession, rel: string): string => URI.file(`${session.root}/${rel}`).toString();

  let watchFiles = false;
  connection.onInitialize((params: InitializeParams) => {
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folders = params.workspaceFolders?.map((f) => URI.parse(f.uri).fsPath) ?? (params.rootUri ? [URI.parse(params.rootUri).fsPath] : []);
    for (const folder of folders) sessions.push(new WorkspaceSession(folder, log, { credentials, onSourceChange: () => void pollAndPublish() }));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.None,
        hoverProvider: true,
      },
      serverInfo: { name: 'OpsLens' },
    };
  });

  connection.onInitialized(() => {
    // Source edits re-index their logging statements; the client watches, so the server needs no file watcher of its own.
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: STATEMENT_FILES_GLOB }, ...SERVICE_FILE_GLOBS.map((globPattern) => ({ globPattern }))] });
    void (async () => {
      for (const s of sessions) await s.start().catch((e: unknown) => log.error(`${s.root}: ${String(e)}`));
      await pollAndPublish();
      pollTimer = setInterval(() => void pollAndPublish(), DEFAULT_POLL_MS);
    })();
  });

  async function pollAndPublish(): Promise<void> {
    await Promise.all(sessions.map((s) => s.poll().catch((e: unknown) => log.error(`${s.root}: poll failed: ${String(e)}`))));
    publishDiagnostics();
    void connection.sendNotification(DataChangedNotification, status());
  }

  function publishDiagnostics(): void {
    const now = new Set<string>();
    for (const session of sessions) {
      for (const rel of session.filesWithGroups()) {
        const uri = fileUri(session, rel);
        const diagnostics: Diagnostic[] = session
          .groupsInFile(rel)
          .filter((g) => g.kind === 'error')
          .map((g) => ({
            range: { start: { line: g.location.line - 1, character: 0 }, end: { line: g.location.line - 1, character: Number.MAX_SAFE_INTEGER } },
            severity: DiagnosticSeverity.Information,
            source: 'OpsLens',
            code: g.fingerprint,
            message: `${g.count}× ${sanitisePlainText(groupTitle(g))}`,
          }));
        if (diagnostics.length === 0) continue;
        now.add(uri);
        void connection.sendDiagnostics({ uri, diagnostics });
      }
    }
    for (const uri of published) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published.clear();
    for (const uri of now) published.add(uri);
  }

  function status(): StatusParams {
    let errors = 0;
    let incidents = 0;
    let warning: string | undefined;
    for (const s of sessions) {
      for (const g of s.groups()) if (g.kind === 'error') errors += g.count;
      incidents += s.firingIncidents().length;
      const failing = s.health().find((h) => h.state === 'failing' || h.state === 'stale');
      if (failing && !warning) warning = `${failing.name}: ${failing.lastError?.reason ?? failing.state}`;
    }
    const result: StatusParams = { incidents, errors, configured: sessions.some((s) => s.configured) };
    if (warning) result.warning = warning;
    return result;
  }

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const found = sessionFor(change.uri);
      if (!found) continue;
      const absolute = URI.parse(change.uri).fsPath;
      void found.session.fileChanged(absolute, change.type === FileChangeType.Deleted).catch((e: unknown) => log.warn(`re-index ${found.rel}: ${String(e)}`));
    }
  });

  connection.onHover((params) => {
    const found = sessionFor(params.textDocument.uri);
    if (!found) return null;
    const groups = found.session.groupsAtLine(found.rel, params.position.line + 1);
    if (groups.length === 0) return null;
    const value = renderHover(groups, { now: Date.now(), fileUri: (rel) => fileUri(found.session, rel) });
    return { contents: { kind: 'markdown', value } };
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
          service: g.service ?? null,
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

  connection.onRequest(HealthRequest, () => {
    const folders = sessions.map((s) => ({
      folder: s.root,
      sources: s.health().map((h) => ({ ...h, folder: s.root })),
      placement: s.placementStats(),
    }));
    return { markdown: renderHealthReport(folders, Date.now()), sources: folders.flatMap((f) => f.sources) };
  });

  connection.onShutdown(() => {
    if (pollTimer) clearInterval(pollTimer);
    for (const s of sessions) s.dispose();
  });

  connection.listen();
}

