/** Splits text into lines on \n, \r\n or \r without a regex, so cost stays linear on any input. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  // Most text has no \r: then indexOf (a native scan) finds each line end.
  if (text.indexOf('\r') < 0) {
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      lines.push(text.slice(start, end));
      start = end + 1;
    }
    if (start < text.length) lines.push(text.slice(start));
    return lines;
  }
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push(text.slice(start, i));
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** Parses a run of ASCII digits; undefined when the text is not only digits. */
export function parsePositiveInt(text: string): number | undefined {
  return digitsAt(text, 0, text.length);
}

/** `parsePositiveInt` of `text.slice(from, to)`, without making the slice. */
function digitsAt(text: string, from: number, to: number): number | undefined {
  if (to <= from || to - from > 9) return undefined;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** Splits `path:line:col` or `path:line` from the right; the path itself may contain colons. */
export function splitLocation(text: string): { file: string; line?: number; column?: number } {
  const last = text.lastIndexOf(':');
  if (last <= 0) return { file: text };
  const tail = digitsAt(text, last + 1, text.length);
  if (tail === undefined) return { file: text };
  const prev = text.lastIndexOf(':', last - 1);
  const mid = prev > 0 ? digitsAt(text, prev + 1, last) : undefined;
  if (mid !== undefined) return { file: text.slice(0, prev), line: mid, column: tail };
  return { file: text.slice(0, last), line: tail };
}

/**
 * Longest line a parser looks at. Stack frame lines are short; a longer line (a huge
 * message, a minified bundle) is cut so that per-line work stays bounded.
 */
export const MAX_LINE_LENGTH = 4096;

/** Splits a trace into lines, each cut to MAX_LINE_LENGTH. */
export function splitStackLines(text: string): string[] {
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > MAX_LINE_LENGTH) lines[i] = line.slice(0, MAX_LINE_LENGTH);
  }
  return lines;
}

/** Number of leading spaces and tabs. */
export function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}

/** True when the character at `index` is an ASCII digit. */
export function isDigitAt(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  return c >= 48 && c <= 57;
}

/** Index of the `(` that opens the parenthesised group closing at the end of `text`, or -1. */
export function matchingOpenParen(text: string): number {
  // Usually the group holds no parenthesis of its own: then it opens at the last `(`.
  const last = text.lastIndexOf('(');
  if (last >= 0 && text.charCodeAt(text.length - 1) === 41 && text.indexOf(')', last) === text.length - 1) return last;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 41) depth++;
    else if (c === 40) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Index of the `)` that closes the `(` at `open`, or -1. */
export function matchingCloseParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
