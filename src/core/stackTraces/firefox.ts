import type { ExceptionInfo, ParsedStackTrace, StackFrame } from '../events';
import { headerFromLines, splitTypeAndMessage } from './header';
import { parsePositiveInt, splitLocation, splitStackLines } from './lines';

const NATIVE_CODE = '[native code]';
const EVAL_MARKER = ' line ';
/** Safari names top-level code by its scope instead of a function. */
const SAFARI_SCOPES = new Set(['global code', 'module code', 'eval code']);

/**
 * Parses a Firefox or Safari stack (`fn@url:line:col` per line). Their `err.stack`
 * has no header; a `Type: message` line logged before the frames is used when present.
 */
export function parseFirefoxStack(text: string): ParsedStackTrace | undefined {
  return parseFirefoxLines(splitStackLines(text));
}

export function parseFirefoxLines(lines: readonly string[]): ParsedStackTrace | undefined {
  const pending: string[] = [];
  let exception: ExceptionInfo | undefined;
  for (const line of lines) {
    const frame = parseFirefoxFrame(line);
    if (frame) {
      exception ??= { ...splitTypeAndMessage(headerFromLines(pending)), frames: [] };
      exception.frames.push(frame);
    } else if (!exception) {
      pending.push(line);
    }
  }
  return exception ? { runtime: 'firefox', exceptions: [exception] } : undefined;
}

/** Parses `fn@location` (function optional); undefined for any other line. */
export function parseFirefoxFrame(rawLine: string): StackFrame | undefined {
  const text = rawLine.trim();
  const at = text.indexOf('@');
  if (at < 0) return undefined;
  const rawName = text.slice(0, at);
  // Function names have no spaces (Safari's `global code` aside): `mail user@host:25` is prose.
  if (rawName.includes(' ') && !SAFARI_SCOPES.has(rawName)) return undefined;
  const name = functionName(rawName);
  const location = text.slice(at + 1);
  if (location === NATIVE_CODE) return name ? { function: name, native: true } : undefined;
  // JavaScriptCore prints no location for code built by eval: `render@`.
  if (location === '') return name ? { function: name } : undefined;
  const { file, line, column } = evalCallSite(location) ?? splitLocation(location);
  if (line === undefined || file === '' || file.includes(' ')) return undefined;
  const frame: StackFrame = { file, line };
  if (column !== undefined) frame.column = column;
  if (name) frame.function = name;
  return frame;
}

/** `async*run` → `run`; Safari's `global code` and an empty name → none. */
function functionName(raw: string): string | undefined {
  const name = raw.startsWith('async*') ? raw.slice('async*'.length) : raw;
  if (name === '' || SAFARI_SCOPES.has(name)) return undefined;
  return name;
}

/** Firefox's `app.js line 10 > eval:1:5`: the code was evaluated at line 10 of app.js. */
function evalCallSite(location: string): { file: string; line?: number; column?: number } | undefined {
  const marker = location.indexOf(EVAL_MARKER);
  if (marker <= 0) return undefined;
  const afterLine = location.indexOf(' > ', marker);
  if (afterLine < 0) return undefined;
  const line = parsePositiveInt(location.slice(marker + EVAL_MARKER.length, afterLine));
  return line === undefined ? undefined : { file: location.slice(0, marker), line };
}
