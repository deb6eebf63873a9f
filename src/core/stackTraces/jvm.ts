import type { ExceptionInfo, ParsedStackTrace, StackFrame } from '../events';
import { headerFromLines, isTypeName, splitTypeAndMessage } from './header';
import { indentOf, parsePositiveInt, splitStackLines } from './lines';

const FRAME_PREFIX = 'at ';
const CAUSED_BY = 'Caused by: ';
const SUPPRESSED = 'Suppressed: ';
const THREAD_PREFIX = 'Exception in thread "';

/** Packages of the JDK and of the Kotlin and Scala standard libraries: never the application's code. */
const RUNTIME_PACKAGES = ['java.', 'javax.', 'jdk.', 'sun.', 'com.sun.', 'kotlin.', 'kotlinx.', 'scala.'];

/**
 * Parses a JVM stack trace (Java, Kotlin, Scala: `Throwable.printStackTrace` and the
 * default uncaught handler): `Caused by:` blocks become causes in printed order;
 * `Suppressed:` blocks are skipped (they are not causes and their frames must not mix
 * into the enclosing exception's); `... N more` is not expanded, as those frames are
 * the enclosing trace's outer frames, already listed there.
 */
export function parseJvmStack(text: string): ParsedStackTrace | undefined {
  return parseJvmLines(splitStackLines(text));
}

export function parseJvmLines(lines: readonly string[]): ParsedStackTrace | undefined {
  const exceptions: ExceptionInfo[] = [];
  const pending: string[] = [];
  let current: ExceptionInfo | undefined;
  let suppressedIndent = -1;
  for (const line of lines) {
    const indent = indentOf(line);
    const text = line.slice(indent).trimEnd();
    if (suppressedIndent >= 0) {
      if (indent > suppressedIndent || (indent === suppressedIndent && text.startsWith(SUPPRESSED))) continue;
      suppressedIndent = -1;
    }
    if (text.startsWith(FRAME_PREFIX)) {
      current ??= pushException(exceptions, headerFromLines(pending, isJvmHeaderStart));
      const frame = parseJvmFrame(text);
      if (frame) current.frames.push(frame);
    } else if (text.startsWith(CAUSED_BY)) {
      current = pushException(exceptions, text.slice(CAUSED_BY.length));
    } else if (text.startsWith(SUPPRESSED)) {
      suppressedIndent = indent;
    } else if (!current) {
      pending.push(line);
    } else if (current.frames.length === 0 && text !== '') {
      current.message = current.message === '' ? text : `${current.message}\n${text}`;
    }
    // `... N more` and logback's `... N common frames omitted` are skipped.
  }
  return exceptions.length > 0 ? { runtime: 'jvm', exceptions } : undefined;
}

function pushException(exceptions: ExceptionInfo[], header: string): ExceptionInfo {
  const exception: ExceptionInfo = { ...splitTypeAndMessage(stripThreadPrefix(header)), frames: [] };
  exceptions.push(exception);
  return exception;
}

/** `Exception in thread "main" java.lang.X: …` → `java.lang.X: …`. */
function stripThreadPrefix(header: string): string {
  if (!header.startsWith(THREAD_PREFIX)) return header;
  const end = header.indexOf('" ', THREAD_PREFIX.length);
  return end < 0 ? header : header.slice(end + 2);
}

/** A JVM exception line: a qualified class name (or one named …Exception/…Error) then `:` or the end. */
function isJvmHeaderStart(line: string): boolean {
  const text = stripThreadPrefix(line.trim());
  const colon = text.indexOf(':');
  const type = colon > 0 ? text.slice(0, colon) : text;
  if (!isTypeName(type)) return false;
  return type.includes('.') || type.endsWith('Exception') || type.endsWith('Error') || type.endsWith('Throwable');
}

/**
 * Parses `at [loader/][module@version/]com.acme.Pay.charge(Pay.java:42)` (with anything
 * logback appends after it, `~[app.jar:1.0]`). The file becomes the package path
 * (`com/acme/Pay.java`) so that the resolver matches it against the source tree.
 */
export function parseJvmFrame(text: string): StackFrame | undefined {
  const open = text.indexOf('(', FRAME_PREFIX.length);
  const close = open < 0 ? -1 : text.indexOf(')', open);
  if (close < 0) return undefined;
  const { modulePrefix, qualified } = splitModulePrefix(text.slice(FRAME_PREFIX.length, open).trim());
  const dot = qualified.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const className = qualified.slice(0, dot);
  const packageDot = className.lastIndexOf('.');
  const packageName = packageDot < 0 ? '' : className.slice(0, packageDot);
  const frame: StackFrame = { function: `${className.slice(packageDot + 1)}.${qualified.slice(dot + 1)}`, module: className };
  const location = text.slice(open + 1, close);
  if (location === 'Native Method') frame.native = true;
  else addFileAndLine(frame, location, packageName);
  if (isRuntimeClass(className, modulePrefix)) frame.native = true;
  return frame;
}

function addFileAndLine(frame: StackFrame, location: string, packageName: string): void {
  const colon = location.lastIndexOf(':');
  const fileName = colon < 0 ? location : location.slice(0, colon);
  if (fileName === '' || fileName === 'Unknown Source' || fileName.includes('/')) return;
  frame.file = packageName === '' ? fileName : `${packageName.split('.').join('/')}/${fileName}`;
  const line = colon < 0 ? undefined : parsePositiveInt(location.slice(colon + 1));
  if (line !== undefined) frame.line = line;
}

/**
 * `java.base/java.lang.Thread.run` → module `java.base`; `app//com.acme.Main.main` → class
 * loader `app`. A hidden class (`Foo$$Lambda$14/0x0000000800c03000`) has a `/` of its own.
 */
function splitModulePrefix(name: string): { modulePrefix: string; qualified: string } {
  let slash = name.lastIndexOf('/');
  if (slash >= 0 && name.startsWith('0x', slash + 1)) slash = name.lastIndexOf('/', slash - 1);
  if (slash < 0) return { modulePrefix: '', qualified: name };
  return { modulePrefix: name.slice(0, slash), qualified: name.slice(slash + 1) };
}

function isRuntimeClass(className: string, modulePrefix: string): boolean {
  const module = modulePrefix.split('/').pop() ?? '';
  if (module.startsWith('java.') || module.startsWith('jdk.')) return true;
  return RUNTIME_PACKAGES.some((p) => className.startsWith(p));
}
