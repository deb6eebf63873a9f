/**
 * The target of state `state`'s edge labelled `c` in a compact automaton whose edges are
 * stored per state, sorted by character (`edgeStart[state]` … `edgeStart[state + 1] - 1`);
 * -1 when there is none. Binary search: most states have one edge, a few have many.
 */
export function edgeTargetOf(edgeStart: Int32Array, edgeChar: Uint16Array, edgeTarget: Int32Array, state: number, c: number): number {
  let lo = edgeStart[state]!;
  let hi = edgeStart[state + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const mc = edgeChar[mid]!;
    if (mc === c) return edgeTarget[mid]!;
    if (mc < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
