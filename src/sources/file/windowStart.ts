import type { FileHandle } from 'node:fs/promises';
import { LogStreamParser } from '../../core/logRecords/logStreamParser';

const PROBE_BYTES = 16 * 1024;
/** The search stops once the candidate range is this small: reading it costs less than probing it. */
const GOOD_ENOUGH_BYTES = 64 * 1024;

/**
 * Where, in a log file first seen, reading should begin so that only records of the
 * window are read: a binary search over byte offsets, each probe parsing a few KB and
 * taking the first record with a date of its own. Logs are written in time order, so
 * the first dated record after an offset grows with the offset. Never earlier than
 * `floor` (the size cap on a first read); a probe that finds no dated record is
 * treated as inside the window, so an undatable log is read from `floor` as before.
 */
export async function findWindowStart(handle: FileHandle, floor: number, size: number, since: number): Promise<number> {
  let lo = floor;
  let hi = size;
  const first = await firstDatedTime(handle, lo, size);
  if (first === undefined || first >= since) return lo;
  while (hi - lo > GOOD_ENOUGH_BYTES) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const time = await firstDatedTime(handle, mid, size);
    if (time === undefined || time >= since) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** The time of the first dated record that starts after `offset` (skipping the line cut by it). */
async function firstDatedTime(handle: FileHandle, offset: number, size: number): Promise<number | undefined> {
  const length = Math.min(PROBE_BYTES, size - offset);
  if (length <= 0) return undefined;
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, offset);
  const start = offset === 0 ? 0 : buffer.indexOf(10) + 1;
  const end = buffer.lastIndexOf(10, bytesRead - 1) + 1;
  if (start <= 0 && offset !== 0) return undefined;
  if (end <= start) return undefined;
  // A clock that says "no date" makes time-of-day and dateless records NaN, so they are passed over.
  const parser = new LogStreamParser('probe', { now: () => Number.NaN });
  const parsed = parser.push(buffer.toString('utf8', start, end));
  const flushed = parser.flush();
  for (const event of [...parsed.events, ...flushed.events]) if (Number.isFinite(event.timestamp)) return event.timestamp;
  return undefined;
}
