import type { Group } from './groups';
import { RecencyList, type RecencyLinks } from './recencyList';
import { detached } from './sharedValues';

/** A group that may hold a full stack trace: its slot in the budget while it does. */
export interface TraceHolder {
  readonly group: Group;
  traceSlot: TraceSlot | undefined;
}

interface TraceSlot extends RecencyLinks<TraceSlot> {
  readonly holder: TraceHolder;
  readonly length: number;
}

/**
 * Bounds the characters of stack traces all groups hold together. A trace is capped per
 * group (maxStackLength), but 100k groups with Java-sized traces would still be gigabytes;
 * so full traces share a budget, and past it the traces stored least recently (groups not
 * seen for a while, or whose trace has not recurred) are cut to their first lines, with a
 * note saying so. The group's next occurrence brings its whole trace back. Traces no longer
 * than the head are never cut and are not counted (bounded by the group cap).
 */
export class TraceBudget {
  private readonly slots = new RecencyList<TraceSlot>();
  private total = 0;

  constructor(
    private readonly maxChars: number,
    private readonly headLength: number,
  ) {}

  /** Characters of the full traces held now. */
  get chars(): number {
    return this.total;
  }

  /** Gives the group this trace, cutting the least recently stored ones while over budget. */
  store(holder: TraceHolder, trace: string): void {
    this.release(holder);
    holder.group.stacktrace = trace;
    if (trace.length <= this.headLength) return;
    const slot: TraceSlot = { holder, length: trace.length, prev: undefined, next: undefined };
    holder.traceSlot = slot;
    this.slots.push(slot);
    this.total += trace.length;
    for (let oldest = this.slots.oldest(); this.total > this.maxChars && oldest && oldest !== slot; oldest = this.slots.oldest()) this.cut(oldest.holder);
  }

  /** The group's trace recurred: it is the last to be cut. */
  touch(holder: TraceHolder): void {
    if (holder.traceSlot) this.slots.touch(holder.traceSlot);
  }

  /** The group leaves (or its trace is replaced): its full trace no longer counts. */
  release(holder: TraceHolder): void {
    const slot = holder.traceSlot;
    if (!slot) return;
    this.slots.remove(slot);
    this.total -= slot.length;
    holder.traceSlot = undefined;
  }

  private cut(holder: TraceHolder): void {
    this.release(holder);
    const trace = holder.group.stacktrace ?? '';
    const lineEnd = trace.lastIndexOf('\n', this.headLength);
    const head = detached(trace.slice(0, lineEnd > 0 ? lineEnd : this.headLength));
    holder.group.stacktrace = `${head}\n    … ${trace.length - head.length} more characters cut to bound the server's memory; the next occurrence brings the whole trace back`;
  }
}
