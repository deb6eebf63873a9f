import type { Level } from '../events';

const LEVEL_WORDS: Record<string, Level> = {
  trace: 'trace',
  finest: 'trace',
  finer: 'trace',
  silly: 'trace',
  debug: 'debug',
  fine: 'debug',
  verbose: 'debug',
  info: 'info',
  information: 'info',
  notice: 'info',
  config: 'info',
  http: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  eror: 'error',
  severe: 'error',
  dpanic: 'error',
  critical: 'fatal',
  crit: 'fatal',
  fatal: 'fatal',
  panic: 'fatal',
  emergency: 'fatal',
  emerg: 'fatal',
  alert: 'fatal',
};

/** The spellings libraries write (`info`, `INFO`, `Info`), found without lower-casing each record's level. */
const LEVEL_BY_SPELLING = new Map<string, Level>(
  Object.entries(LEVEL_WORDS).flatMap(([word, level]) => [
    [word, level],
    [word.toUpperCase(), level],
    [word[0]!.toUpperCase() + word.slice(1), level],
  ]),
);

/** Syslog severities 0 (emergency) … 7 (debug), as GELF and RFC 5424 carry them. */
const SYSLOG_LEVELS: readonly Level[] = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug'];

/** pino and bunyan numeric levels, highest first. */
const NUMERIC_LEVELS: readonly [number, Level][] = [
  [60, 'fatal'],
  [50, 'error'],
  [40, 'warn'],
  [30, 'info'],
  [20, 'debug'],
  [10, 'trace'],
];

/**
 * A level word in any case (`ERROR`, `Warning`, `dpanic`, `SEVERE`), a pino/bunyan number
 * (10 … 60) or a syslog severity (0 … 7), also as a numeric string.
 */
export function normaliseLevel(value: unknown): Level | undefined {
  if (typeof value === 'number') return levelFromNumber(value);
  if (typeof value !== 'string' || value.length === 0 || value.length > 16) return undefined;
  // A Map, not LEVEL_WORDS[…]: a level such as `constructor` or `__proto__` would read Object.prototype.
  const word = LEVEL_BY_SPELLING.get(value) ?? LEVEL_BY_SPELLING.get(value.toLowerCase());
  if (word) return word;
  const code = value.charCodeAt(0);
  return code >= 48 && code <= 57 ? levelFromNumber(Number(value)) : undefined;
}

function levelFromNumber(value: number): Level | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  if (value < 8 && Number.isInteger(value)) return SYSLOG_LEVELS[value];
  for (const [threshold, level] of NUMERIC_LEVELS) if (value >= threshold) return level;
  return 'trace';
}

/** OpenTelemetry `SeverityNumber`: 1–4 trace, 5–8 debug, 9–12 info, 13–16 warn, 17–20 error, 21–24 fatal. */
export function levelFromSeverityNumber(value: unknown): Level | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 24) return undefined;
  const levels: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
  return levels[Math.floor((n - 1) / 4)];
}

/** Words that name a level in a text line; ordinary words such as `http` or `config` are left out. */
const TEXT_LEVEL_WORDS = new Set(['trace', 'debug', 'verbose', 'info', 'information', 'notice', 'warn', 'warning', 'error', 'severe', 'critical', 'crit', 'fatal', 'emerg', 'emergency', 'dpanic', 'panic']);

/** A level word as it appears in a text log line (`ERROR`, `Warning`, `crit`), case-insensitively. */
export function levelFromWord(word: string): Level | undefined {
  if (word.length < 4 || word.length > 11) return undefined;
  const lower = word.toLowerCase();
  return TEXT_LEVEL_WORDS.has(lower) ? LEVEL_WORDS[lower] : undefined;
}
