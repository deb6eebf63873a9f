/**
 * Notices a language server that is alive but no longer answers (an endless loop, a stopped
 * process): it sends a cheap request every intervalMs while the server runs, and reports a hang
 * when one goes unanswered for deadlineMs. No `vscode` here: the caller passes the ping and the
 * reaction, so it is tested with Node's mock timers.
 */
export interface WatchdogTimes {
  /** Pause between an answer and the next ping. */
  intervalMs: number;
  /**
   * How long a ping may stay unanswered. Generous on purpose: the server is single-threaded and
   * may parse a large log batch, and a false alarm costs a restart.
   */
  deadlineMs: number;
}

export const DEFAULT_WATCHDOG_TIMES: Readonly<WatchdogTimes> = { intervalMs: 10_000, deadlineMs: 20_000 };

export class ServerWatchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by start/stop, so an answer to a ping of an earlier run is ignored. */
  private generation = 0;
  private running = false;
  private waiting = false;

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly onHang: (silentMs: number) => void,
    private readonly times: Readonly<WatchdogTimes> = DEFAULT_WATCHDOG_TIMES,
  ) {}

  /** The server is up: watch it. */
  start(): void {
    this.stop();
    this.running = true;
    this.schedule();
  }

  /** The server is down or stopping: nothing to watch (a pending ping's fate no longer matters). */
  stop(): void {
    this.generation++;
    this.running = false;
    this.waiting = false;
    clearTimeout(this.timer);
    clearTimeout(this.deadline);
  }

  /** Pings now rather than at the next interval (no-op while a ping is outstanding or when stopped). */
  checkNow(): void {
    if (!this.running || this.waiting) return;
    clearTimeout(this.timer);
    const generation = this.generation;
    this.waiting = true;
    this.deadline = setTimeout(() => {
      if (generation !== this.generation) return;
      this.stop();
      this.onHang(this.times.deadlineMs);
    }, this.times.deadlineMs);
    this.ping().then(
      () => this.answered(generation),
      // The connection failed or closed: the close handler restarts the server, not the watchdog.
      () => this.answered(generation),
    );
  }

  private answered(generation: number): void {
    if (generation !== this.generation) return;
    clearTimeout(this.deadline);
    this.waiting = false;
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.checkNow(), this.times.intervalMs);
  }
}
