import { edgeTargetOf } from './sortedEdges';

/**
 * A trie of strings walked from one end of a text: which keys are prefixes of the
 * text (or, reversed, suffixes). A walk reads at most the text's length and usually
 * stops after a few characters, so it is the cheap first step of the matcher.
 */
export class PrefixTrie {
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  /** Key id ending at each node, or -1. */
  private readonly output: Int32Array;
  /** The root's children as a dense table: the root is the widest node and every walk starts there. */
  private readonly rootNext = new Int32Array(65536).fill(-1);
  readonly empty: boolean;
  /**
   * Path compression: from a node, the characters of the single-child chain below it
   * (in text order) and the node the chain ends at. A walk checks the whole chain with
   * one native comparison instead of one step per character.
   */
  private readonly chainLabel: string[];
  private readonly chainEnd: Int32Array;

  constructor(
    keys: readonly string[],
    private readonly reversed = false,
  ) {
    const children: Map<number, number>[] = [new Map()];
    const output: number[] = [-1];
    keys.forEach((key, id) => {
      let node = 0;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(reversed ? key.length - 1 - i : i);
        let next = children[node]!.get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          output.push(-1);
          children[node]!.set(c, next);
        }
        node = next;
      }
      if (output[node] === -1) output[node] = id;
    });
    this.output = Int32Array.from(output);
    this.empty = keys.length === 0;
    this.chainLabel = new Array<string>(children.length).fill('');
    this.chainEnd = new Int32Array(children.length).fill(-1);
    for (let node = 1; node < children.length; node++) {
      let label = '';
      let at = node;
      while (children[at]!.size === 1 && (at === node || output[at] === -1)) {
        const [c, next] = children[at]!.entries().next().value as [number, number];
        label += String.fromCharCode(c);
        at = next;
        if (output[at] !== -1) break;
      }
      if (label.length >= 2) {
        this.chainLabel[node] = reversed ? [...label].reverse().join('') : label;
        this.chainEnd[node] = at;
      }
    }
    for (const [c, t] of children[0]!) this.rootNext[c] = t;
    this.edgeStart = new Int32Array(children.length + 1);
    let edges = 0;
    children.forEach((m, node) => {
      this.edgeStart[node] = edges;
      edges += m.size;
    });
    this.edgeStart[children.length] = edges;
    this.edgeChar = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    children.forEach((m, node) => {
      [...m.entries()]
        .sort((a, b) => a[0] - b[0])
        .forEach(([c, t], i) => {
          this.edgeChar[this.edgeStart[node]! + i] = c;
          this.edgeTarget[this.edgeStart[node]! + i] = t;
        });
    });
  }

  /** Appends to `found` every key that is a prefix (suffix when reversed) of `text`, shortest first. */
  walk(text: string, found: number[]): void {
    const { edgeStart, edgeChar, edgeTarget, output } = this;
    const n = text.length;
    let node = 0;
    if (output[0]! >= 0) found.push(output[0]!);
    if (n === 0) return;
    node = this.rootNext[text.charCodeAt(this.reversed ? n - 1 : 0)]!;
    if (node < 0) return;
    if (output[node]! >= 0) found.push(output[node]!);
    for (let i = 1; i < n; i++) {
      const end = this.chainEnd[node]!;
      if (end >= 0) {
        // A single-child chain: compare it at once; the text either follows it to its end or holds no further key.
        const label = this.chainLabel[node]!;
        if (i + label.length > n || !text.startsWith(label, this.reversed ? n - i - label.length : i)) return;
        i += label.length - 1;
        node = end;
        if (output[node]! >= 0) found.push(output[node]!);
        continue;
      }
      const c = text.charCodeAt(this.reversed ? n - 1 - i : i);
      const next = edgeTargetOf(edgeStart, edgeChar, edgeTarget, node, c);
      if (next < 0) return;
      node = next;
      if (output[node]! >= 0) found.push(output[node]!);
    }
  }
}
