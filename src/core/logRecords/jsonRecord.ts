import type { Level, ProdEvent } from '../events';

/** pino and bunyan numeric levels. */
const NUMERIC_LEVELS: [number, Level][] = [
  [60, 'fatal'],
  [50, 'error'],
  [40, 'warn'],
  [30, 'info'],
  [20, 'debug'],
  [10, 'trace'],
];

const LEVEL_WORDS: Record<string, Level> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  information: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  critical: 'fatal',
  crit: 'fatal',
  fatal: 'fatal',
  panic: 'fatal',
  emergency: 'fatal',
  alert: 'fatal',
};

export function normaliseLevel(value: unknown): Level | undefined {
  if (typeof value === 'number') {
    for (const [threshold, level] of NUMERIC_LEVELS) if (value >= threshold) return level;
    return 'trace';
  }
  if (typeof value === 'string') return LEVEL_WORDS[value.toLowerCase()];
  return undefined;
}

/**
 * Turns one parsed JSON log record into an event. Reads pino/bunyan fields
 * (`time`, numeric `level`, `msg`, `err.stack`) and OpenTelemetry attribute names.
 * Returns undefined for a value that is not a log record.
 */
export function eventFromJsonRecord(record: unknown, source: string): ProdEvent | undefined {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  const r = record as Record<string, unknown>;
  const message = firstString(r.msg, r.message, r.body) ?? '';
  const timestamp = parseTimestamp(r.time ?? r.timestamp ?? r['@timestamp'] ?? r.ts);
  const event: ProdEvent = { timestamp: timestamp ?? Date.now(), message, source };
  const level = normaliseLevel(r.level ?? r.severity ?? r.severity_text);
  if (level) event.level = level;
  const service = firstString(r['service.name'], r.service, r.name);
  if (service) event.service = service;
  const version = firstString(r['service.version'], r.version, r.release);
  if (version) event.version = version;
  const revision = firstString(r['vcs.ref.head.revision'], r['git.commit']);
  if (revision) event.revision = revision;
  const environment = firstString(r['deployment.environment.name'], r['deployment.environment'], r.env);
  if (environment) event.environment = environment;

  const err = (r.err ?? r.error) as Record<string, unknown> | string | undefined;
  const stack = firstString(r['exception.stacktrace'], typeof err === 'object' && err ? err.stack : undefined, r.stack);
  if (stack) {
    event.exception = { stacktrace: stack };
    const type = firstString(r['exception.type'], typeof err === 'object' && err ? err.type : undefined);
    const msg = firstString(r['exception.message'], typeof err === 'object' && err ? err.message : undefined);
    if (type) event.exception.type = type;
    if (msg) event.exception.message = msg;
  }
  const filepath = firstString(r['code.file.path'], r['code.filepath']);
  if (filepath) {
    const lineno = Number(r['code.line.number'] ?? r['code.lineno']);
    event.code = { filepath };
    if (Number.isInteger(lineno) && lineno > 0) event.code.lineno = lineno;
    const fn = firstString(r['code.function.name'], r['code.function']);
    if (fn) event.code.function = fn;
  }
  return event;
}

/** Epoch seconds, milliseconds or nanoseconds, or an ISO 8601 string → milliseconds. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (value > 1e17) return Math.floor(value / 1e6); // nanoseconds
    if (value > 1e14) return Math.floor(value / 1e3); // microseconds
    if (value > 1e11) return value; // milliseconds
    return Math.round(value * 1000); // seconds
  }
  if (typeof value === 'string' && value !== '') {
    const asNumber = Number(value);
    if (Number.isFinite(asNumber)) return parseTimestamp(asNumber);
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v !== '') return v;
  return undefined;
}
