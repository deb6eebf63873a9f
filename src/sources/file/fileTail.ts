import { promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { findWindowStart } from './windowStart';

export interface FileTailOptions {
  /** On first sight, and after a burst, read at most this many bytes from the end. */
  maxReadBytes: number;
  /** A line still unterminated after this many bytes is dropped (counted), not held forever. */
  maxLineBytes: number;
}

/** Text read by one poll: complete lines only, each ending in a newline. */
export interface TailChunk {
  text: string;
  /** The file's modification time: the date of records that carry none. */
  mtimeMs: number;
  /** Nothing was read before: what is here is history, no continuation is coming for it. */
  firstSight: boolean;
  /** This text continues nothing read before (a new file after rotation, or a truncated one). */
  restarted: boolean;
}

export interface TailRead {
  chunks: TailChunk[];
  /** Lines dropped for being longer than maxLineBytes without a newline. */
  droppedLines: number;
  /** The file was rotated away (renamed or deleted): its identity and how far it was read, to follow it under a new name. */
  retired?: { id: string; offset: number };
  /** The path no longer exists. */
  gone: boolean;
}

/** `dev:ino`: what identifies a file across renames. */
export function fileId(stat: Pick<Stats, 'dev' | 'ino'>): string {
  return `${stat.dev}:${stat.ino}`;
}

/**
 * Follows one log file like `tail -F`: keeps the file open between polls so that
 * after a rotation (rename + create) the rest of the old file is still read before
 * the new one is read from its start; notices truncation (the file shrank, or its
 * first bytes changed: copytruncate followed by new writes); holds a last line
 * without its newline until it is completed, as bytes, so a UTF-8 character split
 * between two writes is not garbled.
 */
export class FileTail {
  private handle: FileHandle | undefined;
  private id = '';
  private offset = 0;
  private partial: Buffer = Buffer.alloc(0);
  /** Reading began mid-line: drop bytes up to the first newline. */
  private skipToNewline = false;
  /** The first bytes of the file as last seen, to tell a rewritten file from one that only grew. */
  private head: Buffer = Buffer.alloc(0);

  constructor(
    readonly path: string,
    private readonly options: FileTailOptions,
  ) {}

  /** Starts following a file found under a new name (rotated into the glob) where it was left. */
  resumeAt(offset: number): void {
    this.offset = offset;
    this.skipToNewline = false;
  }

  async read(since: number): Promise<TailRead> {
    const result: TailRead = { chunks: [], droppedLines: 0, gone: false };
    const current = await fs.stat(this.path).catch(() => undefined);
    if (this.handle && (!current || fileId(current) !== this.id)) {
      // Rotated or deleted: finish the old file through the handle we still hold.
      await this.readAvailable(this.handle, result, false);
      // Under a new name (rotated into the glob) the file is resumed at the start of its unfinished line.
      result.retired = { id: this.id, offset: this.offset - this.partial.length };
      await this.close();
      this.partial = Buffer.alloc(0);
      if (!current) return { ...result, gone: true };
      await this.open(0, result);
      return result;
    }
    if (!current) return { ...result, gone: true };
    if (!this.handle && this.id === '') {
      await this.openFirst(since, result);
      return result;
    }
    if (!this.handle) {
      // Released to spare file descriptors: the same file continues; another one starts over.
      const handle = await fs.open(this.path, 'r');
      const id = fileId(await handle.stat());
      this.handle = handle;
      if (id !== this.id) {
        this.id = id;
        this.offset = 0;
        this.partial = Buffer.alloc(0);
        this.head = Buffer.alloc(0);
        await this.readAvailable(handle, result, false, true);
        return result;
      }
    }
    await this.readAvailable(this.handle, result, false);
    return result;
  }

  /** Closes the file but remembers where reading stopped (for globs matching more files than may stay open). */
  async release(): Promise<void> {
    await this.close();
  }

  private async openFirst(since: number, result: TailRead): Promise<void> {
    const handle = await fs.open(this.path, 'r');
    this.handle = handle;
    const stat = await handle.stat();
    this.id = fileId(stat);
    if (this.offset === 0) {
      const floor = Math.max(0, stat.size - this.options.maxReadBytes);
      this.offset = await findWindowStart(handle, floor, stat.size, since);
      this.skipToNewline = this.offset > 0;
    }
    await this.readAvailable(handle, result, true);
  }

  private async open(offset: number, result: TailRead): Promise<void> {
    this.handle = await fs.open(this.path, 'r');
    this.id = fileId(await this.handle.stat());
    this.offset = offset;
    this.head = Buffer.alloc(0);
    await this.readAvailable(this.handle, result, false, true);
  }

  private async readAvailable(handle: FileHandle, result: TailRead, firstSight: boolean, restarted = false): Promise<void> {
    const stat = await handle.stat();
    if (stat.size < this.offset || (await this.headChanged(handle, stat.size))) {
      this.offset = 0;
      this.partial = Buffer.alloc(0);
      this.head = Buffer.alloc(0);
      this.skipToNewline = false;
      restarted = true;
    }
    if (stat.size - this.offset > this.options.maxReadBytes) {
      // A burst larger than we read at once: keep its end, as on first sight.
      this.offset = stat.size - this.options.maxReadBytes;
      this.partial = Buffer.alloc(0);
      this.skipToNewline = true;
    }
    if (stat.size > this.offset) {
      const bytes = Buffer.alloc(stat.size - this.offset);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, this.offset);
      this.offset += bytesRead;
      const text = this.completeLines(bytes.subarray(0, bytesRead), result);
      if (text !== '') result.chunks.push({ text, mtimeMs: stat.mtimeMs, firstSight, restarted });
    }
    await this.rememberHead(handle, stat.size);
  }

  /** Joins the held partial line with new bytes; returns the complete lines and holds the rest. */
  private completeLines(bytes: Buffer, result: TailRead): string {
    let data = this.partial.length > 0 ? Buffer.concat([this.partial, bytes]) : bytes;
    if (this.skipToNewline) {
      const newline = data.indexOf(10);
      if (newline < 0) {
        this.partial = Buffer.alloc(0);
        return '';
      }
      data = data.subarray(newline + 1);
      this.skipToNewline = false;
    }
    const last = data.lastIndexOf(10);
    const rest = data.subarray(last + 1);
    if (rest.length > this.options.maxLineBytes) {
      this.partial = Buffer.alloc(0);
      this.skipToNewline = true;
      result.droppedLines += 1;
    } else {
      this.partial = Buffer.from(rest);
    }
    return last < 0 ? '' : data.toString('utf8', 0, last + 1);
  }

  private async headChanged(handle: FileHandle, size: number): Promise<boolean> {
    if (this.head.length === 0 || size < this.head.length) return false;
    const now = Buffer.alloc(this.head.length);
    await handle.read(now, 0, now.length, 0);
    return !now.equals(this.head);
  }

  private async rememberHead(handle: FileHandle, size: number): Promise<void> {
    if (this.head.length >= 64 || size === 0) return;
    const head = Buffer.alloc(Math.min(64, size));
    await handle.read(head, 0, head.length, 0);
    this.head = head;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }
}
