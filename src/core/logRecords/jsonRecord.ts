import type { CodeLocation, ProdEvent } from '../events';
import { parsePositiveInt, splitLocation } from '../stackTraces/lines';
import { levelFromSeverityNumber, normaliseLevel } from './levels';
import { expandOtlpLogs } from './otlpJson';
import { RecordFields, Slot } from './recordFields';
import { parseTimestamp } from './timestamps';

export { normaliseLevel } from './levels';
export { parseTimestamp } from './timestamps';

/**
 * Turns one parsed JSON value into events: a log record of any library in the table of
 * `recordFields.ts` gives one, an OTLP/JSON export request (`resourceLogs`) gives one per
 * log record, anything else none.
 */
export function eventsFromJsonValue(value: unknown, source: string, now: () => number = Date.now): ProdEvent[] {
  if (!isObject(value)) return [];
  if (Array.isArray(value.resourceLogs)) {
    return expandOtlpLogs(value.resourceLogs).flatMap((record) => eventFromJsonRecord(record, source, now) ?? []);
  }
  const event = eventFromJsonRecord(value, source, now);
  return event ? [event] : [];
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
  const level = normaliseLevel(fields.get(Slot.Level)) ?? levelFromSeverityNumber(fields.get(Slot.SeverityNumber));
  const exception = exceptionOf(fields);
  const message = text(fields.get(Slot.Message)) ?? exception?.message;
  if (message === undefined && level === undefined && exception === undefined) return undefined;

  const event: ProdEvent = { timestamp: parseTimestamp(fields.get(Slot.Time)) ?? now(), message: message ?? '', source };
  if (level) event.level = level;
  if (exception) event.exception = exception;
  const code = codeLocationOf(fields);
  if (code) event.code = code;
  assignText(event, 'logger', fields.get(Slot.Logger));
  assignText(event, 'service', fields.get(Slot.Service));
  // GELF's `version` is the GELF spec version, not the service's.
  if (!('short_message' in record && record.version === fields.get(Slot.Version))) assignText(event, 'version', fields.get(Slot.Version));
  assignText(event, 'revision', fields.get(Slot.Revision));
  assignText(event, 'environment', fields.get(Slot.Environment));
  return event;
}

function exceptionOf(fields: RecordFields): ProdEvent['exception'] {
  const type = text(fields.get(Slot.ErrorType));
  const message = text(fields.get(Slot.ErrorMessage));
  const stacktrace = text(fields.get(Slot.ErrorStack));
  if (type === undefined && message === undefined && stacktrace === undefined) return undefined;
  const exception: NonNullable<ProdEvent['exception']> = {};
  if (type !== undefined) exception.type = type;
  if (message !== undefined) exception.message = message;
  if (stacktrace !== undefined) exception.stacktrace = stacktrace;
  return exception;
}

/** Where the record was logged: OTel `code.*`, ECS `log.origin.*`, logstash `caller_*`, Python, bunyan `src`, zap/logrus callers. */
function codeLocationOf(fields: RecordFields): CodeLocation | undefined {
  let filepath = text(fields.get(Slot.File));
  let lineno = lineNumber(fields.get(Slot.Line));
  if (filepath === undefined) {
    const caller = text(fields.get(Slot.Caller));
    if (caller === undefined) return undefined;
    const location = splitLocation(unwrapCallSite(caller));
    filepath = location.file;
    lineno ??= location.line;
  }
  const namespace = text(fields.get(Slot.Namespace));
  const location: CodeLocation = { filepath: jvmPackagePath(filepath, namespace) };
  if (lineno !== undefined) location.lineno = lineno;
  const fn = text(fields.get(Slot.Function));
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
