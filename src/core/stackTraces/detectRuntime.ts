import type { Runtime } from '../events';
import { parseFirefoxFrame } from './firefox';
import { isDigitAt, splitLocation } from './lines';

/** What one line says about the runtime that printed it; undefined when it says nothing. */
type Vote = Exclude<Runtime, 'unknown'> | undefined;

/**
 * Names the runtime that most likely printed the trace, from the first line that
 * settles it. Each line costs a few prefix checks and at most one scan of its own
 * characters, so detection is linear in the text.
 */
export function detectRuntime(lines: readonly string[]): Runtime {
  let weak: Runtime = 'unknown';
  for (const line of lines) {
    const vote = voteOf(line);
    // `fn@host:1` can also be an address in a message: it decides only when nothing else does.
    if (vote === 'firefox') weak = 'firefox';
    else if (vote) return vote;
  }
  return weak;
}

function voteOf(line: string): Vote {
  const text = line.trimStart();
  if (text.startsWith('Traceback (most recent call last):') || text.includes('Exception Group Traceback (')) return 'python';
  if (text.startsWith('File "') && text.includes('", line ')) return 'python';
  if (line.startsWith('goroutine ') && isDigitAt(line, 'goroutine '.length)) return 'go';
  if (text.startsWith('Caused by: ') || text.startsWith('Exception in thread "')) return 'jvm';
  if (text.startsWith('--- End of inner exception stack trace ---') || text.startsWith('---> ')) return 'dotnet';
  if (text.startsWith('at ')) return atFrameRuntime(text);
  if (text.startsWith('#') && isDigitAt(text, 1) && (text.includes('): ') || text.endsWith('{main}') || text.includes('[internal function]'))) return 'php';
  if (text.startsWith('PHP Fatal error:') || text.startsWith('Fatal error: Uncaught ')) return 'php';
  if (text.includes(':in `') || text.includes(":in '")) return 'ruby';
  if (isFirefoxFrame(text)) return 'firefox';
  return undefined;
}

const JVM_SOURCE_SUFFIXES = ['.java', '.kt', '.scala', '.groovy', '.clj'];

/** V8, JVM and .NET frames all start with `at `; what follows the name tells them apart. */
function atFrameRuntime(text: string): Vote {
  if (text.includes(':line ') || text.includes('] in ') || text.includes(') in ')) return 'dotnet';
  const open = text.indexOf('(');
  const close = open < 0 ? -1 : text.indexOf(')', open);
  if (open < 0 || close < 0) return 'v8'; // `at /app/x.js:1:2`
  const name = text.slice(3, open).trim();
  const location = text.slice(open + 1, close);
  const { file, line, column } = splitLocation(location);
  if (column !== undefined) return 'v8';
  if (location === 'Native Method' || location === 'Unknown Source') return 'jvm';
  if (!location.includes('/') && !name.includes(' ') && JVM_SOURCE_SUFFIXES.some((s) => file.endsWith(s))) return 'jvm';
  if (location === 'native' || location === '<anonymous>' || location.startsWith('index ') || location.startsWith('eval at ') || line !== undefined) return 'v8';
  // .NET without file information: `at Ns.Type.Method(String s)`, `at Ns.Type.Method()`.
  if (location === '' || location.includes(' ')) return 'dotnet';
  return undefined;
}

function isFirefoxFrame(text: string): boolean {
  return parseFirefoxFrame(text) !== undefined;
}
