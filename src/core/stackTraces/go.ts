import type { ExceptionInfo, ParsedStackTrace, StackFrame } from '../events';
import { indentOf, isDigitAt, matchingOpenParen, splitLocation, splitStackLines } from './lines';

const PANIC = 'panic: ';
const FATAL = 'fatal error: ';
const GOROUTINE = 'goroutine ';
const CREATED_BY = 'created by ';
/** Suffixes Go appends to a panic that a deferred function recovered (`[recovered, repanicked]` since 1.23). */
const RECOVERED_SUFFIXES = [' [recovered]', ' [recovered, repanicked]'];

interface GoHeader {
  type: string;
  /** Panic values in printed order: a recovered panic first, the one that crashed last. */
  messages: string[];
}

/**
 * Parses a Go panic or fatal error with its goroutine dump. Only the first goroutine is
 * kept (the panicking one: Go prints it first, before any others `GOTRACEBACK=all` adds).
 * Frames printed above the `panic(` runtime frame belong to deferred functions that ran
 * during the panic (a recover handler that panicked again), not to the code that
 * panicked, so they are dropped and the frame below `panic(` is the crash site.
 * Also reads `%+v` stacks of github.com/pkg/errors, which have frames but no goroutine line.
 */
export function parseGoStack(text: string): ParsedStackTrace | undefined {
  return parseGoLines(splitStackLines(text));
}

export function parseGoLines(lines: readonly string[]): ParsedStackTrace | undefined {
  const header: GoHeader = { type: 'goroutine', messages: [] };
  let i = readHeader(lines, header);
  let frames: StackFrame[] = [];
  let inGoroutine = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith(GOROUTINE) && isDigitAt(line, GOROUTINE.length)) {
      if (inGoroutine) break; // the next goroutine: not the one that panicked
      inGoroutine = true;
      continue;
    }
    if (line.trim() === '') {
      if (frames.length > 0) break;
      continue;
    }
    const next = lines[i + 1];
    if (indentOf(line) === 0 && next !== undefined && next.startsWith('\t')) {
      const frame = parseGoFrame(line, next);
      if (frame) {
        frames.push(frame);
        i++;
      }
    }
  }
  if (frames.length === 0 && header.messages.length === 0) return undefined;
  frames = framesFromPanic(frames);
  return { runtime: 'go', exceptions: exceptionsOf(header, frames) };
}

/** Reads `panic: …` / `fatal error: …` lines up to the first goroutine; returns where the dump starts. */
function readHeader(lines: readonly string[], header: GoHeader): number {
  // A panic value with newlines is printed as is, so lines up to the next blank one continue it.
  let continuing = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    if (lines[i]!.startsWith(GOROUTINE) && isDigitAt(lines[i]!, GOROUTINE.length)) return i;
    if (text.startsWith(PANIC)) {
      header.messages.push(stripRecovered(text.slice(PANIC.length)));
      continuing = true;
    } else if (text.startsWith(FATAL)) {
      header.type = 'fatal error';
      header.messages.push(text.slice(FATAL.length));
      continuing = true;
    } else if (text === '' || text.startsWith('[signal ')) {
      continuing = false;
    } else if (continuing) {
      header.messages[header.messages.length - 1] += `\n${stripRecovered(text)}`;
    } else if (header.messages.length === 0 && i + 1 < lines.length && lines[i + 1]!.startsWith('\t')) {
      return i; // no panic line and no goroutine line: frames start here (pkg/errors' %+v)
    }
  }
  return lines.length;
}

function stripRecovered(message: string): string {
  for (const suffix of RECOVERED_SUFFIXES) if (message.endsWith(suffix)) return message.slice(0, -suffix.length);
  return message;
}

/** Drops the deferred handlers' frames printed above the last `panic(` frame. */
function framesFromPanic(frames: StackFrame[]): StackFrame[] {
  for (let i = frames.length - 1; i > 0; i--) {
    const fn = frames[i]!.function;
    if (fn === 'panic' || fn === 'runtime.gopanic') return frames.slice(i);
  }
  return frames;
}

function exceptionsOf(header: GoHeader, frames: StackFrame[]): ExceptionInfo[] {
  const type = header.messages.length > 0 && header.type === 'goroutine' ? 'panic' : header.type;
  const messages = header.messages.length > 0 ? header.messages : [''];
  const exceptions: ExceptionInfo[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    exceptions.push({ type, message: messages[i]!, frames: i === messages.length - 1 ? frames : [] });
  }
  return exceptions;
}

/** Parses `pkg.(*T).Method(0x1, …)` followed by `\t/path/file.go:42 +0x1d`. */
export function parseGoFrame(functionLine: string, locationLine: string): StackFrame | undefined {
  let name = functionLine.trim();
  if (name.startsWith(CREATED_BY)) {
    name = name.slice(CREATED_BY.length);
    const inGoroutine = name.indexOf(' in goroutine ');
    if (inGoroutine > 0) name = name.slice(0, inGoroutine);
  } else if (name.endsWith(')')) {
    const open = matchingOpenParen(name);
    if (open > 0) name = name.slice(0, open);
  }
  let location = locationLine.trim();
  const offset = location.lastIndexOf(' +0x');
  if (offset > 0) location = location.slice(0, offset);
  const { file, line } = splitLocation(location);
  if (line === undefined || name === '') return undefined;
  const frame: StackFrame = { file, line, ...splitGoName(name) };
  if (isGoRuntime(name, frame.module ?? '', file)) frame.native = true;
  else if (file.includes('/pkg/mod/')) frame.inApp = false; // the module cache holds dependencies only
  return frame;
}

/** `example.com/shop/billing.(*Ledger).Post` → module `example.com/shop/billing`, function `billing.(*Ledger).Post`. */
function splitGoName(name: string): { function: string; module?: string } {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  if (dot < 0) return { function: name };
  return { function: name.slice(slash + 1), module: name.slice(0, dot) };
}

/**
 * The runtime and standard library: `panic(`, `runtime.…`, a file under a Go root
 * (`/usr/local/go/src/`, `/usr/lib/go-1.19/src/`), or, in `-trimpath` builds whose paths
 * are relative, a standard package (its first path element has no dot) other than main.
 */
function isGoRuntime(name: string, module: string, file: string): boolean {
  if (name === 'panic' || module === 'runtime' || module.startsWith('runtime/')) return true;
  if (isGoRootPath(file)) return true;
  if (file.startsWith('/') || file[1] === ':' || module === '' || module === 'main') return false;
  return !module.split('/')[0]!.includes('.');
}

/** `…/go/src/net/http/server.go`, but not a GOPATH checkout (`…/go/src/github.com/…`). */
function isGoRootPath(file: string): boolean {
  const src = file.indexOf('/src/');
  if (src <= 0) return false;
  const root = file.slice(file.lastIndexOf('/', src - 1) + 1, src);
  const goRoot = root === 'go' || root.startsWith('go-1') || root.startsWith('go1.') || root === '$GOROOT';
  const firstElement = file.slice(src + '/src/'.length).split('/')[0]!;
  return goRoot && !firstElement.includes('.');
}
