import type { Incident, ProdEvent } from '../core/events';

/** The time range a poll covers, in epoch milliseconds. */
export interface TimeWindow {
  since: number;
  until: number;
}

export interface PollResult {
  events: ProdEvent[];
  /** The source's open incidents now (a snapshot, not a delta). */
  incidents: Incident[];
  /** Set when this poll failed: `events` is then empty and `incidents` are the last good ones. */
  failure?: SourceError;
}

export type SourceState = 'idle' | 'ok' | 'stale' | 'failing';

export interface SourceHealth {
  name: string;
  type: string;
  state: SourceState;
  lastSuccess?: number;
  /** The last failure, with a reason a user can act on. */
  lastError?: { at: number; reason: string };
  latencyMs?: number;
  eventsFetched: number;
  /** Open incidents in the last good snapshot (incident sources only). */
  incidents?: number;
  /** Records the source could not read (malformed lines), counted, never fatal. */
  skipped: number;
  /** The data shown is the last good data, not fresh: the last poll failed. */
  stale?: boolean;
  /** Failures in a row since the last success. */
  consecutiveFailures?: number;
  /** When the source will be polled again after a failure (back-off or the backend's Retry-After). */
  nextRetryAt?: number;
  /** Something the user should know that is not an error, e.g. credentials withheld in an untrusted workspace. */
  notice?: string;
  /** The origin (`https://host:port`) a remote source talks to, and the one its credential is stored for. */
  origin?: string;
}

/**
 * One backend. `poll` returns only what is new since the previous poll (a cursor or
 * the newest timestamp seen); the caller keeps the aggregate. A failing poll throws
 * a SourceError and leaves the source ready to try again; SourceSet wraps every
 * source in a ResilientSource, which turns that into kept data, a stale health and
 * a back-off.
 */
export interface Source {
  readonly name: string;
  readonly type: string;
  poll(window: TimeWindow, signal?: AbortSignal): Promise<PollResult>;
  health(): SourceHealth;
  dispose(): void;
}

/** A failure with a reason for the user and the original cause. */
export class SourceError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${reason}`, options);
    this.name = 'SourceError';
  }
}
