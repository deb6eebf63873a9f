import type { Incident, ProdEvent } from '../core/events';

/** The time range a poll covers, in epoch milliseconds. */
export interface TimeWindow {
  since: number;
  until: number;
}

export interface PollResult {
  events: ProdEvent[];
  incidents: Incident[];
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
  /** Records the source could not read (malformed lines), counted, never fatal. */
  skipped: number;
}

/**
 * One backend. `poll` returns only what is new since the previous poll (a cursor or
 * the newest timestamp seen); the caller keeps the aggregate. A failing poll throws
 * a SourceError and leaves the source ready to try again.
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
