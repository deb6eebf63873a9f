import type { Incident } from '../core/events';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { HttpSourceError } from './http/httpError';
import { SourceError, type PollResult, type Source, type SourceHealth, type TimeWindow } from './source';

export interface ResilienceOptions {
  backoff?: BackoffPolicy;
  /** A whole poll (all its requests) is abandoned after this long, so one backend never holds up the rest. */
  pollTimeoutMs?: number;
  /**
   * The backend is contacted at most this often, however often the owner polls (a
   * watched log file may trigger a poll every second; a remote backend must not
   * follow). Between contacts a poll returns the kept incidents and no events.
   */
  minIntervalMs?: number;
  now?: () => number;
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 15 * 60_000 };
const DEFAULT_POLL_TIMEOUT_MS = 60_000;

/**
 * Wraps a source so that its failures never reach the user as lost data: a failed
 * poll keeps the last good incidents, marks the source stale with the reason, and
 * waits (exponential back-off with jitter, at least the backend's Retry-After)
 * before contacting the backend again; the first success clears it all. Health
 * (last success, last error, latency, counts) is kept here for every source alike.
 */
export class ResilientSource implements Source {
  readonly name: string;
  readonly type: string;
  private keptIncidents: Incident[] = [];
  private failures = 0;
  private retryAt: number | undefined;
  /** The backend's own Retry-After: not shortened by retryNow(). */
  private notBefore: number | undefined;
  private lastAttemptAt: number | undefined;
  private inFlight: Promise<PollResult> | undefined;
  private readonly stats: Pick<SourceHealth, 'lastSuccess' | 'lastError' | 'latencyMs' | 'eventsFetched' | 'incidents'> = { eventsFetched: 0 };

  constructor(
    readonly inner: Source,
    private readonly options: ResilienceOptions = {},
  ) {
    this.name = inner.name;
    this.type = inner.type;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async poll(window: TimeWindow, signal?: AbortSignal): Promise<PollResult> {
    // Backing off, or a poll abandoned by its deadline still winding down: show what we have.
    if (this.waiting() || this.inFlight) return this.kept();
    const started = this.now();
    this.lastAttemptAt = started;
    // A plain timer rather than AbortSignal.timeout: that one is unref'd and would let a CLI run exit mid-poll.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS);
    const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    const attempt = this.inner.poll(window, combined);
    this.inFlight = attempt;
    void attempt.then(
      () => this.settle(attempt),
      () => this.settle(attempt),
    );
    try {
      const result = await raceAbort(attempt, combined, () => this.timeoutError());
      if (result.failure) throw result.failure;
      return this.succeeded(result, started);
    } catch (error) {
      // The caller cancelled (shutdown, a newer poll): not the backend's fault, no back-off.
      if (signal?.aborted) return this.kept();
      return this.failed(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private settle(attempt: Promise<PollResult>): void {
    if (this.inFlight === attempt) this.inFlight = undefined;
  }

  private succeeded(result: PollResult, started: number): PollResult {
    const now = this.now();
    this.failures = 0;
    this.retryAt = undefined;
    this.keptIncidents = result.incidents;
    this.stats.lastSuccess = now;
    this.stats.latencyMs = now - started;
    this.stats.eventsFetched += result.events.length;
    this.stats.incidents = result.incidents.length;
    return result;
  }

  private failed(error: unknown): PollResult {
    const failure = error instanceof SourceError ? error : new SourceError(this.name, error instanceof Error ? error.message : String(error), { cause: error });
    this.failures += 1;
    const retryAfterMs = failure instanceof HttpSourceError ? failure.retryAfterMs : undefined;
    const random = this.options.random ?? Math.random;
    this.retryAt = this.now() + backoffDelay(this.failures, this.options.backoff ?? DEFAULT_BACKOFF, retryAfterMs, random);
    this.notBefore = retryAfterMs !== undefined ? this.now() + retryAfterMs : undefined;
    this.stats.lastError = { at: this.now(), reason: failure.reason };
    return { ...this.kept(), failure };
  }

  private kept(): PollResult {
    return { events: [], incidents: this.keptIncidents };
  }

  private timeoutError(): SourceError {
    const seconds = (this.options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS) / 1000;
    return new SourceError(this.name, `the poll did not finish within ${seconds} s and was abandoned`);
  }

  /**
   * Contact the backend at the next poll: something the failure depended on changed (a
   * credential was set) or the user asked to refresh. A backend's Retry-After still holds.
   */
  retryNow(): void {
    this.retryAt = this.notBefore !== undefined && this.notBefore > this.now() ? this.notBefore : undefined;
    this.lastAttemptAt = undefined;
  }

  private waiting(): boolean {
    const now = this.now();
    if (this.retryAt !== undefined && now < this.retryAt) return true;
    const minInterval = this.options.minIntervalMs ?? 0;
    return this.lastAttemptAt !== undefined && now - this.lastAttemptAt < minInterval;
  }

  health(): SourceHealth {
    const inner = this.inner.health();
    const stale = this.failures > 0;
    const health: SourceHealth = {
      ...inner,
      ...this.stats,
      state: stale ? (this.stats.lastSuccess !== undefined ? 'stale' : 'failing') : this.stats.lastSuccess !== undefined ? 'ok' : 'idle',
      stale,
      consecutiveFailures: this.failures,
    };
    if (this.retryAt !== undefined) health.nextRetryAt = this.retryAt;
    else delete health.nextRetryAt;
    return health;
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/** Resolves with the promise, or rejects as soon as the signal aborts (the promise may go on, ignored). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
