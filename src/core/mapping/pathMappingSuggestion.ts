/** What a path mapping suggestion needs of the workspace file index. */
export interface SuffixIndex {
  longestSuffixMatches(path: string): { matches: string[]; segments: number };
}

/** "N frames under FROM matched no single file: add a pathMapping from FROM to TO." */
export interface PathMappingSuggestion {
  /** Deployed prefix, ending in `/`. */
  from: string;
  /** Workspace folder (relative, ending in `/`, or '' for the root) where the frames' tails exist. */
  to: string;
  /** Frames (occurrences) the mapping would place. */
  frames: number;
  /** Other folders that explain as many frames, when the choice is not clear. */
  alternatives: string[];
}

/**
 * Suggests path mappings for frame paths that matched no file or several: for each
 * path, every file sharing its longest tail gives a candidate (deployed prefix →
 * workspace folder). Per prefix, the folder that explains the most frames wins: a
 * service's files that share names with another service's (`src/handler.js`) tie
 * one by one, but the folder holding all of them explains more.
 */
export function suggestPathMappings(paths: ReadonlyMap<string, number>, index: SuffixIndex, minimumFrames = 1): PathMappingSuggestion[] {
  const tally = new Map<string, Map<string, number>>();
  for (const [path, count] of paths) {
    const { matches, segments } = index.longestSuffixMatches(path);
    if (segments === 0) continue;
    const from = dropTrailingSegments(path, segments);
    if (from === undefined) continue;
    const perTo = tally.get(from) ?? new Map<string, number>();
    tally.set(from, perTo);
    for (const match of new Set(matches.map((m) => dropTrailingSegments(m, segments) ?? ''))) perTo.set(match, (perTo.get(match) ?? 0) + count);
  }
  const out: PathMappingSuggestion[] = [];
  for (const [from, perTo] of tally) {
    const ranked = [...perTo].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1));
    const [to, frames] = ranked[0]!;
    if (frames < minimumFrames) continue;
    out.push({ from, to, frames, alternatives: ranked.slice(1).filter(([, n]) => n === frames).map(([t]) => t) });
  }
  return mergeByPrefix(out).sort((a, b) => b.frames - a.frames);
}

/** The path without its last `segments` segments, keeping the `/` before them; undefined when nothing is left to map from. */
function dropTrailingSegments(path: string, segments: number): string | undefined {
  let end = path.length;
  for (let i = 0; i < segments; i++) {
    end = path.lastIndexOf('/', end - 1);
    if (end < 0) return i === segments - 1 ? '' : undefined;
  }
  return path.slice(0, end + 1);
}

/**
 * `/srv/app/src/` → `services/orders/src/` and `/srv/app/lib/` → `services/orders/lib/`
 * are one mapping, `/srv/app/` → `services/orders/`: suggestions whose prefixes differ
 * only by the same trailing folders on both sides merge into the shorter one.
 */
function mergeByPrefix(suggestions: PathMappingSuggestion[]): PathMappingSuggestion[] {
  const merged = new Map<string, PathMappingSuggestion>();
  for (const s of suggestions) {
    const { from, to } = commonRoot(s.from, s.to);
    const key = `${from}\u0000${to}`;
    const existing = merged.get(key);
    if (existing) existing.frames += s.frames;
    else merged.set(key, { ...s, from, to });
  }
  return [...merged.values()].filter((s) => s.from !== '' && s.from !== '/');
}

/** Strips the trailing folders `from` and `to` share (`/srv/app/src/`, `svc/src/` → `/srv/app/`, `svc/`). */
function commonRoot(from: string, to: string): { from: string; to: string } {
  let f = from;
  let t = to;
  for (;;) {
    const fSeg = lastSegment(f);
    const tSeg = lastSegment(t);
    if (fSeg === undefined || fSeg !== tSeg) return { from: f, to: t };
    const nf = f.slice(0, f.length - fSeg.length - 1);
    if (nf === '' || nf === '/') return { from: f, to: t };
    f = nf;
    t = t.slice(0, t.length - tSeg.length - 1);
  }
}

function lastSegment(folder: string): string | undefined {
  if (!folder.endsWith('/')) return undefined;
  const start = folder.lastIndexOf('/', folder.length - 2);
  const seg = folder.slice(start + 1, -1);
  return seg === '' ? undefined : seg;
}
