/**
 * Makes untrusted text (log lines, exception messages, anything from a backend)
 * safe to embed in Markdown: every Markdown and HTML metacharacter is escaped, so
 * `[x](command:…)`, `<img onerror>` or `javascript:` links render as plain text,
 * and control and bidirectional-override characters are made visible.
 */
export function escapeMarkdown(text: string, maxLength = 2000): string {
  const clipped = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  let out = '';
  for (let i = 0; i < clipped.length; i++) {
    const ch = clipped[i]!;
    const code = clipped.charCodeAt(i);
    if (MARKDOWN_SPECIAL.has(ch)) out += `\\${ch}`;
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '&') out += '&amp;';
    else if (ch === '\n') out += ' ⏎ ';
    else if (isInvisibleControl(code)) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return out;
}

/** The same text for places that show plain text (tree items, quick picks, diagnostics). */
export function sanitisePlainText(text: string, maxLength = 500): string {
  const clipped = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  let out = '';
  for (let i = 0; i < clipped.length; i++) {
    const code = clipped.charCodeAt(i);
    if (code === 10 || code === 13 || code === 9) out += ' ';
    else if (isInvisibleControl(code)) out += '\uFFFD';
    else out += clipped[i];
  }
  return out;
}

const MARKDOWN_SPECIAL = new Set(['\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '.', '!', '|', '~', ':', '"', "'", '$']);

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
