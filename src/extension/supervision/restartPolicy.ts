/**
 * When to restart the language server after it stopped without being asked to, and when to stop
 * trying. Pure (no `vscode`, no timers): the caller passes the clock, so the policy is tested as
 * plain data.
 *
 * An incident is a run of crashes with no long healthy stretch between them. The first crash of
 * an incident is the one the user is told about; the restarts inside it only back off further.
 */
export interface RestartPolicyOptions {
  /** Delay before the first restart of an incident; each further crash doubles it. */
  initialDelayMs: number;
  /** The longest delay between restarts. */
  maxDelayMs: number;
  /** Running this long without a crash ends the incident: the next crash is a new one, restarted after initialDelayMs. */
  healthyAfterMs: number;
  /** This many crashes within windowMs and the policy gives up: the user restarts by command. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: Readonly<RestartPolicyOptions> = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  healthyAfterMs: 180_000,
  maxCrashes: 5,
  windowMs: 180_000,
};

export type RestartDecision =
  /** Start the server again after delayMs; `crash` counts the incident's crashes, 1 for the first. */
  | { action: 'restart'; delayMs: number; crash: number; newIncident: boolean }
  /** Too many crashes in the window: leave the server stopped. */
  | { action: 'giveUp'; crashes: number; newIncident: boolean };

export class RestartPolicy {
  /** When each crash of the open incident happened; empty when no incident is open. */
  private crashes: number[] = [];
  /** When the server last came up, undefined while it is down. */
  private upSince: number | undefined;

  constructor(private readonly options: Readonly<RestartPolicyOptions> = DEFAULT_RESTART_POLICY) {}

  /** The server is up and answering (initialised). A second call while up keeps the first time. */
  running(now: number): void {
    this.upSince ??= now;
  }

  /** The server stopped without being asked to (exited, or was killed because it hung). */
  crashed(now: number): RestartDecision {
    if (this.upSince !== undefined && now - this.upSince >= this.options.healthyAfterMs) this.crashes = [];
    this.upSince = undefined;
    const newIncident = this.crashes.length === 0;
    this.crashes.push(now);
    const inWindow = this.crashes.filter((at) => now - at < this.options.windowMs).length;
    if (inWindow >= this.options.maxCrashes) return { action: 'giveUp', crashes: inWindow, newIncident };
    const crash = this.crashes.length;
    const delayMs = Math.min(this.options.initialDelayMs * 2 ** (crash - 1), this.options.maxDelayMs);
    return { action: 'restart', delayMs, crash, newIncident };
  }

  /** The user restarted the server by hand: the incident and its back-off are forgotten. */
  reset(): void {
    this.crashes = [];
    this.upSince = undefined;
  }
}
