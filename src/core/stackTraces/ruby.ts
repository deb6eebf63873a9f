import type { ExceptionInfo, ParsedStackTrace, StackFrame } from '../events';
import { headerFromLines, isTypeName, splitTypeAndMessage } from './header';
import { splitLocation, splitStackLines } from './lines';

const FROM = 'from ';

interface RubyLine {
  frame: StackFrame;
  /** `message (Type)` after the label, on the first line of an exception Ruby's handler prints. */
  tail?: string;
}

/**
 * Parses a Ruby backtrace: the default handler's form (`file:12:in 'm': message (Type)`
 * then `\tfrom file:…` lines, each cause following as a block of its own) and the logged
 * form (a `Type: message` line, then one `file:12:in 'm'` per line). Both the backtick
 * (Ruby < 3.4) and the quote form of the label are read.
 */
export function parseRubyStack(text: string): ParsedStackTrace | undefined {
  return parseRubyLines(splitStackLines(text));
}

export function parseRubyLines(lines: readonly string[]): ParsedStackTrace | undefined {
  const exceptions: ExceptionInfo[] = [];
  const pending: string[] = [];
  let current: ExceptionInfo | undefined;
  for (const line of lines) {
    let text = line.trim();
    const continued = text.startsWith(FROM);
    if (continued) text = text.slice(FROM.length);
    const parsed = parseRubyLine(text);
    if (!parsed) {
      if (!current) pending.push(line);
      continue;
    }
    if (parsed.tail !== undefined && !continued) {
      current = { ...splitTail(parsed.tail), frames: [] };
      exceptions.push(current);
    } else if (!current) {
      current = { ...splitTypeAndMessage(headerFromLines(pending)), frames: [] };
      exceptions.push(current);
    }
    current.frames.push(parsed.frame);
  }
  return exceptions.length > 0 ? { runtime: 'ruby', exceptions } : undefined;
}

/** `message (Type)` → type and message; a tail without a `(Type)` is all message. */
function splitTail(tail: string): { type: string; message: string } {
  const open = tail.endsWith(')') ? tail.lastIndexOf(' (') : -1;
  const type = open < 0 ? '' : tail.slice(open + 2, -1);
  if (open >= 0 && isTypeName(type)) return { type, message: tail.slice(0, open) };
  if (tail.startsWith('(') && tail.endsWith(')') && isTypeName(tail.slice(1, -1))) return { type: tail.slice(1, -1), message: '' };
  return { type: 'RuntimeError', message: tail };
}

/** `path:12:in 'label'` (or `` `label' ``), possibly followed by `: tail`; or a bare `path.rb:12`. */
export function parseRubyLine(text: string): RubyLine | undefined {
  const marker = labelStart(text);
  if (marker < 0) {
    const bare = splitLocation(text);
    return bare.line !== undefined && bare.file.endsWith('.rb') ? { frame: framed(bare.file, bare.line) } : undefined;
  }
  const { file, line, column } = splitLocation(text.slice(0, marker));
  if (line === undefined || column !== undefined || file === '') return undefined;
  const labelFrom = marker + ':in `'.length;
  const close = text.indexOf("'", labelFrom);
  if (close < 0) return undefined;
  const frame = framed(file, line);
  const label = text.slice(labelFrom, close);
  if (label !== '') frame.function = label;
  const rest = text.slice(close + 1);
  return rest.startsWith(': ') ? { frame, tail: rest.slice(2).trim() } : { frame };
}

/** Index of `:in ` followed by a backtick or a quote, or -1. */
function labelStart(text: string): number {
  let from = 0;
  for (;;) {
    const at = text.indexOf(':in ', from);
    if (at < 0) return -1;
    const quote = text[at + 4];
    if (quote === '`' || quote === "'") return at;
    from = at + 4;
  }
}

function framed(file: string, line: number): StackFrame {
  const frame: StackFrame = { file, line };
  if (isRubyInternal(file)) frame.native = true;
  else if (isGemPath(file)) frame.inApp = false;
  return frame;
}

/** `<internal:kernel>` and the standard library (`/usr/lib/ruby/3.1.0/json/common.rb`). */
export function isRubyInternal(file: string): boolean {
  if (file.startsWith('<internal:')) return true;
  const segments = file.split('/');
  for (let i = 1; i < segments.length - 1; i++) {
    if (segments[i - 1] === 'lib' && segments[i] === 'ruby' && isRubyVersion(segments[i + 1]!)) return !isGemPath(file);
  }
  return false;
}

/** Installed gems (`…/gems/rack-2.2.8/lib/rack.rb`): dependencies. */
function isGemPath(file: string): boolean {
  return file.includes('/gems/');
}

function isRubyVersion(segment: string): boolean {
  if (segment.length === 0) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (!(c === 46 || (c >= 48 && c <= 57))) return false;
  }
  return true;
}
