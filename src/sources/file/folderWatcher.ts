import { watch, type FSWatcher } from 'node:fs';

export interface FolderWatcherOptions {
  /** Folders to watch (the literal prefix of each glob). */
  folders: string[];
  /** Also watch below them (the glob has `**` or several levels). */
  recursive: boolean;
  /** Whether a changed path (relative to its folder's parent path joined by the caller) matters. */
  matters(folder: string, filename: string | null): boolean;
  /** Called at most once per `throttleMs` (default 1 s) while files change, and once more after `settleMs` (2.5 s) of quiet. */
  onChange(): void;
  throttleMs?: number;
  settleMs?: number;
}

/**
 * Watches log folders with the OS's file events (inotify, FSEvents, ReadDirectoryChangesW)
 * so new lines are read as they are written instead of at the next poll. Bursts are
 * throttled; a last trigger after a quiet spell lets a record whose stack trace was the
 * last thing written be completed. When watching is impossible (no such folder yet, the
 * inotify limit, a network drive), `failure` says why and the interval poll carries on.
 */
export class FolderWatcher {
  private readonly watchers: FSWatcher[] = [];
  private throttle: NodeJS.Timeout | undefined;
  private settle: NodeJS.Timeout | undefined;
  failure: string | undefined;

  constructor(private readonly options: FolderWatcherOptions) {
    for (const folder of options.folders) {
      try {
        // Only a long-lived owner (the language server) asks for watching; dispose() ends it.
        const watcher = watch(folder, { recursive: options.recursive }, (_event, filename) => {
          if (options.matters(folder, filename === null ? null : String(filename))) this.changed();
        });
        watcher.on('error', (error) => this.fail(folder, error));
        this.watchers.push(watcher);
      } catch (error) {
        this.fail(folder, error);
      }
    }
  }

  get watching(): boolean {
    return this.watchers.length > 0 && this.failure === undefined;
  }

  private changed(): void {
    // A second: fresh enough to feel live, and a busy log does not rebuild every view many times a second.
    const { throttleMs = 1000, settleMs = 2500 } = this.options;
    this.throttle ??= setTimeout(() => {
      this.throttle = undefined;
      this.options.onChange();
    }, throttleMs);
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = undefined;
      this.options.onChange();
    }, settleMs);
    this.settle.unref();
  }

  private fail(folder: string, error: unknown): void {
    const code = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    this.failure = `cannot watch ${folder} (${code}): new lines are read at each poll instead`;
    this.dispose();
  }

  dispose(): void {
    for (const w of this.watchers.splice(0)) w.close();
    if (this.throttle) clearTimeout(this.throttle);
    if (this.settle) clearTimeout(this.settle);
    this.throttle = this.settle = undefined;
  }
}
