import type { ExceptionInfo, ParsedStackTrace, StackFrame } from '../events';
import { splitTypeAndMessage } from './header';
import { indentOf, parsePositiveInt, splitStackLines } from './lines';

const TRACEBACK = 'Traceback (most recent call last):';
const GROUP_TRACEBACK = 'Exception Group Traceback (most recent call last):';
const CAUSE_INTRO = 'The above exception was the direct cause of the following exception:';
const CONTEXT_INTRO = 'During handling of the above exception, another exception occurred:';
const FILE_PREFIX = 'File "';
/** Exception groups nest their margins (`| | …`); deeper nesting is left as printed. */
const MAX_GROUP_DEPTH = 16;

/** One printed traceback block: its frames (outermost first, as printed) and its exception line. */
interface Block {
  exception: ExceptionInfo;
  /** Sub-exceptions printed under an exception group's separators. */
  members: Block[];
}

type State = 'outside' | 'frames' | 'message' | 'member';

/**
 * Parses a Python traceback, including chains (`The above exception was the direct
 * cause…`, `During handling…`) and simple exception groups. Python prints the
 * outermost exception last and each block's frames outermost first; both are reversed
 * here to the model's order.
 */
export function parsePythonStack(text: string): ParsedStackTrace | undefined {
  return parsePythonLines(splitStackLines(text));
}

export function parsePythonLines(rawLines: readonly string[]): ParsedStackTrace | undefined {
  const grouped = rawLines.some((l) => l.includes(GROUP_TRACEBACK));
  const chain: Block[] = [];
  let block: Block | undefined;
  let state: State = 'outside';
  for (const raw of rawLines) {
    const line = grouped ? stripGroupMargin(raw) : raw;
    if (line === undefined) {
      state = 'member'; // a group separator: the next traceback is a sub-exception
      continue;
    }
    const text = line.trim();
    if (text === CAUSE_INTRO || text === CONTEXT_INTRO) {
      state = 'outside';
    } else if (text === TRACEBACK || text === GROUP_TRACEBACK) {
      block = startBlock(chain, state === 'member');
      state = 'frames';
    } else if (state === 'frames') {
      if (text.startsWith(FILE_PREFIX)) pushFrame(block!, text);
      else if (text !== '' && indentOf(line) === 0) {
        Object.assign(block!.exception, splitTypeAndMessage(text));
        state = 'message';
      }
      // Indented lines between frames are source excerpts, carets and `[Previous line repeated …]`.
    } else if (state === 'member' && text !== '') {
      // A sub-exception that was never raised has no traceback, only its exception line.
      block = startBlock(chain, true);
      Object.assign(block.exception, splitTypeAndMessage(text));
      state = 'message';
    } else if (state === 'message') {
      if (text === '') state = 'outside';
      else block!.exception.message += `\n${line}`;
    }
  }
  if (chain.length === 0) return undefined;
  return { runtime: 'python', exceptions: outermostFirst(chain) };
}

/** Starts a block: a sub-exception of the latest top-level block, or the next link of the chain. */
function startBlock(chain: Block[], member: boolean): Block {
  const block: Block = { exception: { type: 'Exception', message: '', frames: [] }, members: [] };
  const parent = chain[chain.length - 1];
  if (member && parent) parent.members.push(block);
  else chain.push(block);
  return block;
}

/** The chain is printed cause first; groups print their sub-exceptions after themselves. */
function outermostFirst(chain: Block[]): ExceptionInfo[] {
  const exceptions: ExceptionInfo[] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const block = chain[i]!;
    exceptions.push(finish(block));
    for (const member of block.members) exceptions.push(finish(member));
  }
  return exceptions;
}

function finish(block: Block): ExceptionInfo {
  block.exception.frames.reverse(); // printed outermost first; the model wants the crashing frame first
  return block.exception;
}

/**
 * Removes an exception group's margin (`  | `, `  + `); undefined for a separator line
 * (`+-+---- 1 ----`, `+------`), which starts the next sub-exception.
 */
function stripGroupMargin(line: string): string | undefined {
  let rest = line;
  for (let depth = 0; depth < MAX_GROUP_DEPTH; depth++) {
    const i = indentOf(rest);
    const c = rest[i];
    if (c === '+' && rest[i + 1] === '-') return undefined;
    if (c !== '|' && c !== '+') return rest;
    rest = rest.slice(i + 2);
  }
  return rest;
}

/** `File "/app/x.py", line 10, in handler` (SyntaxError's frame has no `, in …`). */
function pushFrame(block: Block, text: string): void {
  const pathEnd = text.indexOf('", line ', FILE_PREFIX.length);
  if (pathEnd < 0) return;
  const file = text.slice(FILE_PREFIX.length, pathEnd);
  const afterLine = text.slice(pathEnd + '", line '.length);
  const comma = afterLine.indexOf(', in ');
  const line = parsePositiveInt(comma < 0 ? afterLine.trim() : afterLine.slice(0, comma));
  if (line === undefined) return;
  const frame: StackFrame = { file, line };
  if (comma >= 0) frame.function = afterLine.slice(comma + ', in '.length).trim();
  if (isPythonInternal(file)) frame.native = true;
  block.exception.frames.push(frame);
}

/**
 * `<frozen importlib._bootstrap>`, `<string>` and the standard library
 * (`…/lib/python3.11/json/decoder.py`, `C:\Python311\Lib\…`) are the runtime's, not the app's.
 * Installed packages (`site-packages`) are left to the resolver's dependency rules.
 */
export function isPythonInternal(file: string): boolean {
  if (file.startsWith('<')) return true;
  const segments = file.split(/[\\/]/);
  for (let i = 1; i < segments.length; i++) {
    const prev = segments[i - 1]!.toLowerCase();
    const segment = segments[i]!.toLowerCase();
    const next = segments[i + 1];
    if (next === 'site-packages' || next === 'dist-packages') return false;
    if (prev === 'lib' && isPythonVersionDir(segment)) return true;
    if (segment === 'lib' && isPythonVersionDir(prev) && next !== undefined) return true; // Windows: Python311\Lib
  }
  return false;
}

function isPythonVersionDir(segment: string): boolean {
  if (!segment.startsWith('python') || segment.length === 'python'.length) return false;
  for (let i = 'python'.length; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (!(c === 46 || (c >= 48 && c <= 57))) return false;
  }
  return true;
}
