import type { ExceptionInfo, ParsedStackTrace, StackFrame } from '../events';
import { splitTypeAndMessage, stripPrefix } from './header';
import { isDigitAt, parsePositiveInt, splitLocation, splitStackLines } from './lines';

const NEXT = 'Next ';
const INTERNAL = '[internal function]';
const UNCAUGHT_PREFIXES = ['PHP Fatal error:  Uncaught ', 'PHP Fatal error: Uncaught ', 'Fatal error: Uncaught '];

/** One `#N …` line: where the call was made (none for internal code) and what was called. */
interface CallEntry {
  file?: string;
  line?: number;
  call?: string;
}

interface Block {
  header: string;
  entries: CallEntry[];
}

/**
 * Parses a PHP trace (`(string) $e`, the uncaught-exception report, Laravel's
 * `[stacktrace]`): `Type: message in /file.php:12`, `Stack trace:`, `#0 /file.php(12): fn()`…
 * PHP prints a chain previous-first, each wrapper after `Next `, so the outermost is last.
 * Its `#N` lines name the function called at a location, not the one containing it,
 * so each location takes the name from the line below, and the header's `in file:line`
 * becomes the crashing frame.
 */
export function parsePhpStack(text: string): ParsedStackTrace | undefined {
  return parsePhpLines(splitStackLines(text));
}

export function parsePhpLines(lines: readonly string[]): ParsedStackTrace | undefined {
  const blocks: Block[] = [];
  let headerLines: string[] = [];
  let current: Block | undefined;
  for (const line of lines) {
    const text = line.trim();
    if (text.startsWith('#') && isDigitAt(text, 1)) {
      current ??= startBlock(blocks, headerLines);
      const entry = parseCallEntry(text);
      if (entry) current.entries.push(entry);
    } else if (text.startsWith(NEXT)) {
      current = undefined;
      headerLines = [text.slice(NEXT.length)];
    } else if (text === 'Stack trace:' || text === '[stacktrace]' || text.startsWith('thrown in ')) {
      continue;
    } else if (!current && text !== '') {
      headerLines.push(text);
    }
  }
  if (blocks.length === 0) return undefined;
  const exceptions = blocks.map(toException).reverse();
  return { runtime: 'php', exceptions };
}

function startBlock(blocks: Block[], headerLines: string[]): Block {
  const block: Block = { header: uncaughtHeader(headerLines), entries: [] };
  blocks.push(block);
  return block;
}

/** The header is the last line that names an uncaught exception, or all the lines before the frames. */
function uncaughtHeader(lines: readonly string[]): string {
  for (let i = lines.length - 1; i >= 0; i--) {
    for (const prefix of UNCAUGHT_PREFIXES) {
      if (lines[i]!.startsWith(prefix)) return [lines[i]!.slice(prefix.length), ...lines.slice(i + 1)].join('\n');
    }
  }
  return lines.join('\n');
}

/** `#0 /app/a.php(12): Foo->bar('x')`, `#1 [internal function]: fn()`, `#2 {main}`. */
function parseCallEntry(text: string): CallEntry | undefined {
  const space = text.indexOf(' ');
  if (space < 0) return undefined;
  const rest = text.slice(space + 1);
  if (rest === '{main}') return { call: '{main}' };
  const sep = rest.indexOf('): ');
  if (rest.startsWith(`${INTERNAL}: `)) return { call: callName(rest.slice(INTERNAL.length + 2)) };
  if (sep < 0) return undefined;
  const open = rest.lastIndexOf('(', sep);
  const line = open < 0 ? undefined : parsePositiveInt(rest.slice(open + 1, sep));
  if (line === undefined) return undefined;
  return { file: rest.slice(0, open), line, call: callName(rest.slice(sep + 3)) };
}

/** `Shop\Checkout->reserve(Array)` → `Shop\Checkout->reserve`. */
function callName(call: string): string {
  const open = call.indexOf('(');
  return (open < 0 ? call : call.slice(0, open)).trim();
}

function toException(block: Block): ExceptionInfo {
  const { text, file, line } = splitThrowSite(block.header);
  const exception: ExceptionInfo = { ...splitTypeAndMessage(text), frames: [] };
  const entries = block.entries;
  const first = entries[0];
  // An exception raised inside a built-in function carries the caller's location: the #0 line already has it.
  if (file !== undefined && line !== undefined && !(first?.file === file && first.line === line)) {
    exception.frames.push(phpFrame({ file, line }, first?.call));
  }
  entries.forEach((entry, k) => {
    if (entry.call !== '{main}') exception.frames.push(phpFrame(entry, entries[k + 1]?.call));
  });
  return exception;
}

/** `RuntimeException: msg in /app/a.php:20` → the text before ` in ` and the throw site. */
function splitThrowSite(header: string): { text: string; file?: string; line?: number } {
  const at = header.lastIndexOf(' in ');
  if (at < 0) return { text: header };
  const { file, line, column } = splitLocation(header.slice(at + 4).trim());
  if (line === undefined || column !== undefined) return { text: header };
  return { text: stripPrefix(header.slice(0, at), 'Uncaught '), file, line };
}

function phpFrame(location: CallEntry, enclosing: string | undefined): StackFrame {
  const frame: StackFrame = {};
  if (location.file !== undefined) frame.file = location.file;
  if (location.line !== undefined) frame.line = location.line;
  if (enclosing !== undefined && enclosing !== '{main}') {
    frame.function = enclosing;
    const member = Math.max(enclosing.lastIndexOf('->'), enclosing.lastIndexOf('::'));
    if (member > 0) frame.module = enclosing.slice(0, member);
  }
  if (location.file === undefined) frame.native = true; // `[internal function]`: PHP's own code
  return frame;
}
