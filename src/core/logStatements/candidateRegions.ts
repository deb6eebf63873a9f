import type { SkimSyntax } from './languageSpec';

/** A slice of a file to parse: whole lines, from the start of a line holding a receiver word to the end of its statement. */
export interface Region {
  /** Byte offsets into the file. */
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
}

/** A statement longer than this is cut: tree-sitter recovers, and the index stays bounded on minified code. */
const MAX_REGION = 16_384;
/** Regions closer than this are parsed together: one parse is cheaper than two. */
const MERGE_GAP = 256;

const NL = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;
const BACKSLASH = 92;
const SLASH = 47;
const STAR = 42;

/**
 * Finds where logging calls can be without parsing, on the raw bytes (no decoding of
 * the whole file): every receiver word used as a receiver or callee (followed by `.`,
 * `->`, `::` or `(`), from the start of its line to the end of its statement (brackets
 * balanced, strings and comments skipped). Parsing only these slices is what keeps a
 * cold index within a few times of `rg` on large trees; a file with no receiver word
 * costs one native `indexOf` per needle.
 */
export function candidateRegions(bytes: Uint8Array, needles: readonly string[], syntax: SkimSyntax, options: { wholeWord?: boolean } = {}): Region[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hits = findHits(buffer, needles, options.wholeWord ?? false);
  const regions: Region[] = [];
  let line = 0;
  let counted = 0;
  for (const hit of hits) {
    const last = regions[regions.length - 1];
    if (last && hit < last.end) continue;
    if (!looksLikeReceiver(buffer, hit)) continue;
    const start = hit === 0 ? 0 : buffer.lastIndexOf(NL, hit - 1) + 1;
    const end = statementEnd(buffer, start, syntax, hit);
    line += countNewlines(buffer, counted, start);
    counted = start;
    if (last && start - last.end <= MERGE_GAP) last.end = end;
    else regions.push({ start, end, line });
  }
  return regions;
}

function findHits(buffer: Buffer, needles: readonly string[], wholeWord: boolean): number[] {
  const hits: number[] = [];
  for (const needle of needles) {
    const bytes = Buffer.from(needle, 'utf8');
    for (let at = buffer.indexOf(bytes); at >= 0; at = buffer.indexOf(bytes, at + bytes.length)) {
      if (wholeWord && (isWordByte(buffer[at - 1]) || isWordByte(buffer[at + bytes.length]))) continue;
      hits.push(at);
    }
  }
  return hits.sort((a, b) => a - b);
}

function countNewlines(buffer: Buffer, from: number, to: number): number {
  let n = 0;
  for (let at = buffer.indexOf(NL, from); at >= 0 && at < to; at = buffer.indexOf(NL, at + 1)) n++;
  return n;
}

/**
 * Whether the word holding `hit` is used as a receiver or callee: followed (maybe
 * after blanks) by `.`, `->`, `::` or `(`. `logger.info` and `getLogger()` qualify;
 * `function f(logger)` or `Enable_verbose_logging,` do not, which keeps regions few.
 */
function looksLikeReceiver(b: Buffer, hit: number): boolean {
  let i = hit;
  while (i < b.length && isWordByte(b[i])) i++;
  while (i < b.length && (b[i] === SPACE || b[i] === TAB || b[i] === NL || b[i] === CR || b[i] === 63 /* ? */ || b[i] === 33 /* ! */)) i++;
  const c = b[i];
  return c === 46 /* . */ || c === 40 /* ( */ || (c === 45 /* - */ && b[i + 1] === 62) /* > */ || (c === 58 /* : */ && b[i + 1] === 58);
}

/** Letters, digits, `_`, `$`, `@` and any byte of a multi-byte UTF-8 character. */
function isWordByte(c: number | undefined): boolean {
  if (c === undefined) return false;
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 64 || c >= 128;
}

/**
 * The end of the statement around `hit` (a region starts at its line's start): the
 * first line end where the brackets open at the hit are closed again, unless the
 * next line continues a method chain (`.info(…)`).
 */
export function statementEnd(b: Buffer, start: number, syntax: SkimSyntax, hit = start): number {
  const limit = Math.min(b.length, start + MAX_REGION);
  let depth = 0;
  let base = Number.POSITIVE_INFINITY;
  let i = start;
  while (i < limit) {
    if (i >= hit && base === Number.POSITIVE_INFINITY) base = depth;
    const c = b[i]!;
    if (c === NL) {
      if (i >= hit && depth <= base && !continuesChain(b, i + 1, limit)) return i;
      i++;
    } else if (c === 40 || c === 91 || c === 123) {
      depth++;
      i++;
    } else if (c === 41 || c === 93 || c === 125) {
      depth--;
      i++;
    } else if (c === 34 || c === 39 || c === 96) i = skipString(b, i, limit, syntax);
    else if (startsComment(b, i, syntax)) i = skipComment(b, i, limit);
    else i++;
  }
  if (limit === b.length) return limit;
  const cut = b.lastIndexOf(NL, limit);
  return cut > start ? cut : limit;
}

function continuesChain(b: Buffer, from: number, limit: number): boolean {
  let i = from;
  while (i < limit && (b[i] === SPACE || b[i] === TAB || b[i] === CR)) i++;
  return b[i] === 46 || (b[i] === 45 && b[i + 1] === 62);
}

function skipString(b: Buffer, at: number, limit: number, syntax: SkimSyntax): number {
  const q = b[at]!;
  if (syntax.tripleQuotes && b[at + 1] === q && b[at + 2] === q) {
    const close = b.indexOf(Buffer.from([q, q, q]), at + 3);
    return close < 0 || close > limit ? limit : close + 3;
  }
  const multiline = syntax.multilineQuotes.includes(String.fromCharCode(q));
  let i = at + 1;
  while (i < limit) {
    const c = b[i]!;
    if (c === BACKSLASH) i += 2;
    else if (c === q) return i + 1;
    else if (c === NL && !multiline) return i;
    else i++;
  }
  return limit;
}

function startsComment(b: Buffer, i: number, syntax: SkimSyntax): boolean {
  const c = b[i];
  if (syntax.blockComments && c === SLASH && b[i + 1] === STAR) return true;
  for (const marker of syntax.lineComments) {
    if (c !== marker.charCodeAt(0)) continue;
    if (marker.length === 1 || b[i + 1] === marker.charCodeAt(1)) return true;
  }
  return false;
}

function skipComment(b: Buffer, i: number, limit: number): number {
  if (b[i] === SLASH && b[i + 1] === STAR) {
    const close = b.indexOf('*/', i + 2);
    return close < 0 || close > limit ? limit : close + 2;
  }
  const eol = b.indexOf(NL, i);
  return eol < 0 || eol > limit ? limit : eol;
}
