/**
 * The service reads time and schedules timers only through this interface, so the
 * same code runs in production (wall clock) and in a replay of a day of traffic
 * (a simulated clock that jumps forward instead of waiting).
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(handle) };
  },
};
