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
  private holdsUndefined = false;

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

  /**
   * The value, marked as just used; undefined when absent. A miss costs two lookups
   * (`has` is asked only once an undefined value was ever stored): caches keyed by
   * long texts miss often, and each lookup of a fresh key hashes it.
   */
  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    if (this.holdsUndefined && this.current.has(key)) return undefined;
    const old = this.previous.get(key);
    if (old === undefined && !(this.holdsUndefined && this.previous.has(key))) return undefined;
    this.set(key, old as V);
    return old;
  }

  set(key: K, value: V): void {
    if (value === undefined) this.holdsUndefined = true;
    if (this.current.size >= this.generation && !this.current.has(key)) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
    if (this.previous.size > 0) this.previous.delete(key);
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
