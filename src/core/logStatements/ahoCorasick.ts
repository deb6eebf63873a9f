import { edgeTargetOf } from './sortedEdges';

/**
 * An Aho–Corasick automaton over UTF-16 code units: finds which of many patterns
 * occur in a text in one left-to-right pass. The root has a dense transition table
 * (most steps fall back to it); other states keep sorted edge lists.
 *
 * `search` is linear in the text length: state transitions are amortised O(1) and
 * pattern reports are capped by a budget proportional to the text.
 */
export class AhoCorasick {
  private readonly rootNext = new Int32Array(65536).fill(0);
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** Pattern ending at this state, or -1. */
  private readonly output: Int32Array;
  /** Nearest state on the fail chain with an output, or -1. */
  private readonly dictLink: Int32Array;
  private readonly seenState: Uint32Array;
  private stamp = 0;

  constructor(patterns: readonly string[]) {
    const children: Map<number, number>[] = [new Map()];
    const output: number[] = [-1];
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let next = children[s]!.get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          output.push(-1);
          children[s]!.set(c, next);
        }
        s = next;
      }
      if (output[s] === -1) output[s] = id;
    });
    const n = children.length;
    this.output = Int32Array.from(output);
    this.fail = new Int32Array(n);
    this.dictLink = new Int32Array(n).fill(-1);
    this.seenState = new Uint32Array(n);
    this.edgeStart = new Int32Array(n + 1);
    let edges = 0;
    for (let s = 0; s < n; s++) {
      this.edgeStart[s] = edges;
      edges += children[s]!.size;
    }
    this.edgeStart[n] = edges;
    this.edgeChar = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    for (let s = 0; s < n; s++) {
      const sorted = [...children[s]!.entries()].sort((a, b) => a[0] - b[0]);
      sorted.forEach(([c, t], i) => {
        this.edgeChar[this.edgeStart[s]! + i] = c;
        this.edgeTarget[this.edgeStart[s]! + i] = t;
      });
    }
    for (const [c, t] of children[0]!) this.rootNext[c] = t;
    this.linkFailures(children);
  }

  get states(): number {
    return this.fail.length;
  }

  private linkFailures(children: Map<number, number>[]): void {
    const queue: number[] = [...children[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      for (const [c, t] of children[s]!) {
        let f = this.fail[s]!;
        while (f !== 0 && this.step(f, c) < 0) f = this.fail[f]!;
        const target = f === 0 ? this.rootNext[c]! : this.step(f, c);
        this.fail[t] = target === t ? 0 : target;
        const ft = this.fail[t]!;
        this.dictLink[t] = this.output[ft]! >= 0 ? ft : this.dictLink[ft]!;
        queue.push(t);
      }
    }
  }

  /** The edge from non-root state `s` on `c`, or -1. */
  private step(s: number, c: number): number {
    return edgeTargetOf(this.edgeStart, this.edgeChar, this.edgeTarget, s, c);
  }

  /** Appends to `found` each distinct pattern id occurring in `text`, up to `limit` ids and a budget of reports linear in the text. */
  search(text: string, found: number[], limit = Number.MAX_SAFE_INTEGER): void {
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    const stamp = this.stamp;
    // Locals: the loop below is the matcher's hot path.
    const rootNext = this.rootNext;
    const edgeStart = this.edgeStart;
    const edgeChar = this.edgeChar;
    const edgeTarget = this.edgeTarget;
    const fail = this.fail;
    const output = this.output;
    const dictLink = this.dictLink;
    const seen = this.seenState;
    let budget = 4 * text.length + 256;
    let s = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      for (;;) {
        if (s === 0) {
          s = rootNext[c]!;
          break;
        }
        const next = edgeTargetOf(edgeStart, edgeChar, edgeTarget, s, c);
        if (next >= 0) {
          s = next;
          break;
        }
        s = fail[s]!;
      }
      // Report this state's pattern and those of its suffixes, stopping at a state already reported in this search.
      let o = output[s]! >= 0 ? s : dictLink[s]!;
      while (o >= 0 && seen[o] !== stamp) {
        if (--budget < 0) return;
        seen[o] = stamp;
        found.push(output[o]!);
        if (found.length >= limit) return;
        o = dictLink[o]!;
      }
    }
  }
}
