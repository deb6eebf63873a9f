import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { LogStreamParser, type ParsedLog } from '../core/logRecords/logStreamParser';
import type { ProdEvent } from '../core/events';
import { FileTail, fileId, type TailRead } from './file/fileTail';
import { FolderWatcher } from './file/folderWatcher';
import { SourceError, type PollResult, type Source, type SourceHealth, type TimeWindow } from './source';

export interface FileSourceOptions {
  name: string;
  /** Glob relative to `root` (or absolute). */
  path: string;
  root: string;
  /** On first sight of a file (and after a burst), read at most its last this-many bytes. */
  maxInitialBytes?: number;
  /** Watch the log folders and call this (throttled) when a log changes, so the owner polls now. */
  onChange?: () => void;
}

interface FileParser {
  parser: LogStreamParser;
  /** The file's last modification: the time of records that carry no date of their own (an uncaught crash). */
  mtimeMs: number;
}

const DEFAULT_MAX_INITIAL_BYTES = 64 * 1024 * 1024;
/** A line longer than this without a newline is dropped rather than held in memory. */
const MAX_LINE_BYTES = 8 * 1024 * 1024;
const MAX_GLOB_FILES = 10_000;
/** Files kept open between polls (to read the rest of a rotated file); more are reopened each poll. */
const MAX_OPEN_FILES = 256;
/** A file unchanged this long is not in the middle of writing a record: its last record is complete. */
const SETTLED_MS = 2000;

/**
 * Local log files matched by a glob, followed like `tail -F` (see FileTail): each poll
 * reads only what was appended since the last one; a rotated file is read to its end
 * before its successor is read from its start, and one rotated to a name the glob also
 * matches is followed there rather than read again; on first sight only the part of a
 * large file inside the window is read. With `onChange`, the folders are watched and
 * a change asks for a poll at once.
 */
export class FileSource implements Source {
  readonly type = 'file';
  readonly name: string;
  private readonly tails = new Map<string, FileTail>();
  /** One stream parser per file: a record's stack trace may arrive in a later poll. */
  private readonly parsers = new Map<string, FileParser>();
  /** Files rotated away in this poll (id → offset read), to follow them under a new name. */
  private retired = new Map<string, number>();
  /** …and in the poll before. */
  private retiredBefore = new Map<string, number>();
  private readonly state: SourceHealth;
  private readonly isMatch: (file: string) => boolean;
  private watcher: FolderWatcher | undefined;
  private watchedFolder: string | undefined;
  private watchNotice: string | undefined;

  constructor(private readonly options: FileSourceOptions) {
    this.name = options.name;
    this.state = { name: options.name, type: 'file', state: 'idle', eventsFetched: 0, skipped: 0 };
    this.isMatch = picomatch(absoluteGlob(options.root, options.path), { dot: false });
  }

  health(): SourceHealth {
    const notice = this.watcher?.failure ?? this.watchNotice;
    return notice ? { ...this.state, notice } : { ...this.state };
  }

  dispose(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    for (const tail of this.tails.values()) void tail.close();
    this.tails.clear();
    this.parsers.clear();
  }

  async poll(window: TimeWindow): Promise<PollResult> {
    const started = Date.now();
    try {
      this.ensureWatching();
      const files = await expandGlob(this.options.root, this.options.path);
      const read = [...(await this.readKnown(new Set(files), window.since)), ...(await this.readNew(files, window.since))];
      const events = read.filter((e) => e.timestamp >= window.since && e.timestamp <= window.until);
      await this.releaseBeyondLimit();
      this.state.state = 'ok';
      this.state.lastSuccess = Date.now();
      this.state.latencyMs = Date.now() - started;
      this.state.eventsFetched += events.length;
      return { events, incidents: [] };
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      this.state.state = this.state.lastSuccess ? 'stale' : 'failing';
      this.state.lastError = { at: Date.now(), reason };
      throw new SourceError(this.name, reason, { cause });
    }
  }

  /** Files already followed: what was appended, the rest of a rotated file, and goodbye to files gone. */
  private async readKnown(listed: ReadonlySet<string>, since: number): Promise<ProdEvent[]> {
    const events: ProdEvent[] = [];
    const retiredNow = new Map<string, number>();
    for (const [file, tail] of this.tails) {
      const read = await tail.read(since);
      if (read.retired) retiredNow.set(read.retired.id, read.retired.offset);
      appendAll(events, this.consume(file, read));
      if (read.gone || !listed.has(file)) appendAll(events, this.forget(file, tail));
    }
    this.retired = retiredNow;
    return events;
  }

  /** Files seen for the first time: a file rotated from a followed one resumes where that stopped. */
  private async readNew(files: readonly string[], since: number): Promise<ProdEvent[]> {
    const events: ProdEvent[] = [];
    // A rotation noticed after this poll's listing shows its new name only in the next one.
    const retired = new Map([...this.retiredBefore, ...this.retired]);
    this.retiredBefore = this.retired;
    for (const file of files) {
      if (this.tails.has(file)) continue;
      const tail = new FileTail(file, { maxReadBytes: this.options.maxInitialBytes ?? DEFAULT_MAX_INITIAL_BYTES, maxLineBytes: MAX_LINE_BYTES });
      const stat = await fs.stat(file).catch(() => undefined);
      const resumeAt = stat && retired.get(fileId(stat));
      if (resumeAt !== undefined) tail.resumeAt(resumeAt);
      this.tails.set(file, tail);
      appendAll(events, this.consume(file, await tail.read(since)));
    }
    return events;
  }

  /** Parses what a tail read: text continuing a pending record joins it; history and quiet files complete it. */
  private consume(file: string, read: TailRead): ProdEvent[] {
    this.state.skipped += read.droppedLines;
    const entry = this.parsers.get(file);
    // Nothing appended since the last poll: a pending multi-line record is complete.
    if (read.chunks.length === 0) return entry ? this.take(entry.parser.flush()) : [];
    const events: ProdEvent[] = [];
    for (const chunk of read.chunks) {
      const parser = this.parserFor(file, chunk.mtimeMs);
      // A new file or a truncated one continues no record of the old text.
      if (chunk.restarted) appendAll(events, this.take(parser.flush()));
      const parsed = parser.push(chunk.text);
      // What was there on first sight is history (and all a one-shot scan ever reads): no continuation is coming.
      if (chunk.firstSight || Date.now() - chunk.mtimeMs >= SETTLED_MS) appendAll(events, this.take(parsed, parser.flush()));
      else appendAll(events, this.take(parsed));
    }
    return events;
  }

  /** Stops following a file; a record it left pending is complete. */
  private forget(file: string, tail: FileTail): ProdEvent[] {
    const entry = this.parsers.get(file);
    void tail.close();
    this.tails.delete(file);
    this.parsers.delete(file);
    return entry ? this.take(entry.parser.flush()) : [];
  }

  private async releaseBeyondLimit(): Promise<void> {
    let open = 0;
    for (const tail of this.tails.values()) if (++open > MAX_OPEN_FILES) await tail.release();
  }

  private parserFor(file: string, mtimeMs: number): LogStreamParser {
    let entry = this.parsers.get(file);
    if (!entry) {
      const created: FileParser = { mtimeMs, parser: new LogStreamParser(this.name, { now: () => created.mtimeMs }) };
      this.parsers.set(file, (entry = created));
    }
    entry.mtimeMs = mtimeMs;
    return entry.parser;
  }

  private take(...parsed: ParsedLog[]): ProdEvent[] {
    const events: ProdEvent[] = [];
    for (const p of parsed) {
      this.state.skipped += p.skipped;
      appendAll(events, p.events);
    }
    return events;
  }

  /** Watches the glob's folder (or its nearest existing parent until it exists); re-checked at every poll. */
  private ensureWatching(): void {
    const onChange = this.options.onChange;
    if (!onChange) return;
    const glob = absoluteGlob(this.options.root, this.options.path);
    const scan = picomatch.scan(glob);
    const base = scan.isGlob ? scan.base : path.dirname(glob);
    const recursive = scan.isGlob && (scan.glob.includes('**') || scan.glob.includes('/'));
    if (recursive && path.resolve(base) === path.resolve(this.options.root)) {
      // Watching a whole repository (node_modules and all) costs more than polling it.
      this.watchNotice = 'not watched: the glob searches the whole workspace; new lines are read at each poll';
      return;
    }
    const folder = nearestExisting(base);
    if (this.watcher && this.watchedFolder === folder && (this.watcher.watching || this.watcher.failure)) return;
    this.watcher?.dispose();
    this.watchedFolder = folder;
    this.watcher = new FolderWatcher({
      folders: [folder],
      recursive: folder === base && recursive,
      matters: (dir, filename) => filename === null || folder !== base || this.isMatch(path.join(dir, filename)),
      onChange,
    });
  }
}

function absoluteGlob(root: string, pattern: string): string {
  return path.isAbsolute(pattern) ? pattern : path.join(root, pattern);
}

function nearestExisting(folder: string): string {
  let dir = folder;
  // Synchronous on purpose: a few stats, once per poll at most, only until the folder exists.
  for (;;) {
    try {
      if (statSync(dir).isDirectory()) return dir;
    } catch {
      // keep climbing
    }
    const parent = path.dirname(dir);
    if (parent === dir) return dir;
    dir = parent;
  }
}

/** Files matching a glob: walks only below the glob's literal prefix. */
export async function expandGlob(root: string, pattern: string): Promise<string[]> {
  const absolute = absoluteGlob(root, pattern);
  const scan = picomatch.scan(absolute);
  const base = scan.isGlob ? scan.base : path.dirname(absolute);
  if (!scan.isGlob) {
    const stat = await fs.stat(absolute).catch(() => undefined);
    return stat?.isFile() ? [absolute] : [];
  }
  const isMatch = picomatch(absolute, { dot: false });
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (out.length >= MAX_GLOB_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') await walk(full);
      else if (entry.isFile() && isMatch(full)) out.push(full);
    }
  };
  await walk(base);
  return out.sort();
}

/** Appends in a loop: `push(...items)` passes every item as an argument and overflows the stack past ~100k events (a large log on first sight). */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
