import type { Level } from '../events';
import type { SourceLocation } from '../mapping/frameResolver';
import { DEFAULT_LIMITS, type Group, type GroupKind, type GroupLimits, type Sample } from './groups';
import { RecencyList } from './recencyList';
import { NO_FRAMES, SharedValues, sameFrames, sameLocation } from './sharedValues';
import { TraceBudget, type TraceHolder } from './traceBudget';

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

/**
 * A group with its bookkeeping: the hour the last slot of `group.hourly` counts, whether
 * that array is the group's own (else shared, frozen, with other groups), and its links
 * in the recency list and the trace budget (carried here, so no node object per group).
 */
class Entry implements TraceHolder {
  prev: Entry | undefined = undefined;
  next: Entry | undefined = undefined;
  traceSlot: TraceHolder['traceSlot'] = undefined;
  ownHours = true;

  constructor(
    readonly group: Group,
    public hourEnd: number,
  ) {}
}

/** Shared by every group without causes (frozen: groups share it, nobody may push). */
const NO_CAUSES: Group['causedBy'] = Object.freeze([]) as unknown as Group['causedBy'];
const NO_RELEASES: string[] = Object.freeze([]) as unknown as string[];
const NO_SAMPLES: Sample[] = Object.freeze([]) as unknown as Sample[];

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
 *
 * The groups `snapshot` returns are the live ones, not copies: a later `add` updates
 * them in place (a server with 100k groups polled twice a second would otherwise
 * copy 100k groups per poll and hold two copies of each). Values repeated across
 * groups (types, services, locations, "called from" lists) are shared, not copied.
 */
export class Aggregator {
  private readonly entries = new Map<string, Entry>();
  private readonly recency = new RecencyList<Entry>();
  private readonly limits: GroupLimits;
  private readonly shared = new SharedValues();
  private readonly traces: TraceBudget;
  /** Groups whose `hourly` changed since the last snapshot (their own arrays, to share again); a group leaving leaves it. */
  private readonly changedHours = new Set<Entry>();
  /** Slots of `hourly`: the hours of the window, the current one last. */
  private readonly hours: number;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    limits: Partial<GroupLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.hours = Math.max(1, Math.ceil(windowMs / HOUR_MS));
    this.traces = new TraceBudget(this.limits.maxStackChars, this.limits.stackHeadLength);
  }

  get size(): number {
    return this.entries.size;
  }

  add(o: Occurrence): void {
    const now = this.now();
    if (o.timestamp < now - this.windowMs || o.timestamp > now + HOUR_MS) return;
    this.expireOldest(now);
    const entry = this.entries.get(o.fingerprint) ?? this.create(o, now);
    const group = entry.group;
    group.count += o.count;
    if (o.timestamp < group.firstSeen) group.firstSeen = o.timestamp;
    if (o.timestamp >= group.lastSeen) {
      if (o.timestamp > group.lastSeen) this.recency.touch(entry);
      group.lastSeen = o.timestamp;
      this.takeNewest(entry, o);
    }
    if (o.level) group.levelCounts[o.level] = (group.levelCounts[o.level] ?? 0) + o.count;
    if (o.release) this.addRelease(group, o.release);
    if (group.kind === 'log') this.addSample(group, o);
    this.bumpHour(entry, Math.floor(now / HOUR_MS), o.timestamp, o.count);
  }

  /**
   * The newest occurrence speaks for the group: its message, trace and release are the
   * current ones. Location and revision come from the same occurrence: line drift moves
   * that location from that revision (a group's frames may sit on other lines in other
   * releases). What is unchanged keeps the instance the group holds.
   */
  private takeNewest(entry: Entry, o: Occurrence): void {
    const group = entry.group;
    const { maxTextLength, maxStackLength, maxFrames } = this.limits;
    if (o.message !== group.message) group.message = clip(o.message, maxTextLength);
    if (o.stacktrace) {
      if (o.stacktrace === group.stacktrace) this.traces.touch(entry);
      else this.traces.store(entry, clip(o.stacktrace, maxStackLength));
    }
    if (o.link) group.link = o.link;
    if (!sameLocation(group.location, o.location)) group.location = this.shared.location(o.location);
    const frames = o.calledFrom;
    if (frames && !sameFrames(group.calledFrom, frames.length > maxFrames ? frames.slice(0, maxFrames) : frames)) {
      group.calledFrom = this.shared.frames(frames.length > maxFrames ? frames.slice(0, maxFrames) : frames) as SourceLocation[];
    }
    if (o.causedBy) group.causedBy = this.causes(o.causedBy);
    const revision = o.revision ?? o.release;
    if (revision) {
      if (revision !== group.revision) group.revision = this.shared.text(clip(revision, maxTextLength));
    } else group.revision = undefined;
  }

  private causes(causes: Group['causedBy']): Group['causedBy'] {
    if (causes.length === 0) return NO_CAUSES;
    const { maxCauses, maxTextLength } = this.limits;
    return causes.slice(0, maxCauses).map((c) => {
      const cause: Group['causedBy'][number] = { type: this.shared.text(c.type), message: clip(c.message, maxTextLength) };
      if (c.location) cause.location = this.shared.location(c.location);
      return cause;
    });
  }

  private addRelease(group: Group, release: string): void {
    const releases = group.releases;
    if (releases.includes(release)) return;
    const name = this.shared.text(clip(release, this.limits.maxTextLength));
    if (releases.includes(name)) return; // a long name, already kept clipped
    if (releases === NO_RELEASES) group.releases = [name];
    else {
      releases.push(name);
      if (releases.length > this.limits.maxReleases) releases.shift();
    }
  }

  /** The live groups, their hourly buckets aligned to the window ending now. */
  snapshot(): Group[] {
    const now = this.now();
    const hour = Math.floor(now / HOUR_MS);
    const out: Group[] = [];
    for (const entry of this.entries.values()) {
      if (entry.group.lastSeen < now - this.windowMs) {
        this.remove(entry);
        continue;
      }
      this.alignHours(entry, hour);
      out.push(entry.group);
    }
    this.shareHours();
    return out;
  }

  /**
   * Most groups count a few events in a few hours, so many have equal hourly arrays: after
   * a snapshot each group holds the pooled (frozen) array equal to its own, and takes a copy
   * again when it next counts. 100k arrays of 24 slots are 24 MB; the distinct ones far fewer.
   */
  private shareHours(): void {
    for (const entry of this.changedHours) {
      entry.group.hourly = this.shared.counts(entry.group.hourly);
      entry.ownHours = false;
    }
    this.changedHours.clear();
  }

  /** The group's hourly array, made its own to change. */
  private ownHours(entry: Entry): number[] {
    if (!entry.ownHours) {
      entry.group.hourly = entry.group.hourly.slice();
      entry.ownHours = true;
      this.changedHours.add(entry);
    }
    return entry.group.hourly;
  }

  private create(o: Occurrence, now: number): Entry {
    if (this.entries.size >= this.limits.maxGroups) {
      const oldest = this.recency.oldest();
      if (oldest) this.remove(oldest);
    }
    const { maxTextLength, maxFrames } = this.limits;
    const frames = o.calledFrom ?? NO_FRAMES;
    // Every field set here, in one order, optional ones undefined rather than absent: all groups
    // share one hidden class with their fields inside the object (no property array per group).
    const group: Group = {
      fingerprint: o.fingerprint,
      kind: o.kind,
      service: o.service === undefined ? undefined : this.shared.text(o.service),
      type: o.type === undefined ? undefined : this.shared.text(clip(o.type, maxTextLength)),
      message: clip(o.message, maxTextLength),
      location: this.shared.location(o.location),
      count: 0,
      firstSeen: o.timestamp,
      lastSeen: o.timestamp,
      hourly: new Array<number>(this.hours).fill(0),
      releases: NO_RELEASES,
      levelCounts: {},
      samples: o.kind === 'log' ? [] : NO_SAMPLES,
      calledFrom: this.shared.frames(frames.length > maxFrames ? frames.slice(0, maxFrames) : frames) as SourceLocation[],
      causedBy: o.causedBy ? this.causes(o.causedBy) : NO_CAUSES,
      stacktrace: undefined,
      source: this.shared.text(o.source),
      link: undefined,
      changedSince: false,
      revision: undefined,
    };
    const entry = new Entry(group, Math.floor(now / HOUR_MS));
    this.recency.push(entry);
    this.entries.set(o.fingerprint, entry);
    this.changedHours.add(entry);
    return entry;
  }

  /** Shifts `hourly` so its last slot is `hour` (the hours between start at zero). */
  private alignHours(entry: Entry, hour: number): void {
    const shift = hour - entry.hourEnd;
    if (shift <= 0) return;
    const hourly = this.ownHours(entry);
    if (shift >= hourly.length) hourly.fill(0);
    else {
      hourly.copyWithin(0, shift);
      hourly.fill(0, hourly.length - shift);
    }
    entry.hourEnd = hour;
  }

  /** Counts an occurrence in its hour; one up to an hour ahead of the clock counts in the current hour. */
  private bumpHour(entry: Entry, nowHour: number, timestamp: number, count: number): void {
    this.alignHours(entry, nowHour);
    const hourly = this.ownHours(entry);
    const slot = hourly.length - 1 - Math.max(0, entry.hourEnd - Math.floor(timestamp / HOUR_MS));
    if (slot >= 0) hourly[slot]! += count;
  }

  /**
   * Keeps the newest `maxSamples` samples of a log group, newest first, without sorting on
   * every event. A message equal to one the group holds shares that string.
   */
  private addSample(group: Group, o: Occurrence): void {
    const samples = group.samples;
    let at = samples.length;
    while (at > 0 && samples[at - 1]!.timestamp < o.timestamp) at--;
    if (at >= this.limits.maxSamples) return;
    const message = this.sampleMessage(group, o.message);
    const sample: Sample = o.level ? { timestamp: o.timestamp, message, level: o.level } : { timestamp: o.timestamp, message };
    samples.splice(at, 0, sample);
    if (samples.length > this.limits.maxSamples) samples.length = this.limits.maxSamples;
  }

  private sampleMessage(group: Group, message: string): string {
    if (message === group.message) return group.message;
    for (const s of group.samples) if (s.message === message) return s.message;
    return clip(message, this.limits.maxTextLength);
  }

  /** Drops groups from the least recently seen end while they are out of the window. */
  private expireOldest(now: number): void {
    for (let entry = this.recency.oldest(); entry; entry = this.recency.oldest()) {
      if (entry.group.lastSeen >= now - this.windowMs) return;
      this.remove(entry);
    }
  }

  private remove(entry: Entry): void {
    this.traces.release(entry);
    this.changedHours.delete(entry);
    this.entries.delete(entry.group.fingerprint);
    this.recency.remove(entry);
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
