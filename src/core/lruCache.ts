/**
 * A size-bounded cache that forgets the least recently used entries first. Parsed
 * source maps, git diffs and resolved frame paths live in these, so a long-running
 * server keeps a fixed memory ceiling however many files its events touch.
 *
 * Two generations instead of a reordered Map: a hit in the older generation moves
 * the entry to the current one, and when the current one is full the older one is
 * dropped whole. Every operation is O(1) without the delete-and-reinsert churn that
 * makes a Map-ordered LRU slow in V8. It holds at most `capacity` entries and at
 * least the `capacity / 2` most recently used.
 */
export class LruCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private readonly generation: number;

  constructor(capacity: number) {
    if (!(capacity >= 2)) throw new RangeError(`LruCache capacity must be at least 2, not ${capacity}`);
    this.generation = Math.floor(capacity / 2);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  has(key: K): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  /** The value, marked as just used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined || this.current.has(key)) return value;
    if (!this.previous.has(key)) return undefined;
    const old = this.previous.get(key) as V;
    this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (!this.current.has(key) && this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
    this.previous.delete(key);
  }

  delete(key: K): void {
    this.current.delete(key);
    this.previous.delete(key);
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
  }
}
