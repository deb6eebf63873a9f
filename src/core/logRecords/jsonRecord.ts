import type { CodeLocation, ProdEvent } from '../events';
import { parsePositiveInt, splitLocation } from '../stackTraces/lines';
import { levelFromSeverityNumber, normaliseLevel } from './levels';
import { log4j2InstantTime, log4j2ThrownStack } from './log4j2Json';
import { expandOtlpLogs } from './otlpJson';
import { RecordFields, Slot } from './recordFields';
import { parseTimestamp } from './timestamps';

export { normaliseLevel } from './levels';

// The slots as plain constants, read once (`Slot.X` costs a module getter per access under a per-file transpiler such as tsx).
const { Caller, Environment, ErrorMessage, ErrorStack, ErrorType, FilePath, FunctionName, Level, Line, Logger, Message, Namespace, Revision, Service, SeverityNumber, Time, Version } = Slot;

/**
 * Turns one parsed JSON value into events: a log record of any library in the table of
 * `recordFields.ts` gives one, an OTLP/JSON export request (`resourceLogs`) gives one per
 * log record, anything else none.
 */
export function eventsFromJsonValue(value: unknown, source: string, now: () => number = Date.now): ProdEvent[] {
  const out: ProdEvent[] = [];
  addEventsFromJsonValue(value, source, now, out);
  return out;
}

/** As `eventsFromJsonValue`, appending to `out`: the NDJSON path allocates nothing per line beyond the event. Returns how many were added. */
export function addEventsFromJsonValue(value: unknown, source: string, now: () => number, out: ProdEvent[]): number {
  if (!isObject(value)) return 0;
  if (Array.isArray(value.resourceLogs)) {
    const before = out.length;
    for (const record of expandOtlpLogs(value.resourceLogs)) {
      const event = eventFromJsonRecord(record, source, now);
      if (event) out.push(event);
    }
    return out.length - before;
  }
  const event = eventFromJsonRecord(value, source, now);
  if (!event) return 0;
  out.push(event);
  return 1;
}

/**
 * Turns one JSON log record into an event: pino, bunyan, winston, structlog, Python
 * `logging` JSON formatters, zap, logrus, logstash-logback-encoder, ECS, OTel attribute
 * names (stable and deprecated, flat or nested). Undefined for a value that is not a log
 * record: an object with neither a message, a level nor an error.
 */
export function eventFromJsonRecord(record: unknown, source: string, now: () => number = Date.now): ProdEvent | undefined {
  if (!isObject(record)) return undefined;
  const fields = RecordFields.of(record);
  const level = normaliseLevel(fields.get(Level)) ?? levelFromSeverityNumber(fields.get(SeverityNumber));
  const exception = exceptionOf(fields, record);
  const message = text(fields.get(Message)) ?? exception?.message;
  if (message === undefined && level === undefined && exception === undefined) return undefined;

  const timestamp = parseTimestamp(fields.get(Time)) ?? log4j2InstantTime(record.instant) ?? now();
  const event: ProdEvent = { timestamp, message: message ?? '', source };
  if (level) event.level = level;
  if (exception) event.exception = exception;
  const code = codeLocationOf(fields);
  if (code) event.code = code;
  assignText(event, 'logger', fields.get(Logger));
  assignText(event, 'service', fields.get(Service));
  // GELF's `version` is the GELF spec version, not the service's.
  if (!('short_message' in record && record.version === fields.get(Version))) assignText(event, 'version', fields.get(Version));
  assignText(event, 'revision', fields.get(Revision));
  assignText(event, 'environment', fields.get(Environment));
  return event;
}

function exceptionOf(fields: RecordFields, record: Record<string, unknown>): ProdEvent['exception'] {
  const type = text(fields.get(ErrorType));
  const message = text(fields.get(ErrorMessage));
  const stacktrace = text(fields.get(ErrorStack)) ?? (record.thrown === undefined ? undefined : log4j2ThrownStack(record.thrown));
  if (type === undefined && message === undefined && stacktrace === undefined) return undefined;
  const exception: NonNullable<ProdEvent['exception']> = {};
  if (type !== undefined) exception.type = type;
  if (message !== undefined) exception.message = message;
  if (stacktrace !== undefined) exception.stacktrace = stacktrace;
  return exception;
}

/** Where the record was logged: OTel `code.*`, ECS `log.origin.*`, logstash `caller_*`, Python, bunyan `src`, zap/logrus callers. */
function codeLocationOf(fields: RecordFields): CodeLocation | undefined {
  let filepath = text(fields.get(FilePath));
  let lineno = lineNumber(fields.get(Line));
  if (filepath === undefined) {
    const caller = text(fields.get(Caller));
    if (caller === undefined) return undefined;
    const location = splitLocation(unwrapCallSite(caller));
    filepath = location.file;
    lineno ??= location.line;
  }
  const namespace = text(fields.get(Namespace));
  const location: CodeLocation = { filepath: jvmPackagePath(filepath, namespace) };
  if (lineno !== undefined) location.lineno = lineno;
  const fn = text(fields.get(FunctionName));
  if (fn !== undefined) location.function = namespace !== undefined && !fn.startsWith(namespace + '.') ? `${namespace}.${fn}` : fn;
  return location;
}

/** pino-caller writes `Object.<anonymous> (/app/x.js:10:5)`: the location is inside the parentheses. */
function unwrapCallSite(caller: string): string {
  if (!caller.endsWith(')')) return caller;
  const open = caller.lastIndexOf(' (');
  return open < 0 ? caller : caller.slice(open + 2, -1);
}

/** A JVM caller gives `Pay.java` and class `com.acme.Pay`: `com/acme/Pay.java` lets suffix matching find it. */
function jvmPackagePath(file: string, className: string | undefined): string {
  if (className === undefined || file.includes('/') || file.includes('\\')) return file;
  const lastDot = className.lastIndexOf('.');
  return lastDot <= 0 ? file : className.slice(0, lastDot).replaceAll('.', '/') + '/' + file;
}

function lineNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  if (typeof value === 'string') {
    const n = parsePositiveInt(value);
    return n !== undefined && n > 0 ? n : undefined;
  }
  return undefined;
}

function assignText(event: ProdEvent, key: 'logger' | 'service' | 'version' | 'revision' | 'environment', value: unknown): void {
  const t = text(value);
  if (t !== undefined) event[key] = t;
}

/** Strings as they are; numbers (a version `2`, a line `42`) as text; anything else is not text. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
