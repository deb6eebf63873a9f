/**
 * Container runtimes wrap each line a program writes: Docker's json-file driver as
 * `{"log":"…\n","stream":"stderr","time":"…"}`, the CRI (containerd, CRI-O, Kubernetes'
 * /var/log/containers) as `2026-01-15T10:00:00.123456789Z stderr F …`. Both cut long lines
 * into partial pieces (Docker: no trailing newline; CRI: tag `P`). Unwrapping them lets a
 * stack trace printed over many lines join its record again.
 */
import { parseTimestamp } from './timestamps';

export interface ContainerLine {
  /** The line the program wrote, without its newline. */
  text: string;
  /** When the runtime received it. */
  time?: number;
  /** More of the same line follows in the next wrapped line. */
  partial: boolean;
}

/** A Docker json-file entry, or undefined for any other JSON value. */
export function dockerJsonLine(value: unknown): ContainerLine | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const entry = value as Record<string, unknown>;
  if (typeof entry.log !== 'string' || (typeof entry.stream !== 'string' && typeof entry.time !== 'string')) return undefined;
  const partial = !entry.log.endsWith('\n');
  const text = partial ? entry.log : entry.log.slice(0, entry.log.endsWith('\r\n') ? -2 : -1);
  const time = parseTimestamp(entry.time);
  return time === undefined ? { text, partial } : { text, partial, time };
}

/** A CRI log line (`<RFC 3339 time> <stdout|stderr> <F|P> <text>`), or undefined. */
export function criLine(line: string): ContainerLine | undefined {
  const space = line.indexOf(' ', 19);
  // The time is RFC 3339 with nanoseconds: 20 to 35 characters; parseTimestamp checks it below.
  if (space < 20 || space > 40) return undefined;
  const stream = line.slice(space + 1, space + 8);
  if (stream !== 'stdout ' && stream !== 'stderr ') return undefined;
  const tag = line.charCodeAt(space + 8);
  if ((tag !== 70 /* F */ && tag !== 80) /* P */ || line.charCodeAt(space + 9) !== 32) return undefined;
  const time = parseTimestamp(line.slice(0, space));
  if (time === undefined) return undefined;
  return { text: line.slice(space + 10), time, partial: tag === 80 };
}
