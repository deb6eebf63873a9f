/**
 * The normalised event model every source produces. Field names follow the
 * OpenTelemetry semantic conventions where one exists (noted per field), so a
 * record from any backend or log library reaches the rest of the core in one shape.
 */

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export const LEVELS: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

export function levelRank(level: Level | undefined): number {
  return level === undefined ? -1 : LEVELS.indexOf(level);
}

/** One frame of a stack trace, as printed by its runtime, before resolution to a workspace file. */
export interface StackFrame {
  /** Path, URL or bare file name as printed (`/app/src/pay.ts`, `file:///…`, `Pay.java`). */
  file?: string;
  /** 1-based line number. */
  line?: number;
  /** 1-based column number. */
  column?: number;
  /** Function or method name as printed (`charge`, `Pay.charge`, `main.handler`). */
  function?: string;
  /** Package, module or class that qualifies the frame (JVM `com.acme.Pay`, Go `main`, Python module). */
  module?: string;
  /** The runtime marked the frame as native/internal (`node:internal`, `<frozen …>`, JDK). */
  native?: boolean;
  /** The source (e.g. Sentry) says whether the frame is the application's own code. */
  inApp?: boolean;
}

/** One exception of a chain, frames ordered from the crashing frame (index 0) outwards to the entry point. */
export interface ExceptionInfo {
  type: string;
  message: string;
  frames: StackFrame[];
}

export type Runtime = 'v8' | 'firefox' | 'python' | 'jvm' | 'go' | 'ruby' | 'dotnet' | 'php' | 'unknown';

/**
 * A parsed stack trace: `exceptions[0]` is the outermost exception (the one that reached
 * the top: last in a Python chain, first in a JVM `Caused by:` chain), the rest are its causes.
 */
export interface ParsedStackTrace {
  runtime: Runtime;
  exceptions: ExceptionInfo[];
}

/** The explicit code location a record carries (OTel `code.*`, pino/zap/logrus caller, Python pathname/lineno). */
export interface CodeLocation {
  filepath: string;
  lineno?: number;
  function?: string;
}

export interface ProdEvent {
  /** Milliseconds since the epoch. */
  timestamp: number;
  /** `service.name`. */
  service?: string;
  /** `service.version`, or the release a backend reports. */
  version?: string;
  /** `vcs.ref.head.revision` or a `git.commit` field: a commit the line drift can use. */
  revision?: string;
  /** `deployment.environment(.name)`. */
  environment?: string;
  level?: Level;
  /** The log message (for an error: the log line that carried it). */
  message: string;
  logger?: string;
  /** `exception.*`; `parsed` is set when the source already has structured frames (e.g. Sentry). */
  exception?: {
    type?: string;
    message?: string;
    stacktrace?: string;
    parsed?: ParsedStackTrace;
  };
  /** `code.file.path`, `code.line.number`, `code.function.name`. */
  code?: CodeLocation;
  /** Name of the configured source this event came from. */
  source: string;
  /** Deep link to this event or its group in the backend. */
  link?: string;
  /** Group key the backend assigned (Sentry issue id), preferred over our own fingerprint. */
  fingerprint?: string;
  /** Occurrences this event stands for when the backend aggregated them (default 1). */
  count?: number;
}

/** A firing alert or open incident. */
export interface Incident {
  id: string;
  source: string;
  service?: string;
  title: string;
  description?: string;
  severity?: string;
  status: 'firing' | 'triggered' | 'acknowledged' | 'suppressed';
  startsAt: number;
  link?: string;
  labels: Record<string, string>;
  /** Runbook references (URL or repo path) the backend attached, e.g. the `runbook_url` annotation. */
  runbookUrls: string[];
}
