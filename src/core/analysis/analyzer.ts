import type { ProdEvent } from '../events';
import { Aggregator, type Occurrence } from '../aggregate/aggregator';
import type { Group } from '../aggregate/groups';
import type { OpsLensConfig } from '../config/opslensConfig';
import { driftGroups, withDrift, type GroupDrift, type LineDrift } from '../lineDrift/lineDrift';
import { mergeLogGroups } from '../lineDrift/mergeLogGroups';
import { FrameResolver, type SourceMapLookup } from '../mapping/frameResolver';
import { StackTraceCache } from '../stackTraces/stackTraceCache';
import type { FileIndex } from '../workspace/fileIndex';
import { LogSites } from './logSites';
import { placeEvent, type PlacementCaches, type StatementLookup, type Unplaced } from './placeEvent';

/** Counts that explain what happened to the events, per source: the basis of the health report. */
export interface PlacementStats {
  received: number;
  placed: number;
  unplaced: Record<Unplaced['reason'], number>;
  /** Frame paths that matched no workspace file, with how often (bounded). */
  unmatchedPaths: Map<string, number>;
  ambiguousPaths: Map<string, number>;
}

const MAX_TRACKED_PATHS = 1000;
/** Events placed before their occurrences are aggregated (see `ingest`). */
const PLACEMENT_BATCH = 512;

/** Turns events into groups placed on workspace lines (annotations with services and runbooks: core/services/groupServices). */
export class Analyzer {
  private readonly aggregator: Aggregator;
  private readonly resolver: FrameResolver;
  private readonly stats = new Map<string, PlacementStats>();
  /** Parsed traces by text and matched statements' sites, shared by every source (bounded). */
  private readonly caches: Required<PlacementCaches> = { stacks: new StackTraceCache(), logSites: new LogSites() };
  /** Working-tree positions of groups seen in older releases, from the last applyLineDrift. */
  private drift = new Map<string, GroupDrift>();
  private readonly sourceMaps: SourceMapLookup | undefined;
  private statements: StatementLookup | undefined;
  /** Log lines waiting for the statement index (set by `expectStatements`). */
  private awaitingStatements: ProdEvent[] | undefined;

  constructor(
    readonly config: OpsLensConfig,
    readonly index: FileIndex,
    now: () => number = Date.now,
    sourceMaps?: SourceMapLookup,
  ) {
    this.aggregator = new Aggregator(config.windowMs, now);
    this.resolver = new FrameResolver(index, config.services, sourceMaps);
    this.sourceMaps = sourceMaps;
  }

  /**
   * A statement index is being built: until `useStatements`, log lines that only it could
   * place are held (see `heldForStatements`) instead of being counted as unplaced, so a
   * caller may ingest errors before the index is ready without losing those lines.
   */
  expectStatements(): void {
    if (!this.statements) this.awaitingStatements ??= [];
  }

  /** Log lines without a location are matched to the workspace's logging statements from now on; held lines are placed now. */
  useStatements(lookup: StatementLookup | undefined): void {
    this.statements = lookup;
    const held = this.awaitingStatements;
    this.awaitingStatements = undefined;
    if (held) this.ingest(held);
  }

  /** How many log lines wait for the statement index (the caller bounds this: it decides when to wait for the index). */
  heldForStatements(): number {
    return this.awaitingStatements?.length ?? 0;
  }

  /**
   * Loads, without blocking, the source maps these events' compiled-JS frames need,
   * so that `ingest` (synchronous) finds them cached instead of reading the disk.
   * Parsed stacks are kept on the events for `ingest`.
   */
  async prepare(events: readonly ProdEvent[]): Promise<void> {
    if (!this.sourceMaps?.preload) return;
    const files: string[] = [];
    for (const event of events) {
      const exception = event.exception;
      if (!exception?.stacktrace) continue;
      exception.parsed ??= this.caches.stacks.parse(exception.stacktrace);
      for (const e of exception.parsed?.exceptions ?? []) for (const frame of e.frames) files.push(...this.resolver.compiledFilesFor(frame, event.service));
    }
    await this.sourceMaps.preload(files);
  }

  /**
   * Places a batch of events first and aggregates the placed ones after: each step then
   * runs over the batch with its own tables warm in the CPU cache (the matcher's tries,
   * the path cache, then the 100k groups' map), instead of every event evicting the
   * other step's tables. Batches are bounded, so the occurrences held in between are too.
   */
  ingest(events: Iterable<ProdEvent>): void {
    const placed = this.placedBatch;
    try {
      for (const event of events) {
        this.place(event, placed);
        if (placed.length >= PLACEMENT_BATCH) this.aggregatePlaced();
      }
    } finally {
      // Also when an event failed to place: the ones placed before it count, as they did unbatched.
      this.aggregatePlaced();
    }
  }

  /** Occurrences placed but not yet aggregated (ingest is synchronous). */
  private readonly placedBatch: Occurrence[] = [];

  private aggregatePlaced(): void {
    // Taken out of the batch before adding, so nothing is added twice if an add throws.
    for (const occurrence of this.placedBatch.splice(0)) this.aggregator.add(occurrence);
  }

  private place(event: ProdEvent, placed: Occurrence[]): void {
    if (this.awaitingStatements && needsStatementIndex(event)) {
      this.awaitingStatements.push(event);
      return;
    }
    const stats = this.statsFor(event.source);
    stats.received++;
    const placement = placeEvent(event, this.resolver, this.statements, this.caches);
    if ('placed' in placement) {
      stats.placed++;
      placed.push(placement.placed);
      return;
    }
    const why = placement.unplaced;
    stats.unplaced[why.reason]++;
    if (why.reason === 'noInAppFrame') {
      for (const p of why.unmatchedPaths) bump(stats.unmatchedPaths, p);
      for (const p of why.ambiguousPaths) bump(stats.ambiguousPaths, p);
    }
  }

  /**
   * Moves every group seen in an older release to its working-tree line (git
   * I/O, hence a step of its own: call it after ingesting, before reading groups).
   */
  async applyLineDrift(lineDrift: LineDrift): Promise<void> {
    this.drift = await driftGroups(lineDrift, this.aggregator.snapshot());
  }

  groups(): Group[] {
    const groups = this.aggregator.snapshot().map((g) => withDrift(g, this.drift.get(g.fingerprint)));
    return this.drift.size > 0 ? mergeLogGroups(groups) : groups;
  }

  placementStats(): ReadonlyMap<string, PlacementStats> {
    return this.stats;
  }

  private statsFor(source: string): PlacementStats {
    let s = this.stats.get(source);
    if (!s) {
      s = {
        received: 0,
        placed: 0,
        unplaced: { noLocation: 0, noInAppFrame: 0, unparsedStack: 0, ambiguousStatement: 0 },
        unmatchedPaths: new Map(),
        ambiguousPaths: new Map(),
      };
      this.stats.set(source, s);
    }
    return s;
  }
}

/** A log line with a message and neither a stack trace nor a code location: only the statement index can place it. */
function needsStatementIndex(event: ProdEvent): boolean {
  return !event.exception?.stacktrace && !event.code && Boolean(event.message);
}

function bump(map: Map<string, number>, key: string): void {
  const n = map.get(key);
  if (n !== undefined) map.set(key, n + 1);
  else if (map.size < MAX_TRACKED_PATHS) map.set(key, 1);
}
