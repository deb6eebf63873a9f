import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Group } from '../aggregate/groups';
import { LruCache } from '../lruCache';
import type { SourceLocation } from '../mapping/frameResolver';
import { moveLine, parseZeroContextDiff, type Hunk } from './diffHunks';
import { findGitRoot, runGit, type GitRunner } from './git';
import { revisionCandidates } from './releaseNames';

/** Where a group's lines are in the working tree, computed for one revision. */
export interface GroupDrift {
  /** The revision this was computed for: stale once the group's revision changes. */
  revision: string;
  location: SourceLocation;
  calledFrom: SourceLocation[];
  causedBy: Group['causedBy'];
  changedSince: boolean;
}

interface CommitEntry {
  commit: Promise<string | undefined>;
  at: number;
  /** The commit, once the lookup found one. */
  settled?: string;
}

export interface LineDriftOptions {
  /** Release names remembered with the commit they name (or none). */
  maxReleases?: number;
  /** (commit, file, file state) diffs remembered. */
  maxDiffs?: number;
  run?: GitRunner;
  /** A release that named no commit is asked about again after this long (a fetch may bring it). */
  retryUnknownAfterMs?: number;
  now?: () => number;
}

/**
 * Moves lines seen in an older release to where they are in the working tree, by
 * git's own zero-context diff from the release's commit to the working tree
 * (committed and uncommitted changes alike). A release that names no commit of the
 * repository (and no tag `NAME` or `vNAME`) leaves lines where they are.
 */
export class LineDrift {
  private readonly commits: LruCache<string, CommitEntry>;
  private readonly diffs: LruCache<string, Promise<Hunk[] | undefined>>;
  private readonly run: GitRunner;
  private readonly retryUnknownAfterMs: number;
  private readonly now: () => number;
  /** File states read during one driftGroups batch: one stat per file, not one per group. */
  private batchStamps: Map<string, Promise<string>> | undefined;

  constructor(
    readonly gitRoot: string,
    readonly workspaceRoot: string,
    options: LineDriftOptions = {},
  ) {
    this.commits = new LruCache(options.maxReleases ?? 1000);
    this.diffs = new LruCache(options.maxDiffs ?? 2000);
    this.run = options.run ?? runGit;
    this.retryUnknownAfterMs = options.retryUnknownAfterMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** A LineDrift for the git repository holding the workspace, or undefined when it is not in one. */
  static async discover(workspaceRoot: string, options: LineDriftOptions = {}): Promise<LineDrift | undefined> {
    const gitRoot = await findGitRoot(workspaceRoot, options.run);
    if (gitRoot === undefined) return undefined;
    // git prints the top folder with symbolic links resolved; the workspace path must match it to be made relative.
    const real = await fs.realpath(workspaceRoot).catch(() => workspaceRoot);
    return new LineDrift(gitRoot, real, options);
  }

  /** The full commit id a release names in this repository, or undefined. */
  commitFor(release: string): Promise<string | undefined> {
    const known = this.commits.get(release);
    if (known && (this.now() - known.at < this.retryUnknownAfterMs || known.settled !== undefined)) return known.commit;
    const commit = this.resolveCommit(release);
    const entry: CommitEntry = { commit, at: this.now() };
    // A commit, once found, stays valid; "no such commit" is asked again later.
    void commit.then((sha) => {
      if (sha !== undefined) entry.settled = sha;
    });
    this.commits.set(release, entry);
    return commit;
  }

  /** A workspace location seen in `release`, moved to the working tree; undefined when the release is no known commit. */
  async move(release: string, location: SourceLocation): Promise<MovedLocation | undefined> {
    const hunks = await this.hunksSince(release, location.file);
    return hunks === undefined ? undefined : moveLocation(hunks, location);
  }

  /** The zero-context hunks from the release's commit to the working tree for one file; undefined when the release is no known commit. */
  async hunksSince(release: string, file: string): Promise<Hunk[] | undefined> {
    const commit = await this.commitFor(release);
    return commit === undefined ? undefined : this.hunksFor(commit, file);
  }

  private async resolveCommit(release: string): Promise<string | undefined> {
    for (const candidate of revisionCandidates(release)) {
      const out = await this.run(this.gitRoot, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
      const sha = out?.trim();
      if (sha) return sha;
    }
    return undefined;
  }

  /** Runs `work` with file states read once per file (a batch over many groups). */
  async batch<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.batchStamps;
    this.batchStamps ??= new Map();
    try {
      return await work();
    } finally {
      this.batchStamps = outer;
    }
  }

  private fileStamp(absolute: string): Promise<string> {
    const known = this.batchStamps?.get(absolute);
    if (known) return known;
    const stamp = fs.stat(absolute).then(
      (s) => `${s.mtimeMs}:${s.size}`,
      () => 'missing',
    );
    this.batchStamps?.set(absolute, stamp);
    return stamp;
  }

  private async hunksFor(commit: string, file: string): Promise<Hunk[] | undefined> {
    const absolute = path.join(this.workspaceRoot, file);
    const inRepo = path.relative(this.gitRoot, absolute).split(path.sep).join('/');
    if (inRepo.startsWith('../') || path.isAbsolute(inRepo)) return undefined;
    // The diff runs against the working tree, so the file's state is part of the key: an edit invalidates it.
    const stamp = await this.fileStamp(absolute);
    const key = `${commit}\0${inRepo}\0${stamp}`;
    let hunks = this.diffs.get(key);
    if (!hunks) {
      hunks = this.run(this.gitRoot, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=0', commit, '--', inRepo]).then((out) =>
        out === undefined ? undefined : parseZeroContextDiff(out),
      );
      this.diffs.set(key, hunks);
    }
    return hunks;
  }
}

const CONCURRENT_DIFFS = 4;

export interface MovedLocation {
  location: SourceLocation;
  changed: boolean;
}

/** A location moved through a file's hunks. */
export function moveLocation(hunks: readonly Hunk[], location: SourceLocation): MovedLocation {
  const moved = moveLine(hunks, location.line);
  const out: SourceLocation = { file: location.file, line: moved.line };
  // A column belongs to the old line's text; it only still applies when the line is untouched.
  if (location.column !== undefined && !moved.changed) out.column = location.column;
  return { location: out, changed: moved.changed };
}

/**
 * Drift for every group that has a revision, keyed by fingerprint. The git work is
 * per distinct (revision, file), a few at a time; moving each group's lines is then
 * synchronous, so a poll over many groups costs little more than its distinct files.
 */
export async function driftGroups(drift: LineDrift, groups: readonly Group[]): Promise<Map<string, GroupDrift>> {
  const pairs = new Map<string, { revision: string; file: string }>();
  for (const g of groups) {
    if (g.revision === undefined) continue;
    for (const l of [g.location, ...g.calledFrom, ...g.causedBy.map((c) => c.location)]) {
      if (l) pairs.set(pairKey(g.revision, l.file), { revision: g.revision, file: l.file });
    }
  }
  const hunks = new Map<string, Hunk[] | undefined>();
  const pending = [...pairs];
  const worker = async (): Promise<void> => {
    for (let next = pending.pop(); next; next = pending.pop()) hunks.set(next[0], await drift.hunksSince(next[1].revision, next[1].file));
  };
  await drift.batch(() => Promise.all(Array.from({ length: Math.min(CONCURRENT_DIFFS, pending.length) }, worker)));
  const out = new Map<string, GroupDrift>();
  for (const g of groups) {
    const result = g.revision === undefined ? undefined : groupDrift(g, g.revision, hunks);
    if (result) out.set(g.fingerprint, result);
  }
  return out;
}

function groupDrift(group: Group, revision: string, hunks: ReadonlyMap<string, Hunk[] | undefined>): GroupDrift | undefined {
  const move = (l: SourceLocation): MovedLocation | undefined => {
    const h = hunks.get(pairKey(revision, l.file));
    return h === undefined ? undefined : moveLocation(h, l);
  };
  const top = move(group.location);
  if (!top) return undefined;
  const calledFrom = group.calledFrom.map((l) => move(l)?.location ?? l);
  const causedBy = group.causedBy.map((cause) => (cause.location ? { ...cause, location: move(cause.location)?.location ?? cause.location } : cause));
  return { revision, location: top.location, calledFrom, causedBy, changedSince: top.changed };
}

function pairKey(revision: string, file: string): string {
  return `${revision}\0${file}`;
}

/** The group as the working tree sees it, when a drift computed for its current revision exists. */
export function withDrift(group: Group, drift: GroupDrift | undefined): Group {
  if (!drift || drift.revision !== group.revision) return group;
  return { ...group, location: drift.location, calledFrom: drift.calledFrom, causedBy: drift.causedBy, changedSince: drift.changedSince, changedSinceRelease: drift.revision };
}
