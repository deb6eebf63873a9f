import type { ProdEvent } from '../core/events';

/**
 * A busy service's log is read as counts (the backend's own aggregation) plus a
 * bounded sample of lines. This spreads each (chunk, level) count over the sampled
 * lines of that chunk and level, so the groups the analyzer builds from the sample
 * add up to the backend's count instead of to the sample size. When the sample
 * holds every line, each line stands for itself.
 */
export interface SampledLine {
  event: ProdEvent;
  /** Which chunk of the window and which level the backend counted the line under. */
  key: string;
}

export interface SpreadResult {
  events: ProdEvent[];
  /** Occurrences the backend counted in (chunk, level) cells that no sampled line represents. */
  unsampled: number;
}

export function spreadCounts(lines: SampledLine[], counts: Map<string, number>): SpreadResult {
  const byKey = new Map<string, ProdEvent[]>();
  for (const line of lines) {
    const list = byKey.get(line.key);
    if (list) list.push(line.event);
    else byKey.set(line.key, [line.event]);
  }
  const events: ProdEvent[] = [];
  let unsampled = 0;
  for (const [key, total] of counts) {
    if (!byKey.has(key) && total > 0) unsampled += total;
  }
  for (const [key, sample] of byKey) {
    // A line the count query missed (a boundary, a level label added later) still counts once.
    const total = Math.max(counts.get(key) ?? sample.length, sample.length);
    const base = Math.floor(total / sample.length);
    let remainder = total - base * sample.length;
    for (const event of sample) {
      const count = base + (remainder > 0 ? 1 : 0);
      if (remainder > 0) remainder--;
      events.push(count === 1 ? event : { ...event, count });
    }
  }
  return { events, unsampled };
}
