/** 64-bit FNV-1a over the parts, as 16 hex digits: stable across runs and machines. */
export function fingerprint(...parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193) >>> 0; // part separator
  }
  return hex64(h1, h2);
}

/** Char codes of the hex digits, for building a fingerprint without Number#toString(16). */
const HEX_DIGITS = Array.from('0123456789abcdef', (d) => d.charCodeAt(0));

/**
 * The 16 hex digits of two 32-bit words. Built with one `String.fromCharCode`: radix-16
 * `toString` and `padStart` were most of the cost of fingerprinting an event, and the
 * result is one flat string (concatenation would give a rope that every Map lookup of
 * the fingerprint flattens again).
 */
function hex64(h1: number, h2: number): string {
  const d = HEX_DIGITS;
  return String.fromCharCode(
    d[(h1 >>> 28) & 15]!, d[(h1 >>> 24) & 15]!, d[(h1 >>> 20) & 15]!, d[(h1 >>> 16) & 15]!,
    d[(h1 >>> 12) & 15]!, d[(h1 >>> 8) & 15]!, d[(h1 >>> 4) & 15]!, d[h1 & 15]!,
    d[(h2 >>> 28) & 15]!, d[(h2 >>> 24) & 15]!, d[(h2 >>> 20) & 15]!, d[(h2 >>> 16) & 15]!,
    d[(h2 >>> 12) & 15]!, d[(h2 >>> 8) & 15]!, d[(h2 >>> 4) & 15]!, d[h2 & 15]!,
  );
}

/** Replaces the variable parts of a message (numbers, hex ids, quoted values) so repeats group together. */
export function normaliseMessage(message: string): string {
  let out = '';
  let i = 0;
  const text = message.length > 500 ? message.slice(0, 500) : message;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      while (i < text.length && isAlnum(text.charCodeAt(i))) i++;
      out += '#';
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnum(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 46;
}
