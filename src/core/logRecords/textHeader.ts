import type { Level } from '../events';
import { levelFromWord } from './levels';
import { completeTime, scanDateTime } from './timestamps';

/** The first line of a plain-text log record, as a pattern layout printed it. */
export interface TextHeader {
  timestamp?: number;
  level?: Level;
  logger?: string;
  message: string;
}

/** Only this much of a line is searched for its prefix: a 1 MB line costs no more than a short one. */
const PREFIX_WINDOW = 256;
const MAX_PREFIX_TOKENS = 6;
const SYSLOG_LEVELS: readonly Level[] = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug'];

/**
 * Recognises the line prefixes of common text layouts, left to right without regexes:
 * an optional syslog `<PRI>`, a timestamp (ISO, `2026/01/15 …`, time of day, syslog date;
 * optionally in brackets), then a level word among the next few tokens (`[ERROR]`, `WARN`,
 * `warning:`), skipping threads `[main]`, pids and `-` separators; Python's default
 * `LEVEL:logger:message` too. A line with neither a timestamp nor a level is no header.
 */
export function parseTextHeader(line: string, now: () => number): TextHeader | undefined {
  let i = 0;
  let level: Level | undefined;
  if (line.charCodeAt(0) === 60 /* < */) {
    const pri = syslogPriority(line);
    if (pri) {
      level = SYSLOG_LEVELS[pri.value % 8];
      i = pri.end;
    }
  }
  const time = scanTimestampAt(line, i, now);
  if (time) i = time.end;
  else if (level === undefined) return pythonDefaultHeader(line) ?? levelOnlyHeader(line);

  const found = findLevel(line, i, time !== undefined);
  const header: TextHeader = found ? { ...afterLevel(line, found.end), level: found.level } : { message: stripSeparators(line, i) };
  if (level && !header.level) header.level = level;
  if (time?.ms !== undefined) header.timestamp = time.ms;
  return header;
}

function scanTimestampAt(line: string, start: number, now: () => number): { ms: number | undefined; end: number } | undefined {
  let i = start;
  while (line.charCodeAt(i) === 32) i++;
  const bracketed = line.charCodeAt(i) === 91; /* [ */
  const scanned = scanDateTime(line, bracketed ? i + 1 : i);
  if (!scanned) return undefined;
  let end = scanned.end;
  if (bracketed) {
    if (line.charCodeAt(end) !== 93 /* ] */) return undefined;
    end++;
  }
  // A timestamp ends at a space (or the line's end): `12:00:01abc` is no prefix.
  const next = line.charCodeAt(end);
  if (end < line.length && next !== 32 && next !== 9) return undefined;
  return { ms: completeTime(scanned, now()), end };
}

/** `<34>` (RFC 3164/5424 priority), then RFC 5424's version `1 `. */
function syslogPriority(line: string): { value: number; end: number } | undefined {
  let value = 0;
  let i = 1;
  for (; i < 5 && i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 62 /* > */) break;
    if (c < 48 || c > 57) return undefined;
    value = value * 10 + (c - 48);
  }
  if (i === 1 || line.charCodeAt(i) !== 62 || value > 191) return undefined;
  let end = i + 1;
  if (line.charCodeAt(end) === 49 && line.charCodeAt(end + 1) === 32) end += 2;
  return { value, end };
}

interface Token {
  start: number;
  end: number;
}

function* tokens(line: string, from: number): Generator<Token> {
  const limit = Math.min(line.length, from + PREFIX_WINDOW);
  let i = from;
  for (let count = 0; count < MAX_PREFIX_TOKENS; count++) {
    while (i < limit && isSpace(line.charCodeAt(i))) i++;
    if (i >= limit) return;
    const start = i;
    while (i < limit && !isSpace(line.charCodeAt(i))) i++;
    yield { start, end: i };
  }
}

/** The level among the tokens after the timestamp; a level word may follow bracketed, numeric or punctuation tokens and at most one plain word. */
function findLevel(line: string, from: number, timed: boolean): { level: Level; end: number } | undefined {
  let plainWords = 0;
  for (const token of tokens(line, from)) {
    const word = tokenCore(line, token);
    const level = levelFromWord(word);
    if (level && (timed || isUpperCase(word))) return { level, end: token.end };
    if (isPrefixNoise(line, token)) continue;
    if (++plainWords > 1) return undefined;
  }
  return undefined;
}

/** `[ERROR]`, `<warn>`, `ERROR:`, `(info)` → the word inside. */
function tokenCore(line: string, token: Token): string {
  let start = token.start;
  let end = token.end;
  while (start < end && isOpener(line.charCodeAt(start))) start++;
  while (end > start && isCloser(line.charCodeAt(end - 1))) end--;
  return end - start > 11 ? '' : line.slice(start, end);
}

/** Tokens a layout puts before its level: `[main]`, pids, `-`, `---`, `|`, a syslog tag `sshd[77]:`. */
function isPrefixNoise(line: string, token: Token): boolean {
  const first = line.charCodeAt(token.start);
  const last = line.charCodeAt(token.end - 1);
  if (first === 91 && last === 93) return true;
  if (first === 40 && last === 41) return true;
  if (last === 58 && line.charCodeAt(token.end - 2) === 93) return true;
  for (let i = token.start; i < token.end; i++) {
    const c = line.charCodeAt(i);
    if (!(c >= 48 && c <= 57) && c !== 45 && c !== 124) return false;
  }
  return true;
}

/** After the level: an optional `[logger]` or `pid --- [thread]`, then `logger - ` or `logger : `, then the message. */
function afterLevel(line: string, from: number): { logger?: string; message: string } {
  let logger: string | undefined;
  let i = from;
  for (const token of tokens(line, from)) {
    const first = line.charCodeAt(token.start);
    if (first === 91 /* [ */ && line.charCodeAt(token.end - 1) === 93) {
      if (logger === undefined) logger = line.slice(token.start + 1, token.end - 1);
      i = token.end;
      continue;
    }
    if (isPrefixNoise(line, token)) {
      i = token.end;
      continue;
    }
    const sep = line.slice(token.end, token.end + 3);
    if (sep === ' - ' || sep === ' : ') {
      logger = line.slice(token.start, token.end);
      i = token.end + 3;
    } else if (line.charCodeAt(token.end - 1) === 58 /* : */ && looksLikeLoggerName(line.slice(token.start, token.end - 1))) {
      logger = line.slice(token.start, token.end - 1);
      i = token.end;
    }
    break;
  }
  const header: { logger?: string; message: string } = { message: stripSeparators(line, i) };
  if (logger) header.logger = logger;
  return header;
}

/** Python's `logging.basicConfig` default: `ERROR:payments.api:charge failed`. */
function pythonDefaultHeader(line: string): TextHeader | undefined {
  const colon = line.indexOf(':');
  if (colon < 4 || colon > 8) return undefined;
  const word = line.slice(0, colon);
  const level = isUpperCase(word) ? levelFromWord(word) : undefined;
  if (!level) return undefined;
  const second = line.indexOf(':', colon + 1);
  if (second < 0 || !isLoggerName(line, colon + 1, second)) return { level, message: line.slice(colon + 1) };
  return { level, logger: line.slice(colon + 1, second), message: line.slice(second + 1) };
}

/** `[ERROR] message` or `WARN message` at the very start of a line (upper case unless bracketed). */
function levelOnlyHeader(line: string): TextHeader | undefined {
  for (const token of tokens(line, 0)) {
    if (token.start !== 0) return undefined;
    const word = tokenCore(line, token);
    const bracketed = line.charCodeAt(0) === 91 || line.charCodeAt(0) === 60;
    const level = bracketed || isUpperCase(word) ? levelFromWord(word) : undefined;
    return level ? { level, ...afterLevel(line, token.end) } : undefined;
  }
  return undefined;
}

function isLoggerName(line: string, start: number, end: number): boolean {
  if (end <= start || end - start > 200) return false;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (isSpace(c) || c === 58) return false;
  }
  return true;
}

/** `payments.api:` or `payments:` names a logger; `Failed:` is the message's first word. */
function looksLikeLoggerName(word: string): boolean {
  return word.length > 0 && isLoggerName(word, 0, word.length) && (word.includes('.') || word === word.toLowerCase());
}

function stripSeparators(line: string, from: number): string {
  let i = from;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (isSpace(c) || ((c === 45 || c === 58 || c === 124) && isSpace(line.charCodeAt(i + 1)))) i++;
    else break;
  }
  return line.slice(i);
}

function isUpperCase(word: string): boolean {
  return word.length > 0 && word === word.toUpperCase();
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function isOpener(c: number): boolean {
  return c === 91 || c === 60 || c === 40;
}

function isCloser(c: number): boolean {
  return c === 93 || c === 62 || c === 41 || c === 58 || c === 44 || c === 124;
}
