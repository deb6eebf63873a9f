import { LruCache } from '../lruCache';
import type { SourceLocation } from '../mapping/frameResolver';

/** Texts longer than this are not worth a pool slot: they are rarely repeated across groups. */
const MAX_SHARED_TEXT = 256;
/** V8 makes a slice (a view that keeps its parent string alive) only from this length on. */
const MIN_SLICED_LENGTH = 13;

/**
 * One instance of each value that many groups repeat (exception types, services,
 * source and release names, locations and "called from" lists), so 100k groups hold
 * references instead of 100k equal copies. Bounded: the pools are LRU caches, so a
 * value no group uses any more drops out once enough other values have been seen,
 * and the pools never hold more than `capacity` values each whatever the events say.
 */
export class SharedValues {
  private readonly texts: LruCache<string, string>;
  private readonly locations: LruCache<string, SourceLocation>;
  private readonly frameLists: LruCache<string, readonly SourceLocation[]>;
  private readonly countLists: LruCache<string, number[]>;

  constructor(readonly capacity = 8192) {
    this.texts = new LruCache(capacity);
    this.locations = new LruCache(capacity);
    this.frameLists = new LruCache(capacity);
    this.countLists = new LruCache(capacity);
  }

  get size(): number {
    return this.texts.size + this.locations.size + this.frameLists.size + this.countLists.size;
  }

  /** The pooled copy of a short text; a copy detached from any larger string it was sliced from. */
  text(value: string): string {
    if (value.length > MAX_SHARED_TEXT) return value;
    const shared = this.texts.get(value);
    if (shared !== undefined) return shared;
    const copy = detached(value);
    this.texts.set(copy, copy);
    return copy;
  }

  /** The pooled location equal to this one (a compact object with only its own fields). */
  location(l: SourceLocation): SourceLocation {
    const key = locationKey(l);
    const shared = this.locations.get(key);
    if (shared) return shared;
    const file = this.text(l.file);
    const copy: SourceLocation = l.column === undefined ? { file, line: l.line } : { file, line: l.line, column: l.column };
    this.locations.set(key, copy);
    return copy;
  }

  /** The pooled list equal to this one (frozen: every group holding it shares it). */
  frames(list: readonly SourceLocation[]): readonly SourceLocation[] {
    if (list.length === 0) return NO_FRAMES;
    let key = '';
    for (const l of list) key += `${locationKey(l)}\n`;
    const shared = this.frameLists.get(key);
    if (shared) return shared;
    const copy = Object.freeze(list.map((l) => this.location(l)));
    this.frameLists.set(key, copy);
    return copy;
  }

  /** The pooled list of numbers equal to this one (frozen: whoever holds it copies it to change it). */
  counts(list: number[]): number[] {
    const key = list.join(',');
    const shared = this.countLists.get(key);
    if (shared) return shared;
    Object.freeze(list);
    this.countLists.set(key, list);
    return list;
  }
}

export const NO_FRAMES: readonly SourceLocation[] = Object.freeze([]);

/** Same file, line and column. */
export function sameLocation(a: SourceLocation | undefined, b: SourceLocation): boolean {
  return a !== undefined && a.line === b.line && a.column === b.column && a.file === b.file;
}

/** Same locations in the same order. */
export function sameFrames(a: readonly SourceLocation[], b: readonly SourceLocation[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameLocation(a[i], b[i]!)) return false;
  return true;
}

function locationKey(l: SourceLocation): string {
  return `${l.line}:${l.column ?? ''}:${l.file}`;
}

/**
 * A flat copy of a text: V8 may keep a substring as a view of its parent, which would
 * keep a whole log chunk alive for a few characters. `String.fromCharCode` builds a
 * new sequential string, code unit by code unit, so even lone surrogates survive.
 */
export function detached(value: string): string {
  if (value.length < MIN_SLICED_LENGTH) return value;
  const units = new Array<number>(value.length);
  for (let i = 0; i < value.length; i++) units[i] = value.charCodeAt(i);
  return String.fromCharCode(...units);
}
