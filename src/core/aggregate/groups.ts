import type { Level } from '../events';
import type { SourceLocation } from '../mapping/frameResolver';

export type GroupKind = 'error' | 'log';

export interface Sample {
  timestamp: number;
  message: string;
  level?: Level;
}

/** One error group or logging statement's activity: what the hover, diagnostics and scan show. */
export interface Group {
  fingerprint: string;
  kind: GroupKind;
  service?: string;
  /** Exception type (errors) or the logger's level word (logs). */
  type?: string;
  message: string;
  /** Where the annotation goes. */
  location: SourceLocation;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** Occurrences per hour of the window, oldest first. */
  hourly: number[];
  releases: string[];
  levelCounts: Partial<Record<Level, number>>;
  /**
   * The newest lines a logging statement wrote (log groups), newest first. Error groups keep
   * none: nothing shows them (the hover and agent tools show samples of logging statements),
   * and the newest occurrence is already the group's message and lastSeen.
   */
  samples: Sample[];
  /** Other in-app frames of the outermost exception, innermost first. */
  calledFrom: SourceLocation[];
  /** The causes of the outermost exception, with their own crashing in-app frame where one resolves. */
  causedBy: { type: string; message: string; location?: SourceLocation }[];
  stacktrace?: string;
  source: string;
  link?: string;
  /** The code changed since the release that raised it (line drift). */
  changedSince: boolean;
  /** The release whose code the location was computed against, for "changed since release …". */
  changedSinceRelease?: string;
  /** A commit to move the line through (from the event's release or revision). */
  revision?: string;
}

/** What keeps the aggregate's memory bounded whatever the events hold. */
export interface GroupLimits {
  maxGroups: number;
  /** Samples kept per log group. */
  maxSamples: number;
  maxReleases: number;
  /** Other in-app frames kept for "called from". */
  maxFrames: number;
  /** Causes kept for "caused by". */
  maxCauses: number;
  /** Characters kept of a message (the group's, a sample's, a cause's) or a release name. */
  maxTextLength: number;
  /** Characters kept of the latest stack trace. */
  maxStackLength: number;
  /** Characters of full stack traces kept by all groups together; past it the least recently stored are cut to their head. */
  maxStackChars: number;
  /** What is kept of a trace cut for the budget (whole lines, up to this many characters). */
  stackHeadLength: number;
}

export const DEFAULT_LIMITS: GroupLimits = {
  maxGroups: 100_000,
  maxSamples: 5,
  maxReleases: 10,
  maxFrames: 50,
  maxCauses: 10,
  maxTextLength: 4096,
  maxStackLength: 64 * 1024,
  maxStackChars: 16 * 1024 * 1024,
  stackHeadLength: 512,
};
