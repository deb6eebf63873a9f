import type { ProdEvent } from '../events';
import { addEventsFromJsonValue, eventFromJsonRecord, eventsFromJsonValue } from './jsonRecord';
import { criLine, dockerJsonLine, type ContainerLine } from './containerLines';
import { parseLogfmt } from './logfmt';
import {
  errorHeaderIn,
  holdsStackTrace,
  isBlank,
  isIndented,
  isPythonChainLink,
  standaloneStart,
  startsWithFrame,
  stripJvmThreadPrefix,
  type StandaloneStart,
} from './stackLines';
import { parseTextHeader, type TextHeader } from './textHeader';

export interface ParsedLog {
  events: ProdEvent[];
  /** Lines that were neither empty nor part of a record we understand. */
  skipped: number;
}

export interface LogStreamParserOptions {
  /** Clock for records whose text carries no date (time-of-day layouts, uncaught errors). */
  now?: () => number;
  /** Continuation lines kept per record; more are dropped (a goroutine dump can be huge). */
  maxRecordLines?: number;
  /** Characters kept per record's continuation. */
  maxRecordChars?: number;
}

/** A text record whose continuation lines may still arrive. */
interface PendingRecord {
  kind: 'header' | StandaloneStart;
  first: string;
  /** When the record began: its container line's time, or the clock's. */
  at: number;
  header?: TextHeader;
  lines: string[];
  chars: number;
}

const DEFAULT_MAX_RECORD_LINES = 5000;
const DEFAULT_MAX_RECORD_CHARS = 1 << 20;
/** A container runtime's pieces of one long line are joined up to this length. */
const MAX_PARTIAL_CHARS = 1 << 20;

/**
 * Parses a log a chunk of complete lines at a time. JSON lines (NDJSON from any library the
 * field table knows, OTLP/JSON) and logfmt lines are records by themselves; a plain-text
 * record is its header line plus the lines that follow it (a stack trace, more message),
 * so it stays pending until the next record starts or `flush()` is called: its stack may
 * arrive with a later chunk. Unknown lines are counted and skipped; every step is linear
 * in the line's length.
 */
export class LogStreamParser {
  private pending: PendingRecord | undefined;
  private readonly now: () => number;
  private readonly maxRecordLines: number;
  private readonly maxRecordChars: number;
  /** The time of the container line being unwrapped, which dates records that carry no time. */
  private lineTime: number | undefined;
  private unwrapping = false;
  /** A container runtime's pieces of a long line, until its last piece arrives. */
  private partialLine = '';
  private readonly clock = (): number => this.lineTime ?? this.now();

  constructor(
    private readonly source: string,
    options: LogStreamParserOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxRecordLines = options.maxRecordLines ?? DEFAULT_MAX_RECORD_LINES;
    this.maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  /** Whether a text record is waiting for possible continuation lines. */
  get hasPending(): boolean {
    return this.pending !== undefined;
  }

  /** Parses complete lines (a last line without its newline counts as complete); `\n` or `\r\n` end a line. */
  push(text: string): ParsedLog {
    const out: ParsedLog = { events: [], skipped: 0 };
    // String#split rather than a character loop: splitting is most of NDJSON's cost after JSON.parse.
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) this.line(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line, out);
    return out;
  }

  /** Ends the pending record, if any: no continuation is coming (end of input, or the file went quiet). */
  flush(): ParsedLog {
    const out: ParsedLog = { events: [], skipped: 0 };
    this.closePending(out);
    return out;
  }

  private line(line: string, out: ParsedLog): void {
    if (isBlank(line)) {
      if (this.pending) this.append(line);
      return;
    }
    if (isIndented(line)) return this.continuation(line, out);
    const first = line.charCodeAt(0);
    if (first === 123 /* { */ && this.json(line, out)) return;
    if (first >= 48 && first <= 57 && !this.unwrapping) {
      const cri = criLine(line);
      if (cri) return this.containerLine(cri, out);
    }
    const start = standaloneStart(line);
    if (start) return this.standalone(start, line, out);
    const header = parseTextHeader(line, this.clock);
    if (header) {
      this.closePending(out);
      this.pending = { kind: 'header', first: line, at: this.clock(), header, lines: [], chars: 0 };
      return;
    }
    if (this.logfmt(line, out)) return;
    this.continuation(line, out);
  }

  private json(line: string, out: ParsedLog): boolean {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return false;
    }
    if (!this.unwrapping) {
      const docker = dockerJsonLine(value);
      if (docker) {
        this.containerLine(docker, out);
        return true;
      }
    }
    // A pending text record precedes this line's events: close it first when there may be one.
    if (this.pending) {
      const events = eventsFromJsonValue(value, this.source, this.clock);
      if (events.length === 0) return false;
      this.closePending(out);
      for (const event of events) out.events.push(event);
      return true;
    }
    return addEventsFromJsonValue(value, this.source, this.clock, out.events) > 0;
  }

  private logfmt(line: string, out: ParsedLog): boolean {
    const pairs = parseLogfmt(line);
    const event = pairs && eventFromJsonRecord(pairs, this.source, this.clock);
    if (!event) return false;
    this.closePending(out);
    out.events.push(event);
    return true;
  }

  /** The line inside a container runtime's wrapping, parsed like any other, dated by the runtime when it has no time. */
  private containerLine(wrapped: ContainerLine, out: ParsedLog): void {
    if (wrapped.partial) {
      if (this.partialLine.length + wrapped.text.length <= MAX_PARTIAL_CHARS) this.partialLine += wrapped.text;
      return;
    }
    const text = this.partialLine + wrapped.text;
    this.partialLine = '';
    this.lineTime = wrapped.time;
    this.unwrapping = true;
    try {
      this.line(text, out);
    } finally {
      this.lineTime = undefined;
      this.unwrapping = false;
    }
  }

  private standalone(start: StandaloneStart, line: string, out: ParsedLog): void {
    // `logger.exception()` prints its traceback right under the log line, and a chained
    // Python exception prints a second traceback after "The above exception…": both continue.
    if (start === 'pythonTraceback' && this.pending && this.tracebackContinues(this.pending)) return this.append(line);
    this.closePending(out);
    this.pending = { kind: start, first: line, at: this.clock(), lines: [], chars: 0 };
  }

  private tracebackContinues(pending: PendingRecord): boolean {
    if (pending.kind === 'header' && !holdsStackTrace(pending.lines)) return true;
    const last = lastNonBlank(pending.lines);
    return last !== undefined && isPythonChainLink(last);
  }

  private continuation(line: string, out: ParsedLog): void {
    if (this.pending) this.append(line);
    else out.skipped++;
  }

  private append(line: string): void {
    const pending = this.pending!;
    if (pending.lines.length >= this.maxRecordLines || pending.chars + line.length > this.maxRecordChars) return;
    pending.lines.push(line);
    pending.chars += line.length + 1;
  }

  private closePending(out: ParsedLog): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    while (pending.lines.length > 0 && isBlank(pending.lines[pending.lines.length - 1]!)) pending.lines.pop();
    out.events.push(pending.kind === 'header' ? this.headerEvent(pending) : this.crashEvent(pending));
  }

  private headerEvent(pending: PendingRecord): ProdEvent {
    const header = pending.header!;
    const event: ProdEvent = { timestamp: header.timestamp ?? pending.at, message: header.message, source: this.source };
    if (header.level) event.level = header.level;
    if (header.logger) event.logger = header.logger;
    const lines = pending.lines;
    if (lines.length === 0) return event;
    if (!holdsStackTrace(lines)) {
      event.message = [header.message, ...lines].join('\n');
      return event;
    }
    const lostHeader = startsWithFrame(lines) ? errorHeaderIn(header.message) : undefined;
    event.exception = { stacktrace: (lostHeader !== undefined ? lostHeader + '\n' : '') + lines.join('\n') };
    return event;
  }

  /** An uncaught error a runtime printed by itself: fatal, with the whole text as its stack. */
  private crashEvent(pending: PendingRecord): ProdEvent {
    const all = [pending.first, ...pending.lines];
    let message = pending.first;
    let stack = all;
    if (pending.kind === 'pythonTraceback') message = lastNonBlank(all.filter((l) => !isIndented(l))) ?? message;
    if (pending.kind === 'jvmUncaught') stack = [stripJvmThreadPrefix(pending.first), ...pending.lines];
    if (pending.kind === 'nodeCrash') ({ message, stack } = nodeCrashParts(pending));
    return { timestamp: pending.at, level: 'fatal', message, source: this.source, exception: { stacktrace: stack.join('\n') } };
  }
}

/** Node's crash text: location, source line, caret, blank, then the error's own stack, then `Node.js vX`. */
function nodeCrashParts(pending: PendingRecord): { message: string; stack: string[] } {
  const lines = pending.lines;
  const blank = lines.findIndex(isBlank);
  let start = blank + 1;
  while (start < lines.length && isBlank(lines[start]!)) start++;
  if (blank < 0 || start >= lines.length) return { message: pending.first, stack: [pending.first, ...lines] };
  let end = lines.length;
  while (end > start && (isBlank(lines[end - 1]!) || lines[end - 1]!.startsWith('Node.js v'))) end--;
  return { message: lines[start]!, stack: lines.slice(start, end) };
}

function lastNonBlank(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) if (!isBlank(lines[i]!)) return lines[i];
  return undefined;
}
