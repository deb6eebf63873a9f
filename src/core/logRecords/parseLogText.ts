import type { ProdEvent } from '../events';
import { splitLines } from '../stackTraces/lines';
import { eventFromJsonRecord } from './jsonRecord';

export interface ParsedLog {
  events: ProdEvent[];
  /** Lines that were neither empty nor a record we understand. */
  skipped: number;
}

/** Parses the text of a log file, one record per line; unknown or malformed lines are counted and skipped. */
export function parseLogText(text: string, source: string): ParsedLog {
  const events: ProdEvent[] = [];
  let skipped = 0;
  for (const line of splitLines(text)) {
    if (line.trim() === '') continue;
    const event = parseJsonLine(line, source);
    if (event) events.push(event);
    else skipped++;
  }
  return { events, skipped };
}

function parseJsonLine(line: string, source: string): ProdEvent | undefined {
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  try {
    return eventFromJsonRecord(JSON.parse(start === 0 ? line : line.slice(start)), source);
  } catch {
    return undefined;
  }
}
