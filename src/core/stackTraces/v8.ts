import type { ExceptionInfo, ParsedStackTrace, StackFrame } from '../events';
import { headerFromLines, splitTypeAndMessage, startsWithTypeName, stripPrefix } from './header';
import { matchingCloseParen, matchingOpenParen, splitLocation, splitStackLines } from './lines';

const FRAME_PREFIX = 'at ';
const CAUSE_PREFIX = '[cause]: ';
const ERRORS_START = '[errors]: [';
/** Nested `eval at … (eval at … (…))` deeper than this keeps the location reached so far. */
const MAX_EVAL_DEPTH = 8;

/** True when the line is a V8 frame line (`    at …`). */
export function isV8FrameLine(line: string): boolean {
  return line.trimStart().startsWith(FRAME_PREFIX);
}

/**
 * Parses a V8 stack (`err.stack` from Node or Chrome, or Node's report of an uncaught
 * error): a header `Type: message` (which may span lines, and which Node precedes with
 * a source excerpt) followed by `    at …` frames, and Node's `[cause]: …` blocks.
 */
export function parseV8Stack(text: string): ParsedStackTrace | undefined {
  return parseV8Lines(splitStackLines(text));
}

export function parseV8Lines(lines: readonly string[]): ParsedStackTrace | undefined {
  const exceptions: ExceptionInfo[] = [];
  const pending: string[] = [];
  let current: ExceptionInfo | undefined;
  // Inside an AggregateError's `[errors]: [ … ]`, each `Type: message` line starts one of its errors.
  let inErrors = false;
  for (const line of lines) {
    const text = line.trim();
    if (text.startsWith(FRAME_PREFIX)) {
      current ??= pushException(exceptions, headerFromLines(pending, isV8HeaderStart));
      const frame = parseV8Frame(text);
      if (frame) current.frames.push(frame);
    } else if (text.startsWith(CAUSE_PREFIX)) {
      current = pushException(exceptions, text.slice(CAUSE_PREFIX.length));
    } else if (text === ERRORS_START) {
      if (exceptions.length === 0) pushException(exceptions, bracketedHeader(pending));
      inErrors = true;
    } else if (inErrors && isV8HeaderStart(text)) {
      current = pushException(exceptions, text);
    } else if (inErrors && text.startsWith(']')) {
      inErrors = false;
    } else if (!current) {
      pending.push(line);
    } else if (current.frames.length === 0 && text !== '') {
      // A message that spans lines: everything up to the first frame belongs to it.
      current.message = current.message === '' ? text : `${current.message}\n${text}`;
    }
    // Other lines after frames are the error's own properties (`code: 'E…'`, `}`) or Node's footer.
  }
  return exceptions.length > 0 ? { runtime: 'v8', exceptions } : undefined;
}

/**
 * Node prints an error without a stack as `[AggregateError: message] {`; the header is
 * the last such line before `[errors]: [`.
 */
function bracketedHeader(pending: readonly string[]): string {
  for (let i = pending.length - 1; i >= 0; i--) {
    const text = pending[i]!.trim();
    const close = text.lastIndexOf(']');
    if (text.startsWith('[') && close > 1) return text.slice(1, close);
  }
  return 'AggregateError';
}

function isV8HeaderStart(line: string): boolean {
  return startsWithTypeName(stripPrefix(line.trim(), 'Uncaught '));
}

function pushException(exceptions: ExceptionInfo[], header: string): ExceptionInfo {
  // Fields copied one by one: an object spread here took the runtime's slow path on every trace.
  const { type, message } = splitTypeAndMessage(stripPrefix(header, 'Uncaught '));
  const exception: ExceptionInfo = { type, message, frames: [] };
  exceptions.push(exception);
  return exception;
}

/** Parses one `at …` line; undefined when it has neither a location nor a function. */
export function parseV8Frame(rawLine: string): StackFrame | undefined {
  let text = rawLine.trim().slice(FRAME_PREFIX.length).trim();
  // Node appends ` {` to the last frame when the error has own properties to print, and a
  // comma to the last frame of each error but the last in an AggregateError's list.
  if (text.endsWith(' {')) text = text.slice(0, -2).trimEnd();
  else if (text.endsWith(',')) text = text.slice(0, -1);
  if (text.startsWith('async ')) text = text.slice('async '.length);
  let fn: string | undefined;
  let location = text;
  if (text.endsWith(')')) {
    const open = matchingOpenParen(text);
    if (open > 0) {
      fn = text.slice(0, open).trim();
      location = text.slice(open + 1, -1);
    }
  }
  location = evalCallSite(location);
  const name = fn === undefined ? undefined : cleanFunctionName(fn);
  if (location === 'native' || location === '<anonymous>' || location.startsWith('index ')) {
    return name ? { function: name, native: true } : undefined;
  }
  const { file, line, column } = splitLocation(location);
  if (line === undefined) return name ? { function: name, native: true } : undefined;
  const frame: StackFrame = { file, line };
  if (column !== undefined) frame.column = column;
  if (name) frame.function = name;
  if (isNodeInternal(file)) frame.native = true;
  return frame;
}

/**
 * `eval at fn (file:1:2), <anonymous>:1:1`: the code ran from a string, so the useful
 * location is where the string was evaluated, found through any nesting of evals.
 */
function evalCallSite(location: string): string {
  let current = location;
  for (let depth = 0; depth < MAX_EVAL_DEPTH && current.startsWith('eval at '); depth++) {
    const open = current.indexOf('(');
    const close = open < 0 ? -1 : matchingCloseParen(current, open);
    if (close < 0) break;
    current = current.slice(open + 1, close);
  }
  return current;
}

/** `new Cart` → `Cart`; `Timeout.start [as _onTimeout]` → `Timeout.start`. */
function cleanFunctionName(fn: string): string | undefined {
  let name = fn.startsWith('new ') ? fn.slice('new '.length) : fn;
  const alias = name.endsWith(']') ? name.lastIndexOf(' [as ') : -1;
  if (alias > 0) name = name.slice(0, alias);
  return name === '' ? undefined : name;
}

function isNodeInternal(file: string): boolean {
  return file.startsWith('node:') || file.startsWith('internal/');
}
