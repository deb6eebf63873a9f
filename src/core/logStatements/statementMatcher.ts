import type { Level } from '../events';
import { AhoCorasick } from './ahoCorasick';
import { constantLength, type LogStatement, type Template } from './logStatement';
import { templateMatches } from './templateMatch';

/** A statement as the matcher sees it: with the service whose code holds it, when known. */
export interface IndexedStatement {
  statement: LogStatement;
  service?: string;
}

export type MatchOutcome =
  | { kind: 'matched'; statement: LogStatement }
  | { kind: 'ambiguous'; candidates: LogStatement[] }
  | { kind: 'none' };

/** The best candidates of one matcher: every statement fitting the message with the most constant characters. */
export interface TopMatches {
  specificity: number;
  entries: IndexedStatement[];
}

/** Templates with less constant text than this would match almost any line. */
const MIN_CONSTANT = 3;
/** Verifications per message: bounded so a line that fits many anchors still costs linear time. */
const MAX_VERIFY = 64;
const MAX_CANDIDATES = 512;

interface Entry {
  indexed: IndexedStatement;
  template: Template;
  specificity: number;
}

/**
 * Finds the logging statement that wrote a message. Each template is indexed by its
 * longest constant piece in an Aho–Corasick automaton; a message is scanned once,
 * and the statements whose anchor occurs are verified, most specific first, by a
 * left-to-right piece matcher. Work per message is linear in its length.
 */
export class StatementMatcher {
  private readonly automaton: AhoCorasick;
  /** Entries per anchor, most specific first. */
  private readonly byAnchor: Entry[][];
  readonly size: number;

  constructor(statements: Iterable<IndexedStatement>) {
    const anchors = new Map<string, Entry[]>();
    let size = 0;
    for (const indexed of statements) {
      size++;
      for (const raw of indexed.statement.templates) {
        const template = normaliseTemplate(raw);
        const specificity = constantLength(template);
        if (specificity < MIN_CONSTANT) continue;
        const anchor = longestConstant(template);
        let list = anchors.get(anchor);
        if (!list) anchors.set(anchor, (list = []));
        list.push({ indexed, template, specificity });
      }
    }
    this.size = size;
    const keys = [...anchors.keys()];
    this.byAnchor = keys.map((k) => anchors.get(k)!.sort((a, b) => b.specificity - a.specificity));
    this.automaton = new AhoCorasick(keys);
  }

  /** The statements fitting `message` with the most constant characters; `skip` hides statements (e.g. of re-indexed files). */
  top(message: string, skip?: (s: LogStatement) => boolean): TopMatches {
    const text = trimLineEnd(message);
    const candidates: Entry[] = [];
    this.automaton.search(text, (anchor) => {
      for (const entry of this.byAnchor[anchor]!) {
        if (candidates.length >= MAX_CANDIDATES) return;
        if (entry.specificity <= text.length) candidates.push(entry);
      }
    });
    candidates.sort((a, b) => b.specificity - a.specificity);
    let best = 0;
    const entries: IndexedStatement[] = [];
    let verified = 0;
    for (const entry of candidates) {
      if (entry.specificity < best || verified >= MAX_VERIFY) break;
      if (skip?.(entry.indexed.statement)) continue;
      verified++;
      if (!templateMatches(text, entry.template)) continue;
      best = entry.specificity;
      if (!entries.includes(entry.indexed)) entries.push(entry.indexed);
    }
    return { specificity: best, entries };
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
  return { specificity: best, entries: results.filter((r) => r.specificity === best && best > 0).flatMap((r) => r.entries) };
}

function narrow(entries: IndexedStatement[], keep: (e: IndexedStatement) => boolean): IndexedStatement[] {
  const kept = entries.filter(keep);
  return kept.length > 0 ? kept : entries;
}

function distinctStatements(entries: IndexedStatement[]): IndexedStatement[] {
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

/** Line ends are not part of a message: loggers add them, log shippers strip them. */
function normaliseTemplate(t: Template): Template {
  const lastIndex = t.constants.length - 1;
  const last = t.constants[lastIndex]!;
  const trimmed = trimLineEnd(last);
  if (trimmed === last) return t;
  const constants = [...t.constants];
  constants[lastIndex] = trimmed;
  return { constants, holes: t.holes };
}

function trimLineEnd(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 10 || s.charCodeAt(end - 1) === 13)) end--;
  return end === s.length ? s : s.slice(0, end);
}
