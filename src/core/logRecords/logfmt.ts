/**
 * logfmt (`time=… level=error msg="quoted \"x\"" caller=main.go:42`, as logrus's text
 * formatter, go-kit and Heroku write it), read by one left-to-right pass: linear in the
 * line's length whatever it holds.
 */

/** Keys one of which a line must have to count as a logfmt record rather than prose with an `=` in it. */
const RECORD_KEYS = new Set(['level', 'lvl', 'msg', 'message', 'time', 'ts', 'severity']);

/** The pairs of a logfmt line, or undefined when the line is not logfmt. */
export function parseLogfmt(line: string): Record<string, string> | undefined {
  const pairs: Record<string, string> = {};
  let count = 0;
  let known = false;
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && isKeyChar(line.charCodeAt(i))) i++;
    if (i === keyStart) return undefined;
    const key = line.slice(keyStart, i);
    let value = 'true';
    const hasValue = line.charCodeAt(i) === 61; /* = */
    // The first pair must have a value: a line of plain words is not logfmt.
    if (count === 0 && !hasValue) return undefined;
    if (hasValue) {
      i++;
      if (line.charCodeAt(i) === 34 /* " */) {
        const quoted = readQuoted(line, i + 1);
        if (!quoted) return undefined;
        value = quoted.value;
        i = quoted.end;
      } else {
        const valueStart = i;
        while (i < n && !isSpace(line.charCodeAt(i))) i++;
        value = line.slice(valueStart, i);
      }
    } else if (i < n && !isSpace(line.charCodeAt(i))) {
      return undefined;
    }
    pairs[key] = value;
    count++;
    if (RECORD_KEYS.has(key)) known = true;
  }
  return count >= 2 && known ? pairs : undefined;
}

/** A double-quoted value with `\"`, `\\`, `\n`, `\t` escapes, from just past the opening quote. */
function readQuoted(line: string, start: number): { value: string; end: number } | undefined {
  let out = '';
  let runStart = start;
  for (let i = start; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) return { value: out + line.slice(runStart, i), end: i + 1 };
    if (c === 92 /* \ */ && i + 1 < line.length) {
      out += line.slice(runStart, i) + unescape(line[i + 1]!);
      i++;
      runStart = i + 1;
    }
  }
  return undefined;
}

function unescape(c: string): string {
  if (c === 'n') return '\n';
  if (c === 't') return '\t';
  if (c === 'r') return '\r';
  return c;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Letters, digits and `_ . - / @`: what logfmt writers put in keys. */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 47 || c === 64;
}
