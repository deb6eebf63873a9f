/** The links an item carries to sit in a RecencyList (intrusive: no node object per item). */
export interface RecencyLinks<T> {
  prev: T | undefined;
  next: T | undefined;
}

/**
 * A doubly linked list ordered from least to most recently seen, with O(1) touch,
 * removal and access to the oldest item. (Using a Map's insertion order instead is
 * not O(1) in V8: after many deletions at its front, `keys().next()` walks the
 * deleted slots, which made eviction quadratic under load.) The items carry their
 * own links, which spares a node object per item: with 100k groups that is 100k
 * fewer objects for the collector to keep.
 */
export class RecencyList<T extends RecencyLinks<T>> {
  private head: T | undefined;
  private tail: T | undefined;

  /** Adds an item (not in the list) at the most recent end. */
  push(item: T): void {
    item.prev = this.tail;
    item.next = undefined;
    if (this.tail) this.tail.next = item;
    else this.head = item;
    this.tail = item;
  }

  /** Moves an item to the most recent end. */
  touch(item: T): void {
    if (item === this.tail) return;
    this.unlink(item);
    this.push(item);
  }

  remove(item: T): void {
    this.unlink(item);
    item.prev = undefined;
    item.next = undefined;
  }

  oldest(): T | undefined {
    return this.head;
  }

  private unlink(item: T): void {
    if (item.prev) item.prev.next = item.next;
    else if (this.head === item) this.head = item.next;
    if (item.next) item.next.prev = item.prev;
    else if (this.tail === item) this.tail = item.prev;
  }
}
