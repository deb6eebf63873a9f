import { LogStreamParser, type LogStreamParserOptions, type ParsedLog } from './logStreamParser';

export type { ParsedLog } from './logStreamParser';

/** Parses a whole log text (NDJSON, logfmt, plain text with stack traces); unknown or malformed lines are counted and skipped. */
export function parseLogText(text: string, source: string, options?: LogStreamParserOptions): ParsedLog {
  const parser = new LogStreamParser(source, options);
  const pushed = parser.push(text);
  const flushed = parser.flush();
  return { events: pushed.events.concat(flushed.events), skipped: pushed.skipped + flushed.skipped };
}
