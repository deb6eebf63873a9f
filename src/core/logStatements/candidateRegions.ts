import type { SkimSyntax } from './languageSpec';

/** A slice of a file to parse: whole lines, from the start of a line holding a receiver word to the end of its statement. */
export interface Region {
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
}

/** A statement longer than this is cut: tree-sitter recovers, and the index stays bounded on minified code. */
const MAX_REGION = 16_384;
/** Regions closer than this are parsed together: one parse is cheaper than two. */
const MERGE_GAP = 256;

/**
 * Finds where logging calls can be without parsing: every line holding one of the
 * receiver words, extended to the end of the statement it starts (brackets balanced,
 * strings and comments skipped). Parsing only these slices is what keeps a cold index
 * within a few times of `rg` on large trees; a file with no receiver word costs one
 * `indexOf` per needle.
 */
export function candidateRegions(text: string, needles: readonly string[], syntax: SkimSyntax, options: { wholeWord?: boolean } = {}): Region[] {
  const hits = findHits(text, needles, options.wholeWord ?? false);
  const regions: Region[] = [];
  let line = 0;
  let counted = 0;
  for (const hit of hits) {
    const last = regions[regions.length - 1];
    if (last && hit < last.end) continue;
    if (!looksLikeReceiver(text, hit)) continue;
    const start = text.lastIndexOf('\n', hit - 1) + 1;
    const end = statementEnd(text, start, syntax, hit);
    line += countNewlines(text, counted, start);
    counted = start;
    if (last && start - last.end <= MERGE_GAP) last.end = end;
    else regions.push({ start, end, line });
  }
  return regions;
}

function findHits(text: string, needles: readonly string[], wholeWord: boolean): number[] {
  const hits: number[] = [];
  for (const needle of needles) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
      if (wholeWord && (isWordChar(text.charCodeAt(at - 1)) || isWordChar(text.charCodeAt(at + needle.length)))) continue;
      hits.push(at);
    }
  }
  return hits.sort((a, b) => a - b);
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/**
 * Whether the word holding `hit` is used as a receiver or callee: followed (maybe
 * after blanks) by `.`, `->`, `::` or `(`. `logger.info` and `getLogger()` qualify;
 * `function f(logger)` or `Enable_verbose_logging,` do not, which keeps regions few.
 */
function looksLikeReceiver(text: string, hit: number): boolean {
  let i = hit;
  while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r' || text[i] === '?' || text[i] === '!')) i++;
  const c = text[i];
  return c === '.' || c === '(' || (c === '-' && text[i + 1] === '>') || (c === ':' && text[i + 1] === ':');
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 64;
}

/**
 * The end of the statement around `hit` (a region starts at its line's start): the
 * first line end where the brackets open at the hit are closed again, unless the
 * next line continues a method chain (`.info(…)`).
 */
export function statementEnd(text: string, start: number, syntax: SkimSyntax, hit = start): number {
  const limit = Math.min(text.length, start + MAX_REGION);
  let depth = 0;
  let base = Number.POSITIVE_INFINITY;
  let i = start;
  while (i < limit) {
    if (i >= hit && base === Number.POSITIVE_INFINITY) base = depth;
    const c = text[i]!;
    if (c === '\n') {
      if (i >= hit && depth <= base && !continuesChain(text, i + 1, limit)) return i;
      i++;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
      i++;
    } else if (c === '"' || c === "'" || c === '`') i = skipString(text, i, limit, syntax);
    else if (startsComment(text, i, syntax)) i = skipComment(text, i, limit);
    else i++;
  }
  if (limit === text.length) return limit;
  const cut = text.lastIndexOf('\n', limit);
  return cut > start ? cut : limit;
}

function continuesChain(text: string, from: number, limit: number): boolean {
  let i = from;
  while (i < limit && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
  return text[i] === '.' || (text[i] === '-' && text[i + 1] === '>');
}

function skipString(text: string, at: number, limit: number, syntax: SkimSyntax): number {
  const q = text[at]!;
  if (syntax.tripleQuotes && text[at + 1] === q && text[at + 2] === q) {
    const close = text.indexOf(q + q + q, at + 3);
    return close < 0 || close > limit ? limit : close + 3;
  }
  const multiline = syntax.multilineQuotes.includes(q);
  let i = at + 1;
  while (i < limit) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === q) return i + 1;
    else if (c === '\n' && !multiline) return i;
    else i++;
  }
  return limit;
}

function startsComment(text: string, i: number, syntax: SkimSyntax): boolean {
  if (syntax.blockComments && text[i] === '/' && text[i + 1] === '*') return true;
  for (const marker of syntax.lineComments) if (text.startsWith(marker, i)) return true;
  return false;
}

function skipComment(text: string, i: number, limit: number): number {
  if (text[i] === '/' && text[i + 1] === '*') {
    const close = text.indexOf('*/', i + 2);
    return close < 0 || close > limit ? limit : close + 2;
  }
  const eol = text.indexOf('\n', i);
  return eol < 0 || eol > limit ? limit : eol;
}
