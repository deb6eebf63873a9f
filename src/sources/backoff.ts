export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** No delay grows beyond this (a backend's Retry-After may still ask for longer). */
  maxMs: number;
}

/**
 * Delay before the next attempt after `failures` failures in a row: exponential,
 * with "equal jitter" (half fixed, half random) so that many editors polling one
 * backend spread out after an outage instead of returning in lock-step, and never
 * sooner than the backend's own Retry-After.
 */
export function backoffDelay(failures: number, policy: BackoffPolicy, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(30, failures - 1)));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
