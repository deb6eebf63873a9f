import type { ParsedStackTrace } from '../events';
import { parseV8Stack } from './v8';

type StackParser = (text: string) => ParsedStackTrace | undefined;

/** Parsers tried in order; the first that recognises the text wins. */
const PARSERS: StackParser[] = [parseV8Stack];

/** Parses a stack trace from any supported runtime; undefined when none recognises it. */
export function parseStackTrace(text: string): ParsedStackTrace | undefined {
  for (const parse of PARSERS) {
    const parsed = parse(text);
    if (parsed && parsed.exceptions.some((e) => e.frames.length > 0)) return parsed;
  }
  return undefined;
}
