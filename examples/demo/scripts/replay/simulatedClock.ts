import type { Clock } from '../../src/clock';

interface Timer {
  due: number;
  order: number;
  callback: () => void;
}

/**
 * A clock that jumps to the next due timer instead of waiting for it, so a day of
 * traffic replays in seconds while the service still sees realistic latencies. One
 * timer fires per macrotask, after every promise reaction of the previous one ran.
 */
export class SimulatedClock implements Clock {
  private time: number;
  private readonly timers: Timer[] = [];
  private order = 0;
  private draining = false;

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** Moves time forward to `at` (never backwards). */
  advanceTo(at: number): void {
    this.time = Math.max(this.time, at);
  }

  setTimeout(callback: () => void, ms: number): { cancel(): void } {
    const timer: Timer = { due: this.time + Math.max(0, ms), order: this.order++, callback };
    this.timers.push(timer);
    this.scheduleDrain();
    return {
      cancel: () => {
        const at = this.timers.indexOf(timer);
        if (at >= 0) this.timers.splice(at, 1);
      },
    };
  }

  private scheduleDrain(): void {
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => this.fireNext());
  }

  private fireNext(): void {
    this.draining = false;
    if (this.timers.length === 0) return;
    let next = 0;
    for (let i = 1; i < this.timers.length; i++) {
      const t = this.timers[i]!;
      const best = this.timers[next]!;
      if (t.due < best.due || (t.due === best.due && t.order < best.order)) next = i;
    }
    const [timer] = this.timers.splice(next, 1);
    this.advanceTo(timer!.due);
    if (this.timers.length > 0) this.scheduleDrain();
    timer!.callback();
  }
}
