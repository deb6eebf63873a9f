/**
 * The exception line(s) that precede or introduce a stack: `Type: message` in its
 * many spellings. Shared by the parsers so every runtime splits type and message alike.
 */

const MAX_TYPE_LENGTH = 200;

/**
 * True for a runtime's exception type name: letters, digits, `_`, `$`, `.`, `\` (PHP
 * namespaces), `:` pairs (Ruby `JSON::ParserError`), backticks and `+` (.NET generic and nested types).
 */
export function isTypeName(text: string): boolean {
  if (text.length === 0 || text.length > MAX_TYPE_LENGTH) return false;
  if (!isLetterOrUnderscore(text.charCodeAt(0))) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ok = isLetterOrUnderscore(c) || (c >= 48 && c <= 57) || c === 36 || c === 43 || c === 46 || c === 92 || c === 96 || isDoubleColon(text, i);
    if (!ok) return false;
  }
  return true;
}

function isLetterOrUnderscore(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

function isDoubleColon(text: string, i: number): boolean {
  return text[i] === ':' && (text[i + 1] === ':' || text[i - 1] === ':');
}

/**
 * Index of the `:` that ends a leading type name (`Type: …` or `Type:` at the end), or -1.
 * A colon followed by anything but white space is not one: `file:///app/x.mjs:4` and
 * `C:\app\x.cs` start with a scheme or a drive, not a type.
 */
function typeColon(line: string): number {
  let i = 0;
  while (i < line.length) {
    const colon = line.indexOf(':', i);
    if (colon < 0) return -1;
    if (line[colon + 1] === ':') {
      i = colon + 2; // Ruby's `A::B`: part of the name
      continue;
    }
    const after = line.charCodeAt(colon + 1);
    return Number.isNaN(after) || after === 32 || after === 9 ? colon : -1;
  }
  return -1;
}

/** True when the line starts with `Type: …` or is a bare `Type`. */
export function startsWithTypeName(line: string): boolean {
  const text = line.trim();
  const colon = typeColon(text);
  return isTypeName(colon > 0 ? text.slice(0, colon) : text);
}

/** `TypeError: x is undefined` → type and message; text without a type is all message, typed `fallbackType`. */
export function splitTypeAndMessage(header: string, fallbackType = 'Error'): { type: string; message: string } {
  const text = header.trim();
  const colon = typeColon(text);
  if (colon > 0 && isTypeName(text.slice(0, colon))) {
    return { type: text.slice(0, colon), message: text.slice(colon + 1).trim() };
  }
  if (isTypeName(text)) return { type: text, message: '' };
  return { type: fallbackType, message: text };
}

/**
 * The header among the lines printed before a stack's first frame: from the first
 * line that starts with a type name (log prefixes and source excerpts before it are
 * dropped) to the end, joined; all of it when no line starts with a type.
 */
export function headerFromLines(lines: readonly string[], isStart: (line: string) => boolean = startsWithTypeName): string {
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    if (isStart(lines[i]!)) {
      start = i;
      break;
    }
  }
  const from = start < 0 ? 0 : start;
  // Usually the header is one line: no slice and join for it.
  if (from === lines.length - 1) return lines[from]!.trim();
  return lines.slice(from).join('\n').trim();
}

/** Removes `prefix` from the start of `text` when present. */
export function stripPrefix(text: string, prefix: string): string {
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}
