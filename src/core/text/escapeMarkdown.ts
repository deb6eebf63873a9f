/**
 * Makes untrusted text (log lines, exception messages, anything from a backend)
 * safe to embed in Markdown: every Markdown and HTML metacharacter is escaped, so
 * `[x](command:…)`, `<img onerror>` or `javascript:` links render as plain text,
 * and control and bidirectional-override characters are made visible.
 */
export function escapeMarkdown(text: string, maxLength = 2000): string {
  return replaceEach(clip(text, maxLength), markdownReplacement);
}

/** The same text for places that show plain text (tree items, quick picks, diagnostics). */
export function sanitisePlainText(text: string, maxLength = 500): string {
  return replaceEach(clip(text, maxLength), plainReplacement);
}

function clip(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

/**
 * The text with each character `replacement` names replaced. Runs that need no change are
 * copied as one slice and the pieces joined once, so the cost stays linear in the text (a
 * string grown one character at a time slows down several-fold past a few hundred KB).
 */
export function replaceEach(text: string, replacement: (code: number) => string | undefined): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const r = replacement(text.charCodeAt(i));
    if (r === undefined) continue;
    if (i > start) parts.push(text.slice(start, i));
    parts.push(r);
    start = i + 1;
  }
  if (parts.length === 0) return text;
  if (start < text.length) parts.push(text.slice(start));
  return parts.join('');
}

const MARKDOWN_SPECIAL = new Set([...'\\`*_{}[]()#+-.!|~:"\'$'].map((ch) => ch.charCodeAt(0)));

function markdownReplacement(code: number): string | undefined {
  if (MARKDOWN_SPECIAL.has(code)) return `\\${String.fromCharCode(code)}`;
  if (code === 60) return '&lt;';
  if (code === 62) return '&gt;';
  if (code === 38) return '&amp;';
  if (code === 10) return ' ⏎ ';
  if (isInvisibleControl(code)) return `\\u{${code.toString(16)}}`;
  return undefined;
}

function plainReplacement(code: number): string | undefined {
  if (code === 10 || code === 13 || code === 9) return ' ';
  if (isInvisibleControl(code)) return '\uFFFD';
  return undefined;
}

/** C0/C1 controls (ANSI escapes start with ESC), NUL, and the Unicode bidi overrides and isolates. */
function isInvisibleControl(code: number): boolean {
  return (
    (code < 32 && code !== 10 && code !== 9) ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x061c
  );
}
