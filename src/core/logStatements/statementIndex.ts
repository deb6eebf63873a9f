import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { walkWorkspace } from '../workspace/walkWorkspace';
import { cachePath, readIndexCache, writeIndexCache, type CachedFile } from './indexCache';
import { isIndexable } from './indexableFiles';
import { languageForFile } from './languages/registry';
import type { LogStatement } from './logStatement';
import { ReceiverPattern } from './receiverPattern';
import { StatementExtractor } from './statementExtractor';
import { decide, mergeTop, StatementMatcher, type IndexedStatement, type MatchContext, type MatchOutcome } from './statementMatcher';

export interface StatementIndexOptions {
  /** Receiver words (see ReceiverPattern). */
  receivers?: readonly string[];
  /** Where the cache lives; `false` disables it. Default: `<root>/.opslens-cache/log-statements.json`. */
  cacheFile?: string | false;
  /** Extra ignore patterns (gitignore syntax), e.g. from `files.exclude`. */
  exclude?: string[];
  /** The service a workspace file belongs to (for tie-breaks). */
  serviceOf?: (file: string) => string | undefined;
  /** Files larger than this are skipped (generated or data). */
  maxFileBytes?: number;
}

export interface BuildStats {
  files: number;
  parsed: number;
  fromCache: number;
  statements: number;
  ms: number;
}

/** Re-indexed files are matched from a small overlay; past this many the base matcher is rebuilt. */
const MAX_OVERLAY_FILES = 64;
const READ_BATCH = 16;

/**
 * The workspace's logging statements and the matcher over them. Built once per
 * session (from the disk cache where files are unchanged), then kept current file by
 * file: a changed file is re-extracted and matched from an overlay, so an edit
 * costs milliseconds rather than a rebuild of the whole automaton.
 */
export class LogStatementIndex {
  private readonly files = new Map<string, CachedFile>();
  private readonly extractor: StatementExtractor;
  private readonly receivers: ReceiverPattern;
  private base = new StatementMatcher([]);
  private overlay = new StatementMatcher([]);
  private readonly overlayFiles = new Set<string>();
  lastBuild: BuildStats = { files: 0, parsed: 0, fromCache: 0, statements: 0, ms: 0 };

  constructor(
    readonly root: string,
    private readonly options: StatementIndexOptions = {},
  ) {
    this.receivers = new ReceiverPattern(options.receivers);
    this.extractor = new StatementExtractor(this.receivers);
  }

  /** Indexes every eligible file of the workspace, reusing cached results for unchanged files, and saves the cache. */
  async build(): Promise<BuildStats> {
    const started = performance.now();
    const cacheFile = this.options.cacheFile === undefined ? cachePath(this.root) : this.options.cacheFile;
    const cached = cacheFile ? await readIndexCache(cacheFile, this.receivers.key()) : new Map<string, CachedFile>();
    const walkOptions = this.options.exclude ? { exclude: this.options.exclude } : {};
    const rels = (await walkWorkspace(this.root, walkOptions)).filter(isIndexable);
    const stats: BuildStats = { files: rels.length, parsed: 0, fromCache: 0, statements: 0, ms: 0 };
    this.files.clear();
    for (let i = 0; i < rels.length; i += READ_BATCH) {
      const batch = rels.slice(i, i + READ_BATCH);
      const entries = await Promise.all(batch.map((rel) => this.indexFile(rel, cached.get(rel))));
      entries.forEach((entry, j) => {
        if (!entry) return;
        this.files.set(batch[j]!, entry.file);
        if (entry.fromCache) stats.fromCache++;
        else stats.parsed++;
      });
    }
    this.rebuildBase();
    stats.statements = this.base.size;
    if (cacheFile && stats.parsed > 0) await writeIndexCache(cacheFile, this.receivers.key(), this.files).catch(() => undefined);
    stats.ms = performance.now() - started;
    this.lastBuild = stats;
    return stats;
  }

  /** Re-indexes one file after it changed on disk (or drops it when it is gone). */
  async updateFile(rel: string): Promise<void> {
    if (!isIndexable(rel)) return;
    const entry = await this.indexFile(rel, undefined);
    if (entry) this.files.set(rel, entry.file);
    else this.files.delete(rel);
    this.overlayFiles.add(rel);
    if (this.overlayFiles.size > MAX_OVERLAY_FILES) this.rebuildBase();
    else this.overlay = new StatementMatcher([...this.overlayFiles].flatMap((f) => this.indexed(f)));
  }

  removeFile(rel: string): void {
    if (!this.files.delete(rel)) return;
    this.overlayFiles.add(rel);
    this.overlay = new StatementMatcher([...this.overlayFiles].flatMap((f) => this.indexed(f)));
  }

  /** Saves the cache now (e.g. at shutdown, after incremental updates). */
  async save(): Promise<void> {
    const cacheFile = this.options.cacheFile === undefined ? cachePath(this.root) : this.options.cacheFile;
    if (cacheFile) await writeIndexCache(cacheFile, this.receivers.key(), this.files);
  }

  statements(): LogStatement[] {
    return [...this.files.keys()].flatMap((f) => this.indexed(f).map((i) => i.statement));
  }

  statementsInFile(rel: string): LogStatement[] {
    return this.indexed(rel).map((i) => i.statement);
  }

  match(message: string, context: MatchContext = {}): MatchOutcome {
    const shadowed = this.overlayFiles;
    const fromBase = this.base.top(message, shadowed.size > 0 ? (s) => shadowed.has(s.file) : undefined);
    const top = shadowed.size > 0 ? mergeTop([fromBase, this.overlay.top(message)]) : fromBase;
    return decide(top, context);
  }

  private rebuildBase(): void {
    this.base = new StatementMatcher([...this.files.keys()].flatMap((f) => this.indexed(f)));
    this.overlayFiles.clear();
    this.overlay = new StatementMatcher([]);
  }

  private indexed(rel: string): IndexedStatement[] {
    const entry = this.files.get(rel);
    if (!entry) return [];
    const service = this.options.serviceOf?.(rel);
    return entry.statements.map((s) => {
      const statement = { ...s, file: rel } as LogStatement;
      return service ? { statement, service } : { statement };
    });
  }

  /** Reads and extracts one file; an unchanged file (same size and mtime, or same hash) keeps its cached statements. */
  private async indexFile(rel: string, cached: CachedFile | undefined): Promise<{ file: CachedFile; fromCache: boolean } | undefined> {
    const abs = path.join(this.root, rel);
    try {
      const stat = await fs.stat(abs);
      if (!stat.isFile() || stat.size > (this.options.maxFileBytes ?? 32 * 1024 * 1024)) return undefined;
      if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return { file: cached, fromCache: true };
      const bytes = await fs.readFile(abs);
      const hash = createHash('sha1').update(bytes).digest('hex');
      if (cached && cached.hash === hash) return { file: { ...cached, mtimeMs: stat.mtimeMs }, fromCache: true };
      const statements = await this.extract(rel, bytes);
      return { file: { hash, size: stat.size, mtimeMs: stat.mtimeMs, statements }, fromCache: false };
    } catch {
      return undefined; // unreadable or vanished: it simply holds no statements
    }
  }

  private async extract(rel: string, bytes: Buffer): Promise<Omit<LogStatement, 'file'>[]> {
    const spec = languageForFile(rel);
    // The byte pre-filter: a file without any receiver word is never decoded or parsed.
    if (!spec || !this.receivers.needles().some((n) => bytes.includes(n))) return [];
    const found = await this.extractor.extract(rel, bytes, spec);
    return found.map(({ file: _file, ...rest }) => rest);
  }
}
