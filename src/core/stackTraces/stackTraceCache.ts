import type { ParsedStackTrace } from '../events';
import { LruCache } from '../lruCache';
import { parseStackTrace } from './parseStackTrace';

const DEFAULT_CAPACITY = 4096;
/** Longer traces are parsed every time: keeping them would cost more memory than parsing saves. */
const MAX_CACHED_LENGTH = 16 * 1024;

/**
 * Parsed stack traces by their text. A service that fails repeats the same trace
 * thousands of times; parsing it once saves splitting, runtime detection and frame
 * parsing for every repeat. Bounded in entries and in the length of a cached text;
 * `undefined` (no frames found) is remembered too. The parsed traces are shared:
 * callers read them and never change them.
 */
export class StackTraceCache {
  private readonly parsed: LruCache<string, ParsedStackTrace | undefined>;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.parsed = new LruCache(capacity);
  }

  get size(): number {
    return this.parsed.size;
  }

  parse(text: string): ParsedStackTrace | undefined {
    if (text.length > MAX_CACHED_LENGTH) return parseStackTrace(text);
    const cached = this.parsed.get(text);
    if (cached !== undefined || this.parsed.has(text)) return cached;
    const fresh = parseStackTrace(text);
    this.parsed.set(text, fresh);
    return fresh;
  }
}
