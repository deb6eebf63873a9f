// Types for generateLogs.mjs, so the test harness and unit tests can call it from TypeScript.

/** Absolute path of examples/demo/logs/checkout.ndjson. */
export declare const DEMO_LOG: string;

/** Time (ms) of the newest line of the log, or undefined when there is no readable log. */
export declare function newestLogTime(file?: string): Promise<number | undefined>;

/** Regenerates the demo log by running the service; `end` is the time of the replayed day's end (default: a minute ago). */
export declare function generateDemoLogs(options?: { end?: number }): Promise<string>;

/** Regenerates the demo log only when its newest line is older than maxAgeMs (default 1 h); true when it did. */
export declare function ensureFreshDemoLogs(options?: { maxAgeMs?: number; now?: number }): Promise<boolean>;
