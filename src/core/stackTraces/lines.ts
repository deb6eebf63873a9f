/** Splits text into lines on \n, \r\n or \r without a regex, so cost stays linear on any input. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
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
  if (text.length === 0 || text.length > 9) return undefined;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
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
  const tail = parsePositiveInt(text.slice(last + 1));
  if (tail === undefined) return { file: text };
  const prev = text.lastIndexOf(':', last - 1);
  const mid = prev > 0 ? parsePositiveInt(text.slice(prev + 1, last)) : undefined;
  if (mid !== undefined) return { file: text.slice(0, prev), line: mid, column: tail };
  return { file: text.slice(0, last), line: tail };
}
