import type { ExceptionInfo, ParsedStackTrace, StackFrame } from '../events';
import { splitLines, splitLocation } from './lines';

const FRAME_PREFIX = 'at ';

/** True when the line is a V8 frame line (`    at …`). */
export function isV8FrameLine(line: string): boolean {
  return line.trimStart().startsWith(FRAME_PREFIX);
}

/**
 * Parses a V8 stack (`err.stack` from Node or Chrome): a header `Type: message`
 * (the message may span lines) followed by `    at …` frames.
 */
export function parseV8Stack(stack: string): ParsedStackTrace | undefined {
  const lines = splitLines(stack);
  const firstFrame = lines.findIndex(isV8FrameLine);
  if (firstFrame < 0) return undefined;
  const header = lines.slice(0, firstFrame).join('\n');
  const frames: StackFrame[] = [];
  for (let i = firstFrame; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isV8FrameLine(line)) continue;
    const frame = parseV8Frame(line);
    if (frame) frames.push(frame);
  }
  const exception: ExceptionInfo = { ...splitHeader(header), frames };
  return { runtime: 'v8', exceptions: [exception] };
}

/** `TypeError: x is undefined` → type and message; a header without a type is all message. */
export function splitHeader(header: string): { type: string; message: string } {
  const colon = header.indexOf(':');
  const candidate = colon > 0 ? header.slice(0, colon) : header;
  if (colon > 0 && isTypeName(candidate)) {
    return { type: candidate, message: header.slice(colon + 1).trim() };
  }
  return { type: isTypeName(header.trim()) ? header.trim() : 'Error', message: isTypeName(header.trim()) ? '' : header.trim() };
}

function isTypeName(text: string): boolean {
  if (text.length === 0 || text.length > 200) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 46;
    if (!ok) return false;
  }
  return true;
}

/** Parses one `at …` line; undefined when it has no location. */
export function parseV8Frame(rawLine: string): StackFrame | undefined {
  let text = rawLine.trim().slice(FRAME_PREFIX.length).trim();
  if (text.startsWith('async ')) text = text.slice(6);
  let fn: string | undefined;
  let location = text;
  if (text.endsWith(')')) {
    const open = matchingOpenParen(text);
    if (open > 0) {
      fn = text.slice(0, open).trim();
      location = text.slice(open + 1, -1);
    }
  }
  // `eval at fn (file:1:2), <anonymous>:1:1`: the useful location is the evaluating call site.
  if (location.startsWith('eval at ')) {
    const inner = location.indexOf('(');
    const close = location.indexOf(')', inner);
    if (inner > 0 && close > inner) location = location.slice(inner + 1, close);
  }
  if (location === 'native' || location === '<anonymous>') return fn ? { function: fn, native: true } : undefined;
  const { file, line, column } = splitLocation(location);
  if (line === undefined) return undefined;
  const frame: StackFrame = { file, line };
  if (column !== undefined) frame.column = column;
  if (fn) frame.function = fn.startsWith('new ') ? fn.slice(4) : fn;
  if (file.startsWith('node:') || file.startsWith('internal/')) frame.native = true;
  return frame;
}

/** Index of the `(` that opens the parenthesised group closing at the end of `text`. */
function matchingOpenParen(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === '(') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
