/** A node of the list, holding its value; the owner keeps the node to touch it in O(1). */
export interface RecencyNode<T> {
  readonly value: T;
  prev: RecencyNode<T> | undefined;
  next: RecencyNode<T> | undefined;
}

/**
 * A doubly linked list ordered from least to most recently seen, with O(1) touch,
 * removal and access to the oldest node. (Using a Map's insertion order instead is
 * not O(1) in V8: after many deletions at its front, `keys().next()` walks the
 * deleted slots, which made eviction quadratic under load.)
 */
export class RecencyList<T> {
  private head: RecencyNode<T> | undefined;
  private tail: RecencyNode<T> | undefined;

  /** Creates a node at the most recent end. */
  push(value: T): RecencyNode<T> {
    const node: RecencyNode<T> = { value, prev: this.tail, next: undefined };
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    return node;
  }

  /** Moves a node to the most recent end. */
  touch(node: RecencyNode<T>): void {
    if (node === this.tail) return;
    this.unlink(node);
    node.prev = this.tail;
    node.next = undefined;
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
  }

  remove(node: RecencyNode<T>): void {
    this.unlink(node);
    node.prev = undefined;
    node.next = undefined;
  }

  oldest(): RecencyNode<T> | undefined {
    return this.head;
  }

  private unlink(node: RecencyNode<T>): void {
    if (node.prev) node.prev.next = node.next;
    else if (this.head === node) this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else if (this.tail === node) this.tail = node.prev;
  }
}
