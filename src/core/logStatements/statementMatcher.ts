import type { Level } from '../events';
import { AhoCorasick } from './ahoCorasick';
import { PrefixTrie } from './prefixTrie';
import { constantLength, type LogStatement, type Template } from './logStatement';
import { PreparedTemplate } from './templateMatch';

/** A statement as the matcher sees it: with the service whose code holds it, when known. */
export interface IndexedStatement {
  statement: LogStatement;
  service?: string;
}

/** Read only: a constant message's outcome is one object shared by every line equal to it. */
export type MatchOutcome =
  | { readonly kind: 'matched'; readonly statement: LogStatement }
  | { kind: 'ambiguous'; candidates: LogStatement[] }
  | { kind: 'none' };

/** The best candidates of one matcher: every statement fitting the message with the most constant characters. */
export interface TopMatches {
  specificity: number;
  /** Shared between calls (a constant message's answer is worked out once): never modified. */
  entries: readonly IndexedStatement[];
  /** The outcome when there is exactly one entry: deciding then reads and allocates nothing. */
  matched: MatchOutcome | undefined;
}

/** Templates with less constant text than this would match almost any line. */
const MIN_CONSTANT = 3;
/** Verifications per message: bounded so a line that fits many anchors still costs linear time. */
const MAX_VERIFY = 64;
/** Distinct anchors considered per message (a line holding more is hostile or degenerate). */
const MAX_ANCHORS = 256;

/** One indexed template: every candidate is this one class, so the checks that read them stay monomorphic. */
class Entry extends PreparedTemplate {
  constructor(
    readonly indexed: IndexedStatement,
    template: Template,
    readonly specificity: number,
    /** Which end of the message the index lookup already proved equal to the template's. */
    readonly prefixKnown: boolean,
    readonly suffixKnown: boolean,
  ) {
    super(template);
  }

  private aloneTop: TopMatches | undefined = undefined;

  /** The answer when this candidate is the only statement at the best specificity: made once, shared by every such message. */
  get alone(): TopMatches {
    return (this.aloneTop ??= topMatches(this.specificity, [this.indexed]));
  }
}


/**
 * Finds the logging statement that wrote a message. A template with a constant prefix
 * can only match a line starting with it, so most candidates come from walking a
 * prefix trie from the line's start (and a suffix trie from its end for templates
 * that start with a hole); templates with holes at both ends are indexed by their
 * longest constant in an Aho–Corasick automaton scanned over the line only when one
 * of them could still win. Candidates are verified most specific first by a
 * left-to-right piece matcher. Work per message is linear in its length.
 */
export class StatementMatcher {
  /** Templates without holes, by their text: most statements (structured loggers write a constant message). */
  private readonly literals = new Map<string, Entry[]>();
  /** What a line equal to a constant message matches when nothing is skipped, worked out once: the common case is one lookup. */
  private readonly literalTops = new Map<string, TopMatches>();
  /** Templates with a constant prefix, by prefix. */
  private readonly prefixes: KeyedIndex;
  /** Templates starting with a hole but ending with a constant, by suffix. */
  private readonly suffixes: KeyedIndex;
  /** Templates with holes at both ends, by their longest constant (found anywhere by Aho–Corasick). */
  private readonly middles: KeyedIndex;
  private readonly prefixTrie: PrefixTrie;
  private readonly suffixTrie: PrefixTrie;
  private readonly automaton: AhoCorasick;
  /** The most constant text any middle-only template has: past it, the scan cannot find a better match. */
  private readonly maxMiddleSpecificity: number;
  /** The same for templates starting with a hole and ending with a constant. */
  private readonly maxSuffixSpecificity: number;
  readonly size: number;

  /** Scratch state reused across messages (matching is synchronous, one message at a time). */
  private readonly found = new BestMatches();
  private readonly scratchKeys: number[] = [];
  private readonly scratchLists: Entry[][] = [];

  constructor(statements: Iterable<IndexedStatement>) {
    const prefixes = new KeyedIndex();
    const suffixes = new KeyedIndex();
    const middles = new KeyedIndex();
    let size = 0;
    let maxMiddle = 0;
    let maxSuffix = 0;
    for (const indexed of statements) {
      size++;
      for (const raw of indexed.statement.templates) {
        const template = normaliseTemplate(raw);
        const specificity = constantLength(template);
        if (specificity < MIN_CONSTANT) continue;
        const first = template.constants[0]!;
        const last = template.constants[template.constants.length - 1]!;
        if (template.holes.length === 0) {
          const literal = this.literals.get(first);
          const entry = new Entry(indexed, template, specificity, true, false);
          if (literal) literal.push(entry);
          else this.literals.set(first, [entry]);
        } else if (first !== '') prefixes.add(first, new Entry(indexed, template, specificity, true, false));
        else if (last !== '') {
          suffixes.add(last, new Entry(indexed, template, specificity, false, true));
          maxSuffix = Math.max(maxSuffix, specificity);
        } else {
          middles.add(longestConstant(template), new Entry(indexed, template, specificity, false, false));
          maxMiddle = Math.max(maxMiddle, specificity);
        }
      }
    }
    this.size = size;
    this.prefixes = prefixes.seal();
    this.suffixes = suffixes.seal();
    this.middles = middles.seal();
    this.prefixTrie = new PrefixTrie(this.prefixes.keys);
    this.suffixTrie = new PrefixTrie(this.suffixes.keys, true);
    this.automaton = new AhoCorasick(this.middles.keys);
    this.maxMiddleSpecificity = maxMiddle;
    this.maxSuffixSpecificity = maxSuffix;
    for (const [text, entries] of this.literals) this.literalTops.set(text, this.literalTop(text, entries, undefined));
  }

  /** What a line equal to a constant message matches: nothing can be more specific (every character is constant). */
  private literalTop(text: string, entries: Entry[], skip: ((s: LogStatement) => boolean) | undefined): TopMatches {
    const found = this.found.reset(text, skip);
    for (const entry of entries) found.consider(entry);
    return found.result();
  }

  /** The statements fitting `message` with the most constant characters; `skip` hides statements (e.g. of re-indexed files). */
  top(message: string, skip?: (s: LogStatement) => boolean): TopMatches {
    const text = trimLineEnd(message);
    if (text.length < MIN_CONSTANT) return NOTHING;
    if (!skip) {
      const top = this.literalTops.get(text);
      if (top) return top;
    } else {
      const literal = this.literals.get(text);
      const top = literal ? this.literalTop(text, literal, skip) : NOTHING;
      if (top.specificity > 0) return top;
    }
    const found = this.found.reset(text, skip);
    const lists = this.scratchLists;
    clear(lists);
    this.collect(this.prefixTrie, this.prefixes, text, lists);
    found.verify(lists);
    // Templates starting with a hole are checked after, and only when one could tie or beat the prefix match.
    if (this.maxSuffixSpecificity >= found.best && !this.suffixTrie.empty) {
      clear(lists);
      this.collect(this.suffixTrie, this.suffixes, text, lists);
      found.verify(lists);
    }
    this.verifyMiddles(text, found);
    // Checked in that order, a message that spent the whole verification budget may have spent it on other
    // candidates than the most-specific-first order does: redo it in that order, so the answer never depends on it.
    if (found.exhausted) return this.topMostSpecificFirst(text, skip);
    return found.result();
  }

  /**
   * The reference order: prefix and suffix candidates merged most specific first, then the middles.
   * `top` gives the same answer with fewer lookups when the budget is not spent (tests compare them).
   */
  topMostSpecificFirst(message: string, skip?: (s: LogStatement) => boolean): TopMatches {
    const text = trimLineEnd(message);
    if (text.length < MIN_CONSTANT) return NOTHING;
    const literal = this.literals.get(text);
    if (literal) {
      const top = this.literalTop(text, literal, skip);
      if (top.specificity > 0) return top;
    }
    const found = this.found.reset(text, skip);
    const lists = this.scratchLists;
    clear(lists);
    this.collect(this.prefixTrie, this.prefixes, text, lists);
    if (!this.suffixTrie.empty) this.collect(this.suffixTrie, this.suffixes, text, lists);
    found.verify(lists);
    this.verifyMiddles(text, found);
    return found.result();
  }

  /** Appends the candidate lists of the keys `trie` finds at the start (or, reversed, the end) of `text`. */
  private collect(trie: PrefixTrie, index: KeyedIndex, text: string, lists: Entry[][]): void {
    const keys = this.scratchKeys;
    clear(keys);
    trie.walk(text, keys);
    for (let i = 0; i < keys.length; i++) lists.push(index.lists[keys[i]!]!);
  }

  /** Templates with holes at both ends need a scan of the whole line; skipped when none could tie or beat what was found. */
  private verifyMiddles(text: string, found: BestMatches): void {
    if (this.maxMiddleSpecificity < found.best || this.middles.keys.length === 0) return;
    const keys = this.scratchKeys;
    const lists = this.scratchLists;
    clear(keys);
    clear(lists);
    this.automaton.search(text, keys, MAX_ANCHORS);
    for (let i = 0; i < keys.length; i++) lists.push(this.middles.lists[keys[i]!]!);
    found.verify(lists);
  }


  match(message: string, context: MatchContext = {}): MatchOutcome {
    return decide(this.top(message), context);
  }
}

export interface MatchContext {
  service?: string;
  level?: Level;
}

/** Picks one statement among the best: then the event's service, then its level; several left is ambiguity, not a guess. */
export function decide(top: TopMatches, context: MatchContext): MatchOutcome {
  if (top.matched) return top.matched;
  let entries = distinctStatements(top.entries);
  if (entries.length === 0) return { kind: 'none' };
  if (entries.length > 1 && context.service) entries = narrow(entries, (e) => e.service === context.service);
  if (entries.length > 1 && context.level) entries = narrow(entries, (e) => e.statement.level === context.level);
  if (entries.length === 1) return { kind: 'matched', statement: entries[0]!.statement };
  return { kind: 'ambiguous', candidates: entries.map((e) => e.statement) };
}

/** Merges the best matches of several matchers (a base index and an overlay of re-indexed files). */
export function mergeTop(results: readonly TopMatches[]): TopMatches {
  const best = Math.max(0, ...results.map((r) => r.specificity));
  return topMatches(best, results.filter((r) => r.specificity === best && best > 0).flatMap((r) => r.entries));
}

/** Entries grouped by a key string, each group most specific first. */
class KeyedIndex {
  keys: string[] = [];
  lists: Entry[][] = [];
  private readonly byKey = new Map<string, Entry[]>();

  add(key: string, entry: Entry): void {
    let list = this.byKey.get(key);
    if (!list) this.byKey.set(key, (list = []));
    list.push(entry);
  }

  seal(): this {
    this.keys = [...this.byKey.keys()];
    this.lists = this.keys.map((k) => this.byKey.get(k)!.sort((a, b) => b.specificity - a.specificity));
    this.byKey.clear();
    return this;
  }
}

/** Shared by every message that matched nothing: no array allocated on the common miss path. */
const NO_ENTRIES: IndexedStatement[] = [];
const NOTHING: TopMatches = { specificity: 0, entries: NO_ENTRIES, matched: undefined };

function topMatches(specificity: number, entries: readonly IndexedStatement[]): TopMatches {
  return { specificity, entries, matched: entries.length === 1 ? { kind: 'matched', statement: entries[0]!.statement } : undefined };
}

/** Verifies candidates most specific first and keeps every statement at the best specificity. */
class BestMatches {
  best = 0;
  /** The candidate that set `best`; `tied` lists the statements at `best` once a second one fits as well. */
  private first: Entry | undefined;
  private tied: IndexedStatement[] = NO_ENTRIES;
  private verified = 0;
  private heads = new Int32Array(64);
  private text = '';
  private skip: ((s: LogStatement) => boolean) | undefined;

  /** Whether the verification budget ran out (the answer then depends on the order candidates were checked in). */
  get exhausted(): boolean {
    return this.verified >= MAX_VERIFY;
  }

  reset(text: string, skip: ((s: LogStatement) => boolean) | undefined): this {
    this.best = 0;
    this.first = undefined;
    this.tied = NO_ENTRIES;
    this.verified = 0;
    this.text = text;
    this.skip = skip;
    return this;
  }

  /** Merges the (sorted) lists lazily, most specific first, within the verification budget. */
  verify(lists: Entry[][]): void {
    if (lists.length === 0) return;
    if (lists.length === 1) {
      for (const entry of lists[0]!) if (!this.consider(entry)) return;
      return;
    }
    const heads = this.heads.length >= lists.length ? this.heads : (this.heads = new Int32Array(lists.length * 2));
    heads.fill(0, 0, lists.length);
    while (this.verified < MAX_VERIFY) {
      let pick = -1;
      let pickSpecificity = -1;
      for (let i = 0; i < lists.length; i++) {
        const head = lists[i]![heads[i]!];
        if (head && head.specificity > pickSpecificity) {
          pick = i;
          pickSpecificity = head.specificity;
        }
      }
      if (pick < 0 || !this.consider(lists[pick]![heads[pick]!++]!)) return;
    }
  }

  /** Verifies one candidate; false when no later (less specific) candidate can count. */
  consider(entry: Entry): boolean {
    if (entry.specificity < this.best || this.verified >= MAX_VERIFY) return false;
    if (entry.specificity > this.text.length || this.skip?.(entry.indexed.statement)) return true;
    this.verified++;
    if (!entry.matches(this.text, entry.prefixKnown, entry.suffixKnown)) return true;
    // A later phase (the middles' scan) can beat what an earlier one found: the entries then start over.
    if (entry.specificity > this.best) {
      this.first = entry;
      this.tied = NO_ENTRIES;
    } else if (this.tied !== NO_ENTRIES) {
      if (!this.tied.includes(entry.indexed)) this.tied.push(entry.indexed);
    } else if (entry.indexed !== this.first!.indexed) this.tied = [this.first!.indexed, entry.indexed];
    this.best = entry.specificity;
    return true;
  }

  /** The statements found: one candidate's shared answer when it stands alone (no allocation on the common path). */
  result(): TopMatches {
    if (this.best === 0) return NOTHING;
    return this.tied === NO_ENTRIES ? this.first!.alone : topMatches(this.best, this.tied);
  }
}

/** Empties a scratch array: assigning `length` is a runtime call in V8 (a tenth of the matcher's profile), `pop` is inlined. */
function clear(items: unknown[]): void {
  while (items.length > 0) items.pop();
}

function narrow(entries: IndexedStatement[], keep: (e: IndexedStatement) => boolean): IndexedStatement[] {
  const kept = entries.filter(keep);
  return kept.length > 0 ? kept : entries;
}

function distinctStatements(entries: readonly IndexedStatement[]): IndexedStatement[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = `${e.statement.file}:${e.statement.line}:${e.statement.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function longestConstant(t: Template): string {
  let best = '';
  for (const c of t.constants) if (c.length > best.length) best = c;
  return best;
}

/**
 * Line ends are not part of a message: loggers add them, log shippers strip them.
 * Constants are copied into flat strings: a template built by concatenation is a
 * tree of string pieces in V8, and comparing a message against one (a Map lookup,
 * `startsWith`) walks that tree on every message.
 */
function normaliseTemplate(t: Template): Template {
  const constants = t.constants.map(flatString);
  const lastIndex = constants.length - 1;
  constants[lastIndex] = trimLineEnd(constants[lastIndex]!);
  return { constants, holes: t.holes };
}

function flatString(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

function trimLineEnd(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 10 || s.charCodeAt(end - 1) === 13)) end--;
  return end === s.length ? s : s.slice(0, end);
}
