import type { Level } from '../events';
import type { SourceLocation } from '../mapping/frameResolver';
import { DEFAULT_LIMITS, type Group, type GroupKind, type GroupLimits } from './groups';
import { RecencyList, type RecencyNode } from './recencyList';

const HOUR_MS = 3_600_000;

/** What one placed event contributes to its group. */
export interface Occurrence {
  fingerprint: string;
  kind: GroupKind;
  location: SourceLocation;
  timestamp: number;
  count: number;
  message: string;
  source: string;
  service?: string;
  type?: string;
  level?: Level;
  release?: string;
  revision?: string;
  link?: string;
  stacktrace?: string;
  calledFrom?: SourceLocation[];
  causedBy?: Group['causedBy'];
}

/** A group with its bookkeeping: the hour its `hourly[0]` counts, and its place in the recency list. */
interface Entry {
  group: Group;
  hourStart: number;
  node: RecencyNode<Entry>;
}

/**
 * Groups occurrences by fingerprint inside a time window. Memory is bounded: the
 * window drops old occurrences, each group keeps a few samples and releases, and
 * past `maxGroups` the least recently seen group is evicted.
 *
 * Groups sit in a recency list that a group moves to the end of whenever its
 * `lastSeen` advances, so the front is the least recently seen group and eviction
 * and window expiry cost O(1) each. The order is exact when events arrive in time
 * order (as polls deliver them); a late event for a new group only makes that group
 * live a little longer, never the aggregate larger.
 */
export class Aggregator {
  private readonly entries = new Map<string, Entry>();
  private readonly recency = new RecencyList<Entry>();
  private readonly limits: GroupLimits;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    limits: Partial<GroupLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  get size(): number {
    return this.entries.size;
  }

  add(occurrence: Occurrence): void {
    const now = this.now();
    if (occurrence.timestamp < now - this.windowMs || occurrence.timestamp > now + HOUR_MS) return;
    const o = this.bounded(occurrence);
    this.expireOldest(now);
    const entry = this.entries.get(o.fingerprint) ?? this.create(o);
    const group = entry.group;
    group.count += o.count;
    group.firstSeen = Math.min(group.firstSeen, o.timestamp);
    if (o.timestamp >= group.lastSeen) {
      if (o.timestamp > group.lastSeen) this.recency.touch(entry.node);
      group.lastSeen = o.timestamp;
      // The newest occurrence speaks for the group: its message, trace and release are the current ones.
      group.message = o.message;
      if (o.stacktrace) group.stacktrace = o.stacktrace;
      if (o.link) group.link = o.link;
      // Location and revision come from the same occurrence: line drift moves that
      // location from that revision (a group's frames may sit on other lines in other releases).
      group.location = o.location;
      if (o.calledFrom) group.calledFrom = o.calledFrom;
      if (o.causedBy) group.causedBy = o.causedBy;
      const revision = o.revision ?? o.release;
      if (revision) group.revision = revision;
      else delete group.revision;
    }
    if (o.level) group.levelCounts[o.level] = (group.levelCounts[o.level] ?? 0) + o.count;
    if (o.release && !group.releases.includes(o.release)) {
      group.releases.push(o.release);
      if (group.releases.length > this.limits.maxReleases) group.releases.shift();
    }
    this.addSample(group, o);
    this.bumpHour(entry, o.timestamp, o.count);
  }

  /** The occurrence with every text and list cut to the limits: what a group keeps of it. */
  private bounded(o: Occurrence): Occurrence {
    const { maxTextLength, maxStackLength, maxFrames, maxCauses } = this.limits;
    const out: Occurrence = { ...o, message: clip(o.message, maxTextLength) };
    if (o.stacktrace) out.stacktrace = clip(o.stacktrace, maxStackLength);
    if (o.release) out.release = clip(o.release, maxTextLength);
    if (o.calledFrom && o.calledFrom.length > maxFrames) out.calledFrom = o.calledFrom.slice(0, maxFrames);
    if (o.causedBy) out.causedBy = o.causedBy.slice(0, maxCauses).map((c) => ({ ...c, message: clip(c.message, maxTextLength) }));
    return out;
  }

  /** Groups with their hourly buckets aligned to the window ending now. */
  snapshot(): Group[] {
    const now = this.now();
    const out: Group[] = [];
    for (const entry of this.entries.values()) {
      if (entry.group.lastSeen < now - this.windowMs) {
        this.remove(entry);
        continue;
      }
      out.push({ ...entry.group, hourly: this.alignedHours(entry, now) });
    }
    return out;
  }

  private create(o: Occurrence): Entry {
    if (this.entries.size >= this.limits.maxGroups) {
      const oldest = this.recency.oldest();
      if (oldest) this.remove(oldest.value);
    }
    const group: Group = {
      fingerprint: o.fingerprint,
      kind: o.kind,
      message: o.message,
      location: o.location,
      count: 0,
      firstSeen: o.timestamp,
      lastSeen: o.timestamp,
      hourly: [],
      releases: [],
      levelCounts: {},
      samples: [],
      calledFrom: o.calledFrom ?? [],
      causedBy: o.causedBy ?? [],
      source: o.source,
      changedSince: false,
    };
    if (o.service) group.service = o.service;
    if (o.type) group.type = o.type;
    const entry = { group, hourStart: Math.floor(o.timestamp / HOUR_MS) } as Entry;
    entry.node = this.recency.push(entry); // the entry and its node point at each other
    this.entries.set(o.fingerprint, entry);
    return entry;
  }

  private bumpHour(entry: Entry, timestamp: number, count: number): void {
    const hourly = entry.group.hourly;
    const hour = Math.floor(timestamp / HOUR_MS);
    if (hour < entry.hourStart) {
      hourly.unshift(...new Array<number>(entry.hourStart - hour).fill(0));
      entry.hourStart = hour;
    }
    const index = hour - entry.hourStart;
    while (hourly.length <= index) hourly.push(0);
    hourly[index] = (hourly[index] ?? 0) + count;
    const maxHours = Math.ceil(this.windowMs / HOUR_MS) + 1;
    if (hourly.length > maxHours) {
      const drop = hourly.length - maxHours;
      hourly.splice(0, drop);
      entry.hourStart += drop;
    }
  }

  private alignedHours(entry: Entry, now: number): number[] {
    const hours = Math.max(1, Math.ceil(this.windowMs / HOUR_MS));
    const lastHour = Math.floor(now / HOUR_MS);
    const firstHour = lastHour - hours + 1;
    const out = new Array<number>(hours).fill(0);
    entry.group.hourly.forEach((count, i) => {
      const slot = entry.hourStart + i - firstHour;
      if (slot >= 0 && slot < hours) out[slot]! += count;
    });
    return out;
  }

  /** Keeps the newest `maxSamples` samples, newest first, without sorting on every event. */
  private addSample(group: Group, o: Occurrence): void {
    const samples = group.samples;
    let at = samples.length;
    while (at > 0 && samples[at - 1]!.timestamp < o.timestamp) at--;
    if (at >= this.limits.maxSamples) return;
    const sample = o.level ? { timestamp: o.timestamp, message: o.message, level: o.level } : { timestamp: o.timestamp, message: o.message };
    samples.splice(at, 0, sample);
    if (samples.length > this.limits.maxSamples) samples.length = this.limits.maxSamples;
  }

  /** Drops groups from the least recently seen end while they are out of the window. */
  private expireOldest(now: number): void {
    for (let node = this.recency.oldest(); node; node = this.recency.oldest()) {
      if (node.value.group.lastSeen >= now - this.windowMs) return;
      this.remove(node.value);
    }
  }

  private remove(entry: Entry): void {
    this.entries.delete(entry.group.fingerprint);
    this.recency.remove(entry.node);
  }
}

/**
 * A long text cut to `max` characters and copied: V8 may keep a slice as a view
 * of its parent string, which would keep a whole log chunk alive for a few words.
 */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return Buffer.from(`${text.slice(0, max)}…`, 'utf8').toString('utf8');
}
