import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { LogStreamParser, type ParsedLog } from '../core/logRecords/logStreamParser';
import type { ProdEvent } from '../core/events';
import { SourceError, type PollResult, type Source, type SourceHealth, type TimeWindow } from './source';

export interface FileSourceOptions {
  name: string;
  /** Glob relative to `root` (or absolute). */
  path: string;
  root: string;
  /** On first sight of a file, read at most its last this-many bytes. */
  maxInitialBytes?: number;
}

interface FileParser {
  parser: LogStreamParser;
  /** The file's last modification: the time of records that carry no date of their own (an uncaught crash). */
  mtimeMs: number;
}

interface FileCursor {
  ino: number;
  offset: number;
  /** A last line not yet terminated by a newline: completed by a later append. */
  partial: string;
  /** Reading began mid-file: drop text up to the first newline, it is the end of a line we never saw. */
  skipFirstLine: boolean;
}

const DEFAULT_MAX_INITIAL_BYTES = 64 * 1024 * 1024;
const MAX_GLOB_FILES = 10_000;
/** A file unchanged this long is not in the middle of writing a record: its last record is complete. */
const SETTLED_MS = 2000;

/**
 * Local log files matched by a glob. Each poll reads only what was appended since
 * the last one, like `tail -F`: a file that shrank or was replaced (rotation,
 * truncation) is read again from its start.
 */
export class FileSource implements Source {
  readonly type = 'file';
  readonly name: string;
  private readonly cursors = new Map<string, FileCursor>();
  /** One stream parser per file: a record's stack trace may arrive in a later poll. */
  private readonly parsers = new Map<string, FileParser>();
  private readonly state: SourceHealth;

  constructor(private readonly options: FileSourceOptions) {
    this.name = options.name;
    this.state = { name: options.name, type: 'file', state: 'idle', eventsFetched: 0, skipped: 0 };
  }

  health(): SourceHealth {
    return { ...this.state };
  }

  dispose(): void {
    this.cursors.clear();
    this.parsers.clear();
  }

  async poll(window: TimeWindow): Promise<PollResult> {
    const started = Date.now();
    try {
      const files = await expandGlob(this.options.root, this.options.path);
      const events: ProdEvent[] = [];
      for (const file of files) {
        for (const event of await this.readNew(file)) {
          if (event.timestamp >= window.since && event.timestamp <= window.until) events.push(event);
        }
      }
      for (const known of [...this.cursors.keys()]) {
        if (!files.includes(known)) {
          this.cursors.delete(known);
          this.parsers.delete(known);
        }
      }
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

  private async readNew(file: string): Promise<ProdEvent[]> {
    const handle = await fs.open(file, 'r');
    try {
      const stat = await handle.stat();
      const firstSight = !this.cursors.has(file);
      let cursor = this.cursors.get(file);
      if (!cursor || cursor.ino !== stat.ino || stat.size < cursor.offset) {
        const start = Math.max(0, stat.size - (this.options.maxInitialBytes ?? DEFAULT_MAX_INITIAL_BYTES));
        cursor = { ino: stat.ino, offset: start, partial: '', skipFirstLine: start > 0 };
        this.cursors.set(file, cursor);
      }
      // Nothing appended since the last poll: a pending multi-line record is complete.
      if (stat.size === cursor.offset) return this.take(this.parserFor(file, stat.mtimeMs).flush());
      const length = stat.size - cursor.offset;
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, cursor.offset);
      cursor.offset = stat.size;
      let text = cursor.partial + buffer.toString('utf8');
      if (cursor.skipFirstLine) {
        const firstNewline = text.indexOf('\n');
        cursor.partial = '';
        if (firstNewline < 0) return [];
        text = text.slice(firstNewline + 1);
        cursor.skipFirstLine = false;
      }
      const lastNewline = text.lastIndexOf('\n');
      cursor.partial = lastNewline < 0 ? text : text.slice(lastNewline + 1);
      text = lastNewline < 0 ? '' : text.slice(0, lastNewline + 1);
      const parser = this.parserFor(file, stat.mtimeMs);
      const parsed = parser.push(text);
      // What was there on first sight is history (and all a one-shot scan ever reads): no continuation is coming.
      if (firstSight || Date.now() - stat.mtimeMs >= SETTLED_MS) return this.take(parsed, parser.flush());
      return this.take(parsed);
    } finally {
      await handle.close();
    }
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
      events.push(...p.events);
    }
    return events;
  }
}

/** Files matching a glob: walks only below the glob's literal prefix. */
export async function expandGlob(root: string, pattern: string): Promise<string[]> {
  const absolute = path.isAbsolute(pattern) ? pattern : path.join(root, pattern);
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
