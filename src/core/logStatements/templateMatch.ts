import type { HoleKind, Template } from './logStatement';

/**
 * Whether `message` is `template` with its holes filled: the prefix and suffix are
 * checked in place, the constants between found left to right at their leftmost
 * place (correct for holes that match any text, and for number holes, since a later
 * place would only lengthen the hole). No regular expression, no backtracking.
 */
export function templateMatches(message: string, template: Template, ends: KnownEnds = {}): boolean {
  const { constants, holes } = template;
  const first = constants[0]!;
  if (holes.length === 0) return message === first;
  const last = constants[constants.length - 1]!;
  const end = message.length - last.length;
  if (end < first.length) return false;
  if (!ends.prefix && !message.startsWith(first)) return false;
  if (!ends.suffix && !message.endsWith(last)) return false;
  let pos = first.length;
  for (let i = 1; i < constants.length - 1; i++) {
    const c = constants[i]!;
    const number = holes[i - 1] === 'number';
    const at = message.indexOf(c, number ? pos + 1 : pos);
    if (at < 0 || at + c.length > end) return false;
    if (number && !isNumberText(message, pos, at)) return false;
    pos = at + c.length;
  }
  return holes[holes.length - 1] !== 'number' || isNumberText(message, pos, end);
}

/** Ends the caller already checked (the matcher's prefix and suffix tries do). */
export interface KnownEnds {
  prefix?: boolean;
  suffix?: boolean;
}

/**
 * A printed number: digits with sign, point, exponent or grouping, or NaN/Infinity (what `%d`
 * prints for the rest). Read in place, no substring: the matcher checks number holes per line.
 */
function isNumberText(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const n = to - from;
  if ((n === 3 && s.startsWith('NaN', from)) || (n === 8 && s.startsWith('Infinity', from)) || (n === 9 && s.startsWith('-Infinity', from))) return true;
  let digits = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c !== 43 && c !== 45 && c !== 46 && c !== 101 && c !== 69 && c !== 44 && c !== 95) return false;
  }
  return digits > 0;
}

/**
 * A template laid out for checking many messages: the pieces as fields of one object
 * instead of arrays behind it, so a check reads fewer places in memory (the matcher's
 * checks were bound by those loads, not by comparing characters), and number holes are
 * checked without cutting a substring. Same answers as `templateMatches`.
 */
export class PreparedTemplate {
  readonly first: string;
  readonly last: string;
  /** The constants between the first and the last. */
  readonly middles: readonly string[];
  readonly holes: readonly HoleKind[];
  readonly literal: boolean;
  readonly anyNumberHole: boolean;
  /** Bit i set when hole i (of the first 31) is a number hole: read without loading the `holes` array. */
  private readonly numberHoleBits: number;
  private readonly lastHoleNumber: boolean;

  constructor(template: Template) {
    const { constants, holes } = template;
    this.first = constants[0]!;
    this.last = constants[constants.length - 1]!;
    this.middles = constants.slice(1, -1);
    this.holes = holes;
    this.literal = holes.length === 0;
    this.anyNumberHole = holes.includes('number');
    let bits = 0;
    for (let i = 0; i < Math.min(holes.length, 31); i++) if (holes[i] === 'number') bits |= 1 << i;
    this.numberHoleBits = bits;
    this.lastHoleNumber = holes[holes.length - 1] === 'number';
  }

  /** Whether `message` is this template with its holes filled; `prefixKnown`/`suffixKnown`: ends the caller already checked. */
  matches(message: string, prefixKnown: boolean, suffixKnown: boolean): boolean {
    if (this.literal) return message === this.first;
    const first = this.first;
    const last = this.last;
    const end = message.length - last.length;
    if (end < first.length) return false;
    if (!prefixKnown && !message.startsWith(first)) return false;
    if (!suffixKnown && !message.endsWith(last)) return false;
    const middles = this.middles;
    if (middles.length === 0 && !this.anyNumberHole) return true;
    return this.middlesMatch(message, first.length, end);
  }

  /** The constants between the ends, each at its leftmost place from `pos`, and the number holes' text. */
  private middlesMatch(message: string, pos: number, end: number): boolean {
    const { middles, numberHoleBits } = this;
    for (let i = 0; i < middles.length; i++) {
      const c = middles[i]!;
      const number = i < 31 ? ((numberHoleBits >>> i) & 1) === 1 : this.holes[i] === 'number';
      const at = message.indexOf(c, number ? pos + 1 : pos);
      if (at < 0 || at + c.length > end) return false;
      if (number && !isNumberText(message, pos, at)) return false;
      pos = at + c.length;
    }
    return !this.lastHoleNumber || isNumberText(message, pos, end);
  }
}
