import type { ExceptionInfo, ParsedStackTrace, StackFrame } from '../events';
import { headerFromLines, isTypeName, splitTypeAndMessage, stripPrefix } from './header';
import { parsePositiveInt, splitLocation, splitStackLines } from './lines';

const FRAME_PREFIX = 'at ';
const INNER = '--->';
const END_OF_INNER = '--- End of inner exception stack trace ---';
/** Prefixes the runtimes print before the exception line. */
const HEADER_PREFIXES = ['Unhandled exception. ', 'Unhandled Exception: ', '[ERROR] FATAL UNHANDLED EXCEPTION: '];
const FRAMEWORK_NAMESPACES = ['System.', 'Microsoft.', 'Mono.'];

/**
 * Parses a .NET stack (`Exception.ToString()`, the unhandled-exception report of CoreCLR
 * and of Mono). The header lists the exception then each inner one (`---> Inner: …`); the
 * frames come innermost exception first, each section closed by
 * `--- End of inner exception stack trace ---`, the outermost exception's frames last.
 * Only the first trace is read (Mono prints the same one twice).
 */
export function parseDotnetStack(text: string): ParsedStackTrace | undefined {
  return parseDotnetLines(splitStackLines(text));
}

export function parseDotnetLines(lines: readonly string[]): ParsedStackTrace | undefined {
  const pending: string[] = [];
  const sections: StackFrame[][] = [[]];
  let started = false;
  for (const line of lines) {
    const text = line.trim();
    if (text.startsWith(FRAME_PREFIX)) {
      started = true;
      const frame = parseDotnetFrame(text);
      if (frame) sections[sections.length - 1]!.push(frame);
    } else if (text === END_OF_INNER) {
      sections.push([]);
    } else if (!started) {
      pending.push(line);
    } else if (text !== '' && !text.startsWith('--- ')) {
      break; // past the trace (`--- End of stack trace from previous location ---` is within it)
    }
  }
  if (!started) return undefined;
  const exceptions = headerExceptions(pending);
  // Section k holds the frames of the k-th exception counted from the innermost.
  sections.forEach((frames, k) => {
    const target = exceptions[Math.max(0, exceptions.length - 1 - k)]!;
    target.frames.push(...frames);
  });
  return { runtime: 'dotnet', exceptions };
}

/** `Outer: msg ---> Inner: msg` (Mono, one line) or one ` ---> Inner: msg` line per inner exception (CoreCLR). */
function headerExceptions(pending: readonly string[]): ExceptionInfo[] {
  const header = headerFromLines(pending.map(stripHeaderPrefix), isDotnetHeaderStart);
  const exceptions: ExceptionInfo[] = [];
  for (const part of splitInner(header)) exceptions.push({ ...splitTypeAndMessage(part), frames: [] });
  return exceptions.length > 0 ? exceptions : [{ type: 'Exception', message: '', frames: [] }];
}

function splitInner(header: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const at = header.indexOf(INNER, from);
    if (at < 0) break;
    parts.push(header.slice(from, at).trim());
    from = at + INNER.length;
  }
  parts.push(header.slice(from).trim());
  return parts.filter((p) => p !== '');
}

function stripHeaderPrefix(line: string): string {
  let text = line.trim();
  for (const prefix of HEADER_PREFIXES) text = stripPrefix(text, prefix);
  return text;
}

function isDotnetHeaderStart(line: string): boolean {
  const colon = line.indexOf(':');
  return colon > 0 && isTypeName(line.slice(0, colon));
}

/**
 * `at Ns.Type.Method(String s) in /src/File.cs:line 42` (CoreCLR) or
 * `at Ns.Type.Method (System.String s) [0x00008] in /src/File.cs:13` (Mono).
 */
export function parseDotnetFrame(text: string): StackFrame | undefined {
  let body = text.slice(FRAME_PREFIX.length).trim();
  const frame: StackFrame = {};
  if (body.startsWith('(wrapper ')) {
    frame.native = true;
    body = body.slice(body.indexOf(')') + 1).trim();
  }
  const inAt = body.lastIndexOf(' in ');
  if (inAt > 0) addLocation(frame, body.slice(inAt + ' in '.length).trim());
  const signature = inAt > 0 ? body.slice(0, inAt) : body;
  const open = signature.indexOf('(');
  const name = (open < 0 ? signature : signature.slice(0, open)).trim();
  if (name === '') return undefined;
  const dot = methodDot(name);
  frame.function = dot < 0 ? name : `${lastSegment(name.slice(0, dot))}.${name.slice(dot + 1)}`;
  if (dot > 0) frame.module = name.slice(0, dot);
  if (FRAMEWORK_NAMESPACES.some((ns) => name.startsWith(ns))) frame.native = true;
  return frame;
}

/** `/src/File.cs:line 42`, `/src/File.cs:13`; `<filename unknown>:0` and `<4a1b…>:0` carry no file. */
function addLocation(frame: StackFrame, location: string): void {
  if (location.startsWith('<')) return;
  const lineAt = location.lastIndexOf(':line ');
  if (lineAt > 0) {
    const line = parsePositiveInt(location.slice(lineAt + ':line '.length));
    if (line === undefined) return;
    frame.file = location.slice(0, lineAt);
    frame.line = line;
    return;
  }
  const split = splitLocation(location);
  if (split.line === undefined || split.line === 0) return;
  frame.file = split.file;
  frame.line = split.line;
}

/** The `.` before the method name; constructors are `Type..ctor`. */
function methodDot(name: string): number {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name[dot - 1] === '.' ? dot - 1 : dot;
}

function lastSegment(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}
