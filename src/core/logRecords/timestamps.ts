/**
 * Timestamps as log libraries write them, read by hand-written scanners (no regex), so the
 * cost is bounded by the timestamp's own length whatever follows it. A time without a zone
 * is read as UTC: the writer's zone is unknown, and UTC is what servers mostly run in.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MS = 86_400_000;

/** What a scan found at the start of a text: a full date-time, or only a time of day. */
export interface ScannedTime {
  /** Milliseconds since the epoch, when the text carries a date. */
  ms?: number;
  /** Milliseconds since midnight, when it carries only a time (logback's `HH:mm:ss.SSS`) or no year (syslog). */
  timeOfDayMs?: number;
  /** Month (0-based) and day of a syslog date, which has no year. */
  syslogDate?: { month: number; day: number };
  /** Index just past the timestamp. */
  end: number;
}

/** Epoch seconds, milliseconds, microseconds or nanoseconds (number or digit string), or a date-time string → ms. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return fromEpochNumber(value);
  if (typeof value !== 'string' || value === '' || value.length > 64) return undefined;
  const utc = parseIsoUtc(value);
  if (utc !== undefined) return utc;
  if (isDigits(value, 0, value.length)) return fromEpochDigits(value);
  const scanned = scanDateTime(value, 0);
  if (scanned?.ms !== undefined && scanned.end === value.length) return scanned.ms;
  const asNumber = Number(value);
  if (Number.isFinite(asNumber)) return fromEpochNumber(asNumber);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * The commonest form, `2026-01-15T10:00:01.250Z` (any fraction length), read without
 * allocating: it is the time field of most NDJSON lines. Undefined for any other form.
 */
function parseIsoUtc(v: string): number | undefined {
  const n = v.length;
  if (n < 20 || v.charCodeAt(n - 1) !== 90 /* Z */ || v.charCodeAt(10) !== 84 /* T */) return undefined;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return undefined;
  const year = digitsAt(v, 0, 4);
  const month = digitsAt(v, 5, 2);
  const day = digitsAt(v, 8, 2);
  const hours = digitsAt(v, 11, 2);
  const minutes = digitsAt(v, 14, 2);
  const seconds = digitsAt(v, 17, 2);
  if (year === undefined || month === undefined || day === undefined || hours === undefined || minutes === undefined || seconds === undefined) return undefined;
  let ms = 0;
  if (n > 20) {
    if (v.charCodeAt(19) !== 46 /* . */ || n === 21) return undefined;
    // Milliseconds from the first three digits; finer digits are truncated, as Date.parse does.
    for (let i = 20, scale = 100; i < n - 1; i++, scale = scale >= 10 ? scale / 10 : 0) {
      const c = v.charCodeAt(i);
      if (!isDigit(c)) return undefined;
      ms += (c - 48) * scale;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
  return Date.UTC(year, month - 1, day, hours, minutes, seconds) + ms;
}

function fromEpochNumber(value: number): number | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  if (value > 1e17) return Math.round(value / 1e6);
  if (value > 1e14) return Math.round(value / 1e3);
  if (value > 1e11) return Math.round(value);
  return Math.round(value * 1000);
}

/** Long digit strings (OTLP's `timeUnixNano`) lose precision as numbers: cut them to milliseconds first. */
function fromEpochDigits(digits: string): number | undefined {
  if (digits.length >= 18) return Number(digits.slice(0, digits.length - 6));
  if (digits.length >= 15) return Number(digits.slice(0, digits.length - 3));
  return fromEpochNumber(Number(digits));
}

/**
 * Scans a timestamp at `start`: `2026-01-15T10:00:01.250Z`, `2026-01-15 10:00:01,250`,
 * `2026/01/15 10:00:01`, `+01:00`/`+0100` zones, a bare `HH:mm:ss.SSS`, or syslog's `Jan 15 10:00:01`.
 */
export function scanDateTime(text: string, start: number): ScannedTime | undefined {
  const c = text.charCodeAt(start);
  if (c >= 48 && c <= 57) {
    return text.charCodeAt(start + 2) === 58 ? scanTimeOnly(text, start) : scanIsoLike(text, start);
  }
  return scanSyslogDate(text, start);
}

function scanIsoLike(text: string, start: number): ScannedTime | undefined {
  const year = digitsAt(text, start, 4);
  const sep = text.charCodeAt(start + 4);
  if (year === undefined || (sep !== 45 /* - */ && sep !== 47 /* / */) || text.charCodeAt(start + 7) !== sep) return undefined;
  const month = digitsAt(text, start + 5, 2);
  const day = digitsAt(text, start + 8, 2);
  if (month === undefined || day === undefined || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const dateMs = Date.UTC(year, month - 1, day);
  const t = text.charCodeAt(start + 10);
  if (t !== 84 /* T */ && t !== 32) return { ms: dateMs, end: start + 10 };
  const time = scanClock(text, start + 11);
  if (!time) return { ms: dateMs, end: start + 10 };
  const zone = scanZone(text, time.end);
  return { ms: dateMs + time.ms - zone.offsetMs, end: zone.end };
}

function scanTimeOnly(text: string, start: number): ScannedTime | undefined {
  const time = scanClock(text, start);
  // Without a date, seconds are required: `12:00 is noon` is prose.
  if (!time || time.end - start < 8) return undefined;
  const zone = scanZone(text, time.end);
  return { timeOfDayMs: time.ms - zone.offsetMs, end: zone.end };
}

/** `HH:mm[:ss[.,fraction]]` → ms since midnight. */
function scanClock(text: string, start: number): { ms: number; end: number } | undefined {
  const hours = digitsAt(text, start, 2);
  const minutes = text.charCodeAt(start + 2) === 58 /* : */ ? digitsAt(text, start + 3, 2) : undefined;
  if (hours === undefined || minutes === undefined || hours > 23 || minutes > 59) return undefined;
  let ms = (hours * 60 + minutes) * 60_000;
  let end = start + 5;
  const seconds = text.charCodeAt(end) === 58 ? digitsAt(text, end + 1, 2) : undefined;
  if (seconds === undefined || seconds > 60) return { ms, end };
  ms += seconds * 1000;
  end += 3;
  const mark = text.charCodeAt(end);
  if (mark === 46 /* . */ || mark === 44 /* , */) {
    let i = end + 1;
    let scale = 100;
    while (i < text.length && i - end <= 9 && isDigit(text.charCodeAt(i))) {
      ms += (text.charCodeAt(i) - 48) * scale;
      scale /= 10;
      i++;
    }
    if (i > end + 1) end = i;
  }
  return { ms: Math.round(ms), end };
}

/** `Z`, `+01:00`, `-0530`, `+01` (or nothing: UTC). */
function scanZone(text: string, start: number): { offsetMs: number; end: number } {
  const c = text[start];
  if (c === 'Z' || c === 'z') return { offsetMs: 0, end: start + 1 };
  if (c !== '+' && c !== '-') return { offsetMs: 0, end: start };
  const hours = digitsAt(text, start + 1, 2);
  if (hours === undefined || hours > 14) return { offsetMs: 0, end: start };
  let end = start + 3;
  let minutes = 0;
  const colon = text[end] === ':' ? 1 : 0;
  const mm = digitsAt(text, end + colon, 2);
  if (mm !== undefined && mm < 60) {
    minutes = mm;
    end += colon + 2;
  }
  const sign = c === '-' ? -1 : 1;
  return { offsetMs: sign * (hours * 60 + minutes) * 60_000, end };
}

/** `Jan 15 10:00:01` / `Jan  5 10:00:01` (BSD syslog): the year is left for the caller to supply. */
function scanSyslogDate(text: string, start: number): ScannedTime | undefined {
  const month = MONTHS.indexOf(text.slice(start, start + 3).toLowerCase());
  if (month < 0 || text[start + 3] !== ' ') return undefined;
  let i = start + 4;
  if (text[i] === ' ') i++;
  const width = text.charCodeAt(i + 1) === 32 ? 1 : 2;
  const day = digitsAt(text, i, width);
  if (day === undefined || day < 1 || day > 31) return undefined;
  i += width;
  if (text[i] !== ' ') return undefined;
  const time = scanClock(text, i + 1);
  if (!time) return undefined;
  return { timeOfDayMs: time.ms, syslogDate: { month, day }, end: time.end };
}

/**
 * Completes a scanned time that lacks its date (time of day) or its year (syslog) with
 * the nearest past moment consistent with `now`.
 */
export function completeTime(scanned: ScannedTime, now: number): number | undefined {
  if (scanned.syslogDate) {
    const year = new Date(now).getUTCFullYear();
    const { month, day } = scanned.syslogDate;
    const candidate = Date.UTC(year, month, day) + (scanned.timeOfDayMs ?? 0);
    return candidate > now + DAY_MS ? Date.UTC(year - 1, month, day) + (scanned.timeOfDayMs ?? 0) : candidate;
  }
  if (scanned.ms !== undefined) return scanned.ms;
  if (scanned.timeOfDayMs === undefined) return undefined;
  const candidate = Math.floor(now / DAY_MS) * DAY_MS + scanned.timeOfDayMs;
  return candidate > now + 3_600_000 ? candidate - DAY_MS : candidate;
}

function digitsAt(text: string, start: number, count: number): number | undefined {
  if (start + count > text.length) return undefined;
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return undefined;
    n = n * 10 + (c - 48);
  }
  return n;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isDigits(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}
