import path from 'node:path';
import { Analyzer } from '../core/analysis/analyzer';
import type { LogStatementIndex } from '../core/logStatements/statementIndex';
import { openStatementIndex } from '../core/logStatements/workspaceStatements';
import type { Group } from '../core/aggregate/groups';
import { ConfigError, type OpsLensConfig } from '../core/config/opslensConfig';
import type { Incident } from '../core/events';
import { LineDrift } from '../core/lineDrift/lineDrift';
import { isRunbookMarkdown } from '../core/runbooks/loadRunbooks';
import { withOwningService } from '../core/services/groupServices';
import { isCatalogFile } from '../core/services/loadServiceCatalog';
import { loadServiceContext, type ServiceContext } from '../core/services/serviceContext';
import { SourceMapStore } from '../core/sourceMaps/sourceMapStore';
import type { FileIndex } from '../core/workspace/fileIndex';
import { FrameResolver } from '../core/mapping/frameResolver';
import { buildFileIndex, loadConfig } from '../core/workspace/loadWorkspace';
import type { CredentialProvider } from '../sources/http/credentials';
import { SourceSet } from '../sources/sourceSet';
import type { SourceHealth } from '../sources/source';

export interface SessionLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Everything OpsLens knows about one workspace folder: its config, file index,
 * sources and the aggregate of their events, with lookups by file and line.
 */
export interface SessionOptions {
  /** Where remote sources get credentials: the editor's SecretStorage (via the client) or the environment. */
  credentials?: CredentialProvider;
  /** A source saw new data (a watched log file grew): poll now rather than at the next interval. */
  onSourceChange?: () => void;
  /**
   * `start()` leaves the logging-statement index for `indexStatements()`: sources are read
   * and errors placed first (the editor's first hover), and log lines that only the index
   * can place wait for it. Without this, `start()` builds the index before any source is read.
   */
  deferStatementIndex?: boolean;
}

/** Log lines held for a statement index still building; a poll past this waits for the index instead. */
const MAX_HELD_FOR_STATEMENTS = 250_000;

export class WorkspaceSession {
  private config: OpsLensConfig | undefined;
  private configError: ConfigError | undefined;
  private index: FileIndex | undefined;
  private sources: SourceSet | undefined;
  private analyzer: Analyzer | undefined;
  private statements: LogStatementIndex | undefined;
  private lineDrift: LineDrift | undefined;
  private sourceMaps: SourceMapStore | undefined;
  private services: ServiceContext | undefined;
  /** `.opslens.yaml` as written, before the catalog's services joined it: the base of a reload. */
  private ownConfig: OpsLensConfig | undefined;
  private incidents: Incident[] = [];
  private byFile = new Map<string, Group[]>();
  private allGroups: Group[] = [];
  private polling: Promise<void> | undefined;
  /** Polls and the statement index's arrival run one at a time: each ends by placing groups and moving them through line drift. */
  private serial: Promise<unknown> = Promise.resolve();
  private statementBuild: Promise<LogStatementIndex | undefined> | undefined;
  private statementsLanded = false;

  constructor(
    readonly root: string,
    private readonly log: SessionLogger,
    private readonly options: SessionOptions = {},
  ) {}

  get configured(): boolean {
    return this.config !== undefined && (this.config.sources.length > 0 || this.config.services.length > 0);
  }

  async start(): Promise<void> {
    const started = Date.now();
    try {
      this.config = (await loadConfig(this.root)).config;
      this.configError = undefined;
    } catch (error) {
      this.config = undefined;
      if (error instanceof ConfigError) {
        this.configError = error;
        this.log.error(`invalid config: ${error.message}`);
        return;
      }
      throw error;
    }
    this.index = await buildFileIndex(this.root);
    await this.loadServices(this.config, this.index);
    this.sourceMaps = new SourceMapStore(this.root);
    this.analyzer = new Analyzer(this.config, this.index, Date.now, this.sourceMaps);
    this.lineDrift = await LineDrift.discover(this.root);
    // Before any source is read, the analyzer has the index or knows one is coming: a log line
    // ingested with neither could never be matched to its logging statement afterwards.
    if (this.options.deferStatementIndex) this.analyzer.expectStatements();
    else await this.indexStatements();
    this.sources = new SourceSet(this.config, { root: this.root, credentials: this.options.credentials, onChange: this.options.onSourceChange });
    for (const e of this.sources.setupErrors) this.log.warn(`source ${e.source}: ${e.reason}`);
    this.log.info(`${this.root}: ${this.index.size} files indexed, ${this.sources.sources.length} source(s), in ${Date.now() - started} ms`);
  }

  /**
   * Reads catalog files and runbooks. Catalog components join the configured
   * services, so their roots break path ties and their PagerDuty ids are polled.
   */
  private async loadServices(config: OpsLensConfig, index: FileIndex): Promise<void> {
    const services = await loadServiceContext(this.root, config, index.paths());
    for (const problem of services.problems) this.log.warn(problem.message);
    this.ownConfig = config;
    this.services = services;
    this.config = { ...config, services: services.catalog.services() };
  }

  /**
   * A catalog file or Markdown runbook changed: runbooks and file ownership are
   * read again. (Sources and frame resolution keep the service list they started
   * with until the server restarts.)
   */
  private async reloadServices(rel: string, deleted: boolean): Promise<void> {
    if (!this.ownConfig || !this.index) return;
    if (deleted) this.index.delete(rel);
    else this.index.add(rel);
    await this.loadServices(this.ownConfig, this.index);
    this.pastedTraceResolver = undefined;
    this.rebuildLookups();
  }

  /**
   * Indexes the logging statements (once) so log lines without a location land on the call
   * that wrote them; lines held while it was built are placed now. Resolves when the groups
   * they make are in the lookups. A no-op before a successful `start()`.
   */
  async indexStatements(): Promise<void> {
    if (!this.analyzer) return;
    const index = await this.builtStatementIndex();
    await this.oneAtATime(() => this.landStatements(index));
  }

  private builtStatementIndex(): Promise<LogStatementIndex | undefined> {
    this.statementBuild ??= openStatementIndex(this.root, this.config?.services ?? []).then(
      ({ index, stats }) => {
        this.log.info(`${path.basename(this.root)}: ${stats.statements} logging statement(s) in ${stats.files} file(s) (${stats.parsed} parsed, ${stats.fromCache} cached) in ${Math.round(stats.ms)} ms`);
        return index;
      },
      (error: unknown) => {
        this.log.warn(`logging statements not indexed: ${String(error)}`);
        return undefined;
      },
    );
    return this.statementBuild;
  }

  /** Hands the index to the analyzer (without one, held lines are counted as unplaced) and places what waited for it. */
  private async landStatements(index: LogStatementIndex | undefined): Promise<void> {
    if (this.statementsLanded || !this.analyzer) return;
    this.statementsLanded = true;
    this.statements = index;
    const held = this.analyzer.heldForStatements();
    this.analyzer.useStatements(index);
    if (held === 0) return;
    if (this.lineDrift) await this.analyzer.applyLineDrift(this.lineDrift);
    this.rebuildLookups();
    this.log.info(`${path.basename(this.root)}: ${held} log line(s) that waited for the statement index placed, ${this.allGroups.length} group(s)`);
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.serial.then(work);
    this.serial = run.catch(() => undefined);
    return run;
  }

  /** A workspace file changed on disk: re-index its logging statements, forget its stale source map. */
  async fileChanged(absolute: string, deleted: boolean): Promise<void> {
    const rel = this.relative(absolute);
    if (rel) this.sourceMaps?.fileChanged(rel);
    if (rel && (isCatalogFile(rel) || isRunbookMarkdown(rel))) return this.reloadServices(rel, deleted);
    if (!rel) return;
    // An index still building (or built, its landing queued behind a poll) may hold the file as it
    // was: it is updated once built. An index not begun yet reads the file as it is now.
    const statements = this.statements ?? (await this.statementBuild);
    if (!statements) return;
    if (deleted) statements.removeFile(rel);
    else await statements.updateFile(rel);
  }

  /** A credential changed: sources waiting out a failure (a 401) may try again at the next poll. */
  retrySources(): void {
    this.sources?.retryNow();
  }

  /** Polls every source once; concurrent calls share one poll. */
  poll(): Promise<void> {
    this.polling ??= this.oneAtATime(() => this.doPoll()).finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async doPoll(): Promise<void> {
    if (!this.sources || !this.analyzer || !this.config) return;
    const outcome = await this.sources.pollAll(this.config.windowMs);
    for (const failure of outcome.failures) this.log.warn(`source ${failure.source}: ${failure.reason}`);
    // A large read while the index is still building waits for it rather than holding every line.
    if (!this.statementsLanded && this.analyzer.heldForStatements() + outcome.events.length > MAX_HELD_FOR_STATEMENTS) {
      await this.landStatements(await this.builtStatementIndex());
    }
    // Source maps load here, off the synchronous ingest: the server keeps answering hovers meanwhile.
    await this.analyzer.prepare(outcome.events);
    this.analyzer.ingest(outcome.events);
    if (this.lineDrift) await this.analyzer.applyLineDrift(this.lineDrift);
    // A failing source contributes its last good incidents, so the snapshot is always complete.
    this.incidents = outcome.incidents;
    this.rebuildLookups();
    this.log.info(`${path.basename(this.root)}: ${outcome.events.length} new event(s), ${this.allGroups.length} group(s) placed`);
  }

  private rebuildLookups(): void {
    const services = this.services;
    const groups = this.analyzer?.groups() ?? [];
    this.allGroups = services ? groups.map((g) => withOwningService(g, services)) : groups;
    const byFile = new Map<string, Group[]>();
    for (const g of this.allGroups) {
      const list = byFile.get(g.location.file);
      if (list) list.push(g);
      else byFile.set(g.location.file, [g]);
    }
    for (const list of byFile.values()) list.sort((a, b) => b.count - a.count);
    this.byFile = byFile;
  }

  /** Relative `/`-separated path of an absolute file inside this folder, or undefined. */
  relative(absolute: string): string | undefined {
    const rel = path.relative(this.root, absolute);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  groupsInFile(relativePath: string): readonly Group[] {
    return this.byFile.get(relativePath) ?? [];
  }

  groupsAtLine(relativePath: string, line: number): Group[] {
    return this.groupsInFile(relativePath).filter((g) => g.location.line === line);
  }

  groups(): readonly Group[] {
    return this.allGroups;
  }

  filesWithGroups(): IterableIterator<string> {
    return this.byFile.keys();
  }

  firingIncidents(): readonly Incident[] {
    return this.incidents;
  }

  serviceConfig(): OpsLensConfig | undefined {
    return this.config;
  }

  /** The services (config and catalog) and runbooks of this folder; undefined until started with a valid config. */
  serviceContext(): ServiceContext | undefined {
    return this.services;
  }

  health(): SourceHealth[] {
    if (this.configError) {
      return [{ name: '.opslens.yaml', type: 'config', state: 'failing', lastError: { at: Date.now(), reason: this.configError.message }, eventsFetched: 0, skipped: 0 }];
    }
    return this.sources?.health() ?? [];
  }

  placementStats() {
    return this.analyzer?.placementStats();
  }

  /** The file index (path-suffix lookups for pasted traces and path-mapping suggestions); undefined until started. */
  fileIndex(): FileIndex | undefined {
    return this.index;
  }

  /** The window of this folder's config, in milliseconds. */
  windowMs(): number | undefined {
    return this.config?.windowMs;
  }

  private pastedTraceResolver: FrameResolver | undefined;

  /** A resolver with the same mappings, index and source maps as the analyzer's, for frames a user pastes. */
  frameResolver(): FrameResolver | undefined {
    if (!this.index || !this.config) return undefined;
    this.pastedTraceResolver ??= new FrameResolver(this.index, this.config.services, this.sourceMaps);
    return this.pastedTraceResolver;
  }

  dispose(): void {
    this.sources?.dispose();
  }
}
