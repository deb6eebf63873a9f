import type { Level } from '../events';
import type { SourceLocation } from '../mapping/frameResolver';
import { DEFAULT_LIMITS, type Group, type GroupKind, type GroupLimits } from './groups';

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
 * Groups occurrences by fingerprint inside a time window. Memory is bounded: the
 * window drops old occurrences, each group keeps a few samples and releases, and
 * past `maxGroups` the least recently seen group is evicted.
 */
export class Aggregator {
  private readonly groups = new Map<string, Group>();
  private readonly limits: GroupLimits;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    limits: Partial<GroupLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  get size(): number {
    return this.groups.size;
  }

  add(o: Occurrence): void {
    const now = this.now();
    if (o.timestamp < now - this.windowMs || o.timestamp > now + HOUR_MS) return;
    let group = this.groups.get(o.fingerprint);
    if (!group) {
      if (this.groups.size >= this.limits.maxGroups) this.evictOldest();
      group = {
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
      this.groups.set(o.fingerprint, group);
    }
    group.count += o.count;
    group.firstSeen = Math.min(group.firstSeen, o.timestamp);
    if (o.timestamp >= group.lastSeen) {
      group.lastSeen = o.timestamp;
      // The newest occurrence speaks for the group: its message, trace and release are the current ones.
      group.message = o.message;
      if (o.stacktrace) group.stacktrace = o.stacktrace;
      if (o.link) group.link = o.link;
      if (o.revision ?? o.release) group.revision = o.revision ?? o.release;
    }
    if (o.level) group.levelCounts[o.level] = (group.levelCounts[o.level] ?? 0) + o.count;
    if (o.release && !group.releases.includes(o.release)) {
      group.releases.push(o.release);
      if (group.releases.length > this.limits.maxReleases) group.releases.shift();
    }
    this.addSample(group, o);
    this.bumpHour(group, o.timestamp, o.count);
  }

  /** Groups with their hourly buckets aligned to the window ending now. */
  snapshot(): Group[] {
    const now = this.now();
    const out: Group[] = [];
    for (const group of this.groups.values()) {
      if (group.lastSeen < now - this.windowMs) {
        this.groups.delete(group.fingerprint);
        continue;
      }
      out.push({ ...group, hourly: this.alignedHours(group, now) });
    }
    return out;
  }

  private readonly hourStart = new Map<string, number>();

  private bumpHour(group: Group, timestamp: number, count: number): void {
    const hour = Math.floor(timestamp / HOUR_MS);
    let first = this.hourStart.get(group.fingerprint);
    if (first === undefined) {
      first = hour;
      this.hourStart.set(group.fingerprint, hour);
    }
    if (hour < first) {
      group.hourly.unshift(...new Array<number>(first - hour).fill(0));
      first = hour;
      this.hourStart.set(group.fingerprint, hour);
    }
    const index = hour - first;
    while (group.hourly.length <= index) group.hourly.push(0);
    group.hourly[index] = (group.hourly[index] ?? 0) + count;
    const maxHours = Math.ceil(this.windowMs / HOUR_MS) + 1;
    if (group.hourly.length > maxHours) {
      const drop = group.hourly.length - maxHours;
      group.hourly.splice(0, drop);
      this.hourStart.set(group.fingerprint, first + drop);
    }
  }

  private alignedHours(group: Group, now: number): number[] {
    const hours = Math.max(1, Math.ceil(this.windowMs / HOUR_MS));
    const lastHour = Math.floor(now / HOUR_MS);
    const firstHour = lastHour - hours + 1;
    const start = this.hourStart.get(group.fingerprint) ?? lastHour;
    const out = new Array<number>(hours).fill(0);
    group.hourly.forEach((count, i) => {
      const slot = start + i - firstHour;
      if (slot >= 0 && slot < hours) out[slot]! += count;
    });
    return out;
  }

  private addSample(group: Group, o: Occurrence): void {
    const sample = o.level ? { timestamp: o.timestamp, message: o.message, level: o.level } : { timestamp: o.timestamp, message: o.message };
    group.samples.push(sample);
    group.samples.sort((a, b) => b.timestamp - a.timestamp);
    if (group.samples.length > this.limits.maxSamples) group.samples.length = this.limits.maxSamples;
  }

  private evictOldest(): void {
    let oldest: Group | undefined;
    for (const g of this.groups.values()) if (!oldest || g.lastSeen < oldest.lastSeen) oldest = g;
    if (oldest) {
      this.groups.delete(oldest.fingerprint);
      this.hourStart.delete(oldest.fingerprint);
    }
  }
}
