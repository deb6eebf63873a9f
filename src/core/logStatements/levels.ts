import type { Level } from '../events';

/** Method (or level argument) words and the level they log at, across the supported libraries. */
const LEVEL_WORDS: Record<string, Level> = {
  trace: 'trace',
  verbose: 'trace',
  finest: 'trace',
  finer: 'trace',
  debug: 'debug',
  fine: 'debug',
  config: 'debug',
  info: 'info',
  information: 'info',
  notice: 'info',
  print: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  severe: 'error',
  exception: 'error',
  fatal: 'fatal',
  critical: 'fatal',
  panic: 'fatal',
  alert: 'fatal',
  emergency: 'fatal',
  dpanic: 'fatal',
  unknown: 'fatal',
};

/** Go's `Infof`/`Infow`/`Infoln`/`Printf` suffixes. */
const GO_SUFFIXES = ['ln', 'f', 'w'];

export type MethodLevel = { level: Level } | { dynamic: true };

/**
 * The level a logging method writes at: `warn`, `Warnf`, `LogWarning`, `warning`,
 * `severe`…; `log` takes its level from an argument. Undefined: not a logging method.
 */
export function levelOfMethod(method: string): MethodLevel | undefined {
  let name = method;
  if (name.length > 3 && name.startsWith('Log') && name[3]! >= 'A' && name[3]! <= 'Z') name = name.slice(3);
  const lower = name.toLowerCase();
  if (lower === 'log') return { dynamic: true };
  const direct = levelWord(lower);
  if (direct) return { level: direct };
  for (const suffix of GO_SUFFIXES) {
    if (!lower.endsWith(suffix)) continue;
    const level = levelWord(lower.slice(0, -suffix.length));
    if (level) return { level };
  }
  return undefined;
}

/** The level a `log(level, …)` argument names: `logging.WARNING`, `Level.SEVERE`, `LogLevel::ERROR`, `'warn'`. */
export function levelFromArgumentText(text: string): Level | undefined {
  let end = text.length;
  while (end > 0 && !isWordChar(text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  return levelWord(text.slice(start, end).toLowerCase());
}

/** Own keys only: a method named `constructor` or `toString` would read Object.prototype. */
function levelWord(lower: string): Level | undefined {
  return Object.hasOwn(LEVEL_WORDS, lower) ? LEVEL_WORDS[lower] : undefined;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
