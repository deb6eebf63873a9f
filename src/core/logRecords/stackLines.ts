/**
 * How the lines of a multi-line record look: which lines start a stack trace on their own
 * (an uncaught error written to stderr) and whether continuation lines hold a stack. Only
 * prefixes are compared, so each test is bounded whatever the line's length.
 */

/** A line that begins a record of its own: what a runtime prints for an uncaught error. */
export type StandaloneStart = 'pythonTraceback' | 'goPanic' | 'jvmUncaught' | 'nodeCrash';

export const PYTHON_TRACEBACK = 'Traceback (most recent call last):';
const JVM_UNCAUGHT = 'Exception in thread "';

export function standaloneStart(line: string): StandaloneStart | undefined {
  if (line.startsWith(PYTHON_TRACEBACK)) return 'pythonTraceback';
  if (line.startsWith('panic: ') || line.startsWith('fatal error: ')) return 'goPanic';
  if (line.startsWith(JVM_UNCAUGHT)) return 'jvmUncaught';
  if (isNodeCrashLocation(line)) return 'nodeCrash';
  return undefined;
}

/** Node prints an uncaught error as `/app/server.js:10` (or `file:///…:10`, `node:internal/…:10`), then the source line. */
function isNodeCrashLocation(line: string): boolean {
  if (line.length > 2048) return false;
  const colon = line.lastIndexOf(':');
  if (colon <= 0 || colon === line.length - 1) return false;
  for (let i = colon + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  if (line.includes(' ') || line.includes('\t')) return false;
  return line.startsWith('/') || line.startsWith('file:') || line.startsWith('node:') || line.charCodeAt(1) === 58 /* C:\ */;
}

/** Python prints these between the tracebacks of one exception chain. */
export function isPythonChainLink(line: string): boolean {
  return line.startsWith('The above exception was the direct cause') || line.startsWith('During handling of the above exception');
}

/** The JVM's `Exception in thread "main" java.lang.X: msg` → `java.lang.X: msg`, the form stack parsers expect. */
export function stripJvmThreadPrefix(line: string): string {
  const close = line.indexOf('" ', JVM_UNCAUGHT.length);
  return close < 0 ? line : line.slice(close + 2);
}

export function isIndented(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 32 || c === 9;
}

export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Whether continuation lines hold a stack trace (frames or a runtime's stack header) rather than more message. */
export function holdsStackTrace(lines: readonly string[]): boolean {
  return lines.some(isStackLine);
}

function isStackLine(line: string): boolean {
  let i = 0;
  while (i < line.length && i < 64 && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const rest = line.slice(i, i + 40);
  if (i > 0 && (rest.startsWith('at ') || rest.startsWith('File "') || rest.startsWith('... '))) return true;
  if (line.charCodeAt(0) === 9 && rest.startsWith('/')) return true; // a Go frame's `\t/path/file.go:42 +0x1d`
  return rest.startsWith(PYTHON_TRACEBACK) || rest.startsWith('Caused by: ') || rest.startsWith('goroutine ');
}

/** A stack that starts with frames (`    at …`) lost its header to the log line: `shipment failed Error: card declined`. */
export function startsWithFrame(lines: readonly string[]): boolean {
  const first = lines[0];
  return first !== undefined && isIndented(first) && first.trimStart().startsWith('at ');
}

/**
 * The error header at the end of a log message (`… failed Error: card declined` → `Error: card declined`):
 * the first word ending in `Error:` or `Exception:`, or undefined.
 */
export function errorHeaderIn(message: string): string | undefined {
  let wordStart = 0;
  const limit = Math.min(message.length, 4096);
  for (let i = 0; i <= limit; i++) {
    const c = i < limit ? message.charCodeAt(i) : 32;
    if (c !== 32 && c !== 9) continue;
    const word = message.slice(wordStart, i);
    if (word.endsWith('Error:') || word.endsWith('Exception:')) return message.slice(wordStart);
    wordStart = i + 1;
  }
  return undefined;
}
