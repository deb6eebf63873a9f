import type { ExceptionInfo, ParsedStackTrace, Runtime, StackFrame } from '../core/events';
import { isRecord, text } from './bodyValues';

/**
 * Reading a Sentry event's exceptions into the model. Sentry serves one event in two
 * shapes: the web API's (`entries[type=exception].data.values[].stacktrace.frames`
 * with camelCase `absPath`, `lineNo`, `colNo`, `inApp`) and the raw event's
 * (`exception.values[].stacktrace.frames` with snake_case `abs_path`, `lineno`,
 * `colno`, `in_app`). Both order frames oldest call first and list a chain's
 * exceptions root cause first, so both lists are reversed here: in the model
 * `frames[0]` is the crashing frame and `exceptions[0]` the outermost exception.
 */

type Json = Record<string, unknown>;

export interface SentryEventSummary {
  stack?: ParsedStackTrace;
  release?: string;
  environment?: string;
  /** When the event happened (epoch ms). */
  timestamp?: number;
}

export function summariseSentryEvent(event: unknown): SentryEventSummary {
  if (!isRecord(event)) return {};
  const summary: SentryEventSummary = {};
  const values = exceptionValues(event);
  const runtime = runtimeOf(event.platform);
  const exceptions = values
    .slice()
    .reverse()
    .map((value) => toException(value, runtime))
    .filter((e) => e.frames.length > 0 || e.type !== '');
  if (exceptions.length > 0) summary.stack = { runtime, exceptions };
  const release = releaseOf(event);
  if (release) summary.release = release;
  const environment = text(event.environment) ?? tagValue(event, 'environment');
  if (environment) summary.environment = environment;
  const when = Date.parse(text(event.dateCreated) ?? text(event.datetime) ?? '');
  if (Number.isFinite(when)) summary.timestamp = when;
  else if (typeof event.timestamp === 'number' && Number.isFinite(event.timestamp * 1000)) summary.timestamp = event.timestamp * 1000;
  return summary;
}

/** The exception values of either shape; a bare stack trace (a message event with `attachStacktrace`) counts as one. */
function exceptionValues(event: Json): Json[] {
  const entries = Array.isArray(event.entries) ? event.entries.filter(isRecord) : [];
  const webException = entries.find((e) => e.type === 'exception');
  if (webException && isRecord(webException.data) && Array.isArray(webException.data.values)) return webException.data.values.filter(isRecord);
  if (isRecord(event.exception) && Array.isArray(event.exception.values)) return event.exception.values.filter(isRecord);
  const webStack = entries.find((e) => e.type === 'stacktrace');
  if (webStack && isRecord(webStack.data)) return [{ type: '', value: '', stacktrace: webStack.data }];
  if (isRecord(event.stacktrace)) return [{ type: '', value: '', stacktrace: event.stacktrace }];
  return [];
}

function toException(value: Json, runtime: Runtime): ExceptionInfo {
  const stacktrace = isRecord(value.stacktrace) ? value.stacktrace : undefined;
  const frames = stacktrace && Array.isArray(stacktrace.frames) ? stacktrace.frames.filter(isRecord) : [];
  return {
    type: text(value.type) ?? '',
    message: text(value.value) ?? '',
    frames: frames.reverse().map((frame) => toFrame(frame, runtime)),
  };
}

/**
 * One frame, camelCase (web API) or snake_case (raw event) alike. A JVM frame names
 * only its file (`Charge.java`): its class's package makes the path the resolver
 * matches (`com/acme/pay/Charge.java`), as for a printed JVM stack trace.
 */
export function toFrame(frame: Json, runtime: Runtime = 'unknown'): StackFrame {
  const out: StackFrame = {};
  const file = text(frame.absPath) ?? text(frame.abs_path) ?? text(frame.filename);
  const module = text(frame.module);
  if (file) out.file = runtime === 'jvm' && module ? jvmPath(file, module) : file;
  const line = positive(frame.lineNo ?? frame.lineno);
  if (line !== undefined) out.line = line;
  const column = positive(frame.colNo ?? frame.colno);
  if (column !== undefined) out.column = column;
  const fn = text(frame.function);
  if (fn) out.function = fn;
  if (module) out.module = module;
  const inApp = frame.inApp ?? frame.in_app;
  if (typeof inApp === 'boolean') out.inApp = inApp;
  return out;
}

function jvmPath(file: string, className: string): string {
  const packageEnd = className.lastIndexOf('.');
  if (file.includes('/') || packageEnd <= 0) return file;
  return `${className.slice(0, packageEnd).split('.').join('/')}/${file}`;
}

/** The web API's `release` is an object (`{version: …}`), the raw event's a string; the tag is the fallback. */
function releaseOf(event: Json): string | undefined {
  if (isRecord(event.release)) return text(event.release.version) ?? text(event.release.shortVersion);
  return text(event.release) ?? tagValue(event, 'release');
}

/** Tags are `[{key, value}]` in the web API and `[[key, value]]` in the raw event. */
function tagValue(event: Json, key: string): string | undefined {
  if (!Array.isArray(event.tags)) return undefined;
  for (const tag of event.tags) {
    if (isRecord(tag) && tag.key === key) return text(tag.value);
    if (Array.isArray(tag) && tag[0] === key) return text(tag[1]);
  }
  return undefined;
}

const PLATFORM_RUNTIMES: Record<string, Runtime> = {
  javascript: 'v8',
  node: 'v8',
  python: 'python',
  java: 'jvm',
  kotlin: 'jvm',
  go: 'go',
  ruby: 'ruby',
  csharp: 'dotnet',
  php: 'php',
};

function runtimeOf(platform: unknown): Runtime {
  return (typeof platform === 'string' && Object.hasOwn(PLATFORM_RUNTIMES, platform) && PLATFORM_RUNTIMES[platform]) || 'unknown';
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
