import type { ParsedStackTrace, Runtime } from '../events';
import { detectRuntime } from './detectRuntime';
import { parseDotnetLines } from './dotnet';
import { parseFirefoxLines } from './firefox';
import { parseGoLines } from './go';
import { parseJvmLines } from './jvm';
import { splitStackLines } from './lines';
import { parsePhpLines } from './php';
import { parsePythonLines } from './python';
import { parseRubyLines } from './ruby';
import { parseV8Lines } from './v8';

type LinesParser = (lines: readonly string[]) => ParsedStackTrace | undefined;

const PARSERS: Record<Exclude<Runtime, 'unknown'>, LinesParser> = {
  v8: parseV8Lines,
  jvm: parseJvmLines,
  python: parsePythonLines,
  go: parseGoLines,
  dotnet: parseDotnetLines,
  ruby: parseRubyLines,
  php: parsePhpLines,
  firefox: parseFirefoxLines,
};

/**
 * Bounds on what one trace yields, so that a runaway recursion (a JVM StackOverflowError
 * prints 1024 frames) or a crafted text cannot make every later step (resolution,
 * fingerprints, the hover's "called from") pay for it. The crashing frames come first and
 * are the ones kept.
 */
export const MAX_FRAMES_PER_EXCEPTION = 256;
export const MAX_EXCEPTIONS = 16;

/** When detection settles nothing (or its parser finds no frame), the parsers are tried in this order. */
const FALLBACK_ORDER = Object.keys(PARSERS) as (keyof typeof PARSERS)[];

/**
 * Parses a stack trace from any supported runtime; undefined when none finds a frame.
 * The text is split once, the runtime detected from its lines, and that runtime's parser
 * tried first, so a trace costs one pass in the usual case and a bounded number otherwise.
 */
export function parseStackTrace(text: string): ParsedStackTrace | undefined {
  const lines = splitStackLines(text);
  const detected = detectRuntime(lines);
  if (detected !== 'unknown') {
    const parsed = withFrames(PARSERS[detected](lines));
    if (parsed) return parsed;
  }
  for (const runtime of FALLBACK_ORDER) {
    const parsed = runtime === detected ? undefined : withFrames(PARSERS[runtime](lines));
    if (parsed) return parsed;
  }
  return undefined;
}

/** The parse, bounded, when it found at least one frame. */
function withFrames(parsed: ParsedStackTrace | undefined): ParsedStackTrace | undefined {
  return parsed && parsed.exceptions.some((e) => e.frames.length > 0) ? bounded(parsed) : undefined;
}

function bounded(parsed: ParsedStackTrace): ParsedStackTrace {
  const exceptions = parsed.exceptions.slice(0, MAX_EXCEPTIONS);
  for (const exception of exceptions) {
    if (exception.frames.length > MAX_FRAMES_PER_EXCEPTION) exception.frames = exception.frames.slice(0, MAX_FRAMES_PER_EXCEPTION);
  }
  return { runtime: parsed.runtime, exceptions };
}
