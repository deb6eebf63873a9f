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
  const order = detected === 'unknown' ? FALLBACK_ORDER : [detected, ...FALLBACK_ORDER.filter((r) => r !== detected)];
  for (const runtime of order) {
    const parsed = PARSERS[runtime](lines);
    if (parsed && parsed.exceptions.some((e) => e.frames.length > 0)) return parsed;
  }
  return undefined;
}
