import type { TimeWindow } from './source';

/**
 * Splits [since, until) into at most `maxChunks` equal chunks no longer than
 * `chunkMs` where possible. Log backends are queried a chunk at a time so that a
 * bounded sample is taken from every part of the window, not only its newest end,
 * and so that no single query exceeds the backend's range limit.
 */
export function splitWindow(window: TimeWindow, chunkMs: number, maxChunks: number): TimeWindow[] {
  const length = window.until - window.since;
  if (length <= 0) return [];
  const count = Math.max(1, Math.min(maxChunks, Math.ceil(length / chunkMs)));
  const chunks: TimeWindow[] = [];
  for (let i = 0; i < count; i++) {
    const since = window.since + Math.round((length * i) / count);
    const until = i === count - 1 ? window.until : window.since + Math.round((length * (i + 1)) / count);
    chunks.push({ since, until });
  }
  return chunks;
}

/** Where the next poll starts: after what the last good poll covered, never before the window (or a backend's range limit). */
export function incrementalWindow(window: TimeWindow, coveredUntil: number | undefined, maxRangeMs: number): { window: TimeWindow; clamped: boolean } {
  const earliest = Math.max(window.since, window.until - maxRangeMs);
  const since = Math.max(earliest, coveredUntil ?? earliest);
  return { window: { since, until: window.until }, clamped: window.since < window.until - maxRangeMs };
}
