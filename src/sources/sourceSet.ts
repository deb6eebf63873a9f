import type { OpsLensConfig } from '../core/config/opslensConfig';
import type { Incident, ProdEvent } from '../core/events';
import { createSource, type SourceContext } from './createSource';
import { ResilientSource, type ResilienceOptions } from './resilientSource';
import { SourceError, type SourceHealth } from './source';

export interface PollOutcome {
  events: ProdEvent[];
  /** Every source's open incidents: fresh, or the last good ones of a source that failed. */
  incidents: Incident[];
  /** Sources that failed this round, with the reason. */
  failures: SourceError[];
}

/** Remote backends are contacted at most this often, however often a watched file asks for a poll. */
export const DEFAULT_REMOTE_MIN_INTERVAL_MS = 30_000;

/** All configured sources of one workspace folder, each behind the resilience wrapper, polled together. */
export class SourceSet {
  readonly sources: ResilientSource[] = [];
  /** Entries that could not even be built (unsupported type, bad options). */
  readonly setupErrors: SourceError[] = [];

  constructor(config: OpsLensConfig, context: SourceContext, resilience: ResilienceOptions = {}) {
    const withServices: SourceContext = { services: config.services, ...context };
    for (const entry of config.sources) {
      try {
        const source = createSource(entry, withServices);
        // Local files are cheap to read and watched; remote backends keep to their interval.
        const minIntervalMs = source.type === 'file' ? 0 : (resilience.minIntervalMs ?? DEFAULT_REMOTE_MIN_INTERVAL_MS);
        this.sources.push(new ResilientSource(source, { ...resilience, minIntervalMs }));
      } catch (error) {
        this.setupErrors.push(error instanceof SourceError ? error : new SourceError(entry.name, String(error), { cause: error }));
      }
    }
  }

  async pollAll(windowMs: number, now = Date.now(), signal?: AbortSignal): Promise<PollOutcome> {
    const window = { since: now - windowMs, until: now };
    const results = await Promise.allSettled(this.sources.map((s) => s.poll(window, signal)));
    const outcome: PollOutcome = { events: [], incidents: [], failures: [] };
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') {
        for (const e of result.value.events) outcome.events.push(e);
        for (const inc of result.value.incidents) outcome.incidents.push(inc);
        if (result.value.failure) outcome.failures.push(result.value.failure);
      } else {
        const source = this.sources[i]!;
        const error = result.reason instanceof SourceError ? result.reason : new SourceError(source.name, String(result.reason), { cause: result.reason });
        outcome.failures.push(error);
      }
    });
    return outcome;
  }

  health(): SourceHealth[] {
    return [
      ...this.sources.map((s) => s.health()),
      ...this.setupErrors.map((e): SourceHealth => ({ name: e.source, type: 'unknown', state: 'failing', lastError: { at: Date.now(), reason: e.reason }, eventsFetched: 0, skipped: 0 })),
    ];
  }

  /** Ends every source's back-off, e.g. after a credential changed. */
  retryNow(): void {
    for (const s of this.sources) s.retryNow();
  }

  dispose(): void {
    for (const s of this.sources) s.dispose();
  }
}
